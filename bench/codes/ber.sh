#!/usr/bin/env bash
# The DDECC table of docs/codes.md: for each code, train a DDECC decoder (ECC transformer N = 2, d = 32, 8 heads,
# Eb/N0 uniform in [3, 7] dB, batch 128, seed 1), then bit/block error rates at Eb/N0 = 4, 5, 6 dB of hard-decision,
# belief propagation (5 iterations), exact ML (k <= 16) and DDECC on the same codewords and noise (seed 1).
# One PyTorch thread, nice 10; each stage is skipped when its output exists, so an interrupted run resumes.
# Usage: bench/codes/ber.sh [OUT=runs/codes] [CODES="hamming-7-4 bch-31-16 bch-63-51 polar-64-32"]
# D4J=path/to/launcher overrides ./d4j. Wall time on the shared 2-core machine: 3-8 min per training, 1-5 min per ber run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
out="${1:-runs/codes}"
codes="${2:-hamming-7-4 bch-31-16 bch-63-51 polar-64-32}"
export D4J_JAVA_OPTS="${D4J_JAVA_OPTS:--Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1}"
export OMP_NUM_THREADS=1
launcher="${D4J:-./d4j}"
d4j() { nice -n 10 "$launcher" "$@"; }
step() { local dir=$1; shift; if [ -f "$dir/$1" ]; then echo "skip $dir"; return; fi; shift; echo "== $dir: $*" >&2; "$@"; }
EBN0=(--ebn0 4,5,6 --min-errors 100 --seed 1)

for c in $codes; do
  case $c in
    hamming-7-4|bch-31-16) steps=2000; classic=hard,bp,ml ;;
    bch-63-51) steps=1000; classic=hard,bp ;;
    polar-64-32) steps=1000; classic=hard,bp ;;
    *) echo "unknown code $c" >&2; exit 2 ;;
  esac
  o="$out/$c"
  step "$o/ddecc" ddecc.safetensors d4j code train --code "$c" --steps "$steps" --batch 128 --layers 2 --d 32 --heads 8 --ebn0 3:7 \
    --seed 1 --out "$o/ddecc"
  step "$o/ber-classic" ber.json d4j code ber --code "$c" --decoder "$classic" --bp-iterations 5 "${EBN0[@]}" --max-blocks 1000000 \
    --out "$o/ber-classic"
  step "$o/ber-ddecc" ber.json d4j code ber --code "$c" --decoder ddecc --model "$o/ddecc" "${EBN0[@]}" --max-blocks 100000 \
    --out "$o/ber-ddecc"
done
