#!/usr/bin/env bash
# The measurements of docs/mimo.md, one case per argument (each about 3-10 min on one busy core):
#   small       4x4 and 8x8 16-QAM, i.i.d. Rayleigh: MMSE, V-BLAST, ML, ALD (L = 25, T = 20, 20 chains)
#   large       32x32 QPSK and 16x16 16-QAM, i.i.d. Rayleigh: MMSE, V-BLAST, ALD (defaults L = 20, T = 10, 4 chains)
#   steps       16x16 16-QAM at one SNR: SER of ALD against Langevin steps per level T
#   kronecker   8x8 16-QAM, Kronecker rho = 0.7: MMSE, V-BLAST, ML, ALD (L = 25, T = 20, 20 chains)
#   throughput  ALD detections/s (defaults) at N_T = N_R = 4, 8, 16, 32 with 16-QAM
#   paper       4x4 16-QAM at 22 and 24 dB and 8x8 at 20 and 22 dB: ML and ALD with the paper's T = 70 (L = 25, 20 chains)
#   estimate    16x4 geometric channel: train a channel prior, then NMSE of LS, LMMSE and the diffusion prior
# Results go to runs/bench-mimo/<case>/...; D4J names the launcher (default ./d4j).
# Usage: bench/mimo/run.sh small|large|steps|kronecker|throughput|paper|estimate
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
d4j="${D4J:-./d4j}"
out=runs/bench-mimo
paper=(--ald-levels 25 --ald-steps 20 --ald-chains 20)
case "${1:-}" in
  small)
    nice -n 5 "$d4j" mimo ser --nt 4 --nr 4 --modulation 16qam --snr 18:24:2 --detectors mmse,vblast,ml,ald "${paper[@]}" \
      --min-errors 500 --max-vectors 12000 --out "$out/4x4-16qam"
    nice -n 5 "$d4j" mimo ser --nt 8 --nr 8 --modulation 16qam --snr 14:20:2 --detectors mmse,vblast,ml,ald "${paper[@]}" \
      --min-errors 500 --max-vectors 5000 --out "$out/8x8-16qam" ;;
  large)
    nice -n 5 "$d4j" mimo ser --nt 32 --nr 32 --modulation qpsk --snr 8:24:4 --detectors mmse,vblast,ald \
      --min-errors 500 --max-vectors 1500 --out "$out/32x32-qpsk"
    nice -n 5 "$d4j" mimo ser --nt 16 --nr 16 --modulation 16qam --snr 16:36:4 --detectors mmse,vblast,ald \
      --min-errors 500 --max-vectors 3000 --out "$out/16x16-16qam" ;;
  steps)
    for t in 1 2 5 10 20 40; do
      nice -n 5 "$d4j" mimo ser --nt 16 --nr 16 --modulation 16qam --snr "${SNR:-24}" --detectors ald --ald-steps "$t" \
        --min-errors 500 --max-vectors 1000 --out "$out/steps-16x16/T$t" | grep '^ald'
    done ;;
  kronecker)
    nice -n 5 "$d4j" mimo ser --nt 8 --nr 8 --modulation 16qam --channel kronecker --rho 0.7 --snr 18:26:2 \
      --detectors mmse,vblast,ml,ald "${paper[@]}" --min-errors 500 --max-vectors 4000 --out "$out/kronecker-8x8-16qam" ;;
  throughput)
    for n in 4 8 16 32; do
      v=$((n <= 8 ? 4000 : 1000))
      s=$(date +%s.%N)
      nice -n 5 "$d4j" mimo ser --nt "$n" --nr "$n" --modulation 16qam --snr 20 --detectors ald --min-errors 1000000000 \
        --max-vectors "$v" --out "$out/throughput/$n" > /dev/null
      e=$(date +%s.%N)
      echo "$n x $n: $v detections in $(echo "$e - $s" | bc) s (JVM start included): $(echo "$v / ($e - $s)" | bc) detections/s"
    done ;;
  paper)
    nice -n 5 "$d4j" mimo ser --nt 4 --nr 4 --modulation 16qam --snr 22,24 --detectors ml,ald --ald-levels 25 --ald-steps 70 \
      --ald-chains 20 --min-errors 300 --max-vectors 4000 --out "$out/4x4-16qam-T70"
    nice -n 5 "$d4j" mimo ser --nt 8 --nr 8 --modulation 16qam --snr 20,22 --detectors ml,ald --ald-levels 25 --ald-steps 70 \
      --ald-chains 20 --min-errors 300 --max-vectors 2000 --out "$out/8x8-16qam-T70" ;;
  estimate)
    e="$out/estimate"; mkdir -p "$e"
    "$d4j" mimo channels --channel geometric --nr 16 --nt 4 --n 50000 --out "$e/h16x4.npy"
    [ -f "$e/prior/model.safetensors" ] || nice -n 5 "$d4j" train --data "$e/h16x4.npy" --hidden 256,256,256 --steps 4000 \
      --batch 256 --lr 1e-3 --out "$e/prior"
    nice -n 5 "$d4j" mimo estimate --run "$e/prior" --channel geometric --nr 16 --nt 4 --pilots 2 --snr 10 --channels 100 \
      --out "$e/p2"
    nice -n 5 "$d4j" mimo estimate --channel geometric --nr 16 --nt 4 --pilots 2,4 --snr 0:20:10 --channels 300 --out "$e/linear" ;;
  *) echo "usage: bench/mimo/run.sh small|large|steps|kronecker|throughput|paper|estimate" >&2; exit 2 ;;
esac
