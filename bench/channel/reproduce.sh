#!/usr/bin/env bash
# Regenerates every figure of the channel section of the README with fixed seeds (seed 1 throughout).
# One PyTorch thread, nice 10; each stage is skipped when its output exists, so an interrupted run resumes.
# Usage: bench/channel/reproduce.sh [OUT=runs/channel-repro] [STAGES="toy awgn rayleigh sspa iterative"]
# On a shared 2-core machine (wall): toy ~1 min, awgn ~22 min, rayleigh/sspa ~14 min each, iterative ~14 min.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
out="${1:-runs/channel-repro}"
stages="${2:-toy awgn rayleigh sspa iterative}"
export D4J_JAVA_OPTS="${D4J_JAVA_OPTS:--Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1}"
export OMP_NUM_THREADS=1
d4j() { nice -n 10 ./d4j "$@"; }
# AE budget through learned models (each step back-propagates through the 10-step sampling chain) and on the true channel
LEARNED=(--steps 3000 --batch 500)
FULL=(--steps 10000 --batch 1000)
step() { local dir=$1; shift; if [ -f "$dir/$1" ]; then echo "skip $dir"; return; fi; shift; echo "== $dir: $*" >&2; "$@"; }

for s in $stages; do
  case $s in
    toy) step "$out/toy" toy.json d4j channel toy --seed 1 --out "$out/toy" ;;
    awgn|rayleigh|sspa)
      c=$s; o="$out/$c"; common=(--channel "$c" --ebn0 5 --seed 1)
      step "$o/ae-true" summary.json d4j channel train-ae "${common[@]}" --method true "${FULL[@]}" --eval 5,7 --out "$o/ae-true"
      step "$o/ae-true-short" summary.json d4j channel train-ae "${common[@]}" --method true "${LEARNED[@]}" --eval 5,7 --out "$o/ae-true-short"
      step "$o/model-diffusion" fidelity.json d4j channel train-model "${common[@]}" --method diffusion --sampler dpmpp-2m --out "$o/model-diffusion"
      step "$o/ae-diffusion-dpm2m" summary.json d4j channel train-ae "${common[@]}" --method diffusion --model "$o/model-diffusion" \
        --sampler dpmpp-2m "${LEARNED[@]}" --eval 5,7 --out "$o/ae-diffusion-dpm2m"
      if [ "$c" = awgn ]; then
        step "$o/ae-diffusion-ddim" summary.json d4j channel train-ae "${common[@]}" --method diffusion --model "$o/model-diffusion" \
          --sampler ddim "${LEARNED[@]}" --eval 5,7 --out "$o/ae-diffusion-ddim"
      fi
      step "$o/ae-wgan" summary.json d4j channel train-ae "${common[@]}" --method wgan "${LEARNED[@]}" --eval 5,7 --out "$o/ae-wgan"
      aes=(); for a in "$o"/ae-*; do aes+=(--ae "$a"); done
      step "$o/ber" ber.json d4j channel ber --channel "$c" --ebn0 0:8:1 --max-blocks 10000000 --seed 1 "${aes[@]}" --out "$o/ber" ;;
    iterative)
      o="$out/awgn"
      step "$o/ae-diffusion-iterative" summary.json d4j channel train-ae --channel awgn --ebn0 5 --seed 1 --method diffusion \
        --algorithm iterative --rounds 3 --model-steps 3000 --dataset 20000 --sampler dpmpp-2m --steps 1000 --batch 500 --eval 5,7 \
        --out "$o/ae-diffusion-iterative"
      aes=(); for a in "$o"/ae-*; do aes+=(--ae "$a"); done
      step "$o/ber-with-iterative" ber.json d4j channel ber --channel awgn --ebn0 0:8:1 --max-blocks 10000000 --seed 1 "${aes[@]}" \
        --out "$o/ber-with-iterative" ;;
    *) echo "unknown stage $s" >&2; exit 2 ;;
  esac
done
