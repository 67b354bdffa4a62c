#!/usr/bin/env bash
# The tapped-delay-line and fast-fading measurements of docs/channel.md ("Channels that GANs fail on"), seed 1.
# One PyTorch thread, nice 10; each stage is skipped when its output exists, so an interrupted run resumes.
# Usage: bench/channel/fading.sh [OUT=runs/channel-fading] [STAGES="tdl rayleigh-fast rayleigh-fast-csi"]
# D4J=path/to/launcher overrides ./d4j. Stages are independent (run them side by side). Wall time on a quiet core: ~6 min per
# stage; on the shared 2-core machine at load 11 (nice 10 gets ~10 % of a core) it took ~50 min per stage.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
out="${1:-runs/channel-fading}"
stages="${2:-tdl rayleigh-fast rayleigh-fast-csi}"
export D4J_JAVA_OPTS="${D4J_JAVA_OPTS:--Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1}"
export OMP_NUM_THREADS=1
launcher="${D4J:-./d4j}"
d4j() { nice -n 10 "$launcher" "$@"; }
# models: diffusion 6000 steps (batch 512, MLP 3×128, DPM-Solver++(2M)-10), WGAN its default 3000 steps; 100 000 pairs
MODEL_DIFFUSION=(--method diffusion --sampler dpmpp-2m --model-steps 6000)
MODEL_WGAN=(--method wgan)
# AE budget through a learned model (each step back-propagates through the sampling chain) and on the true channel
LEARNED=(--steps 600 --batch 500)
FULL=(--steps 3000 --batch 1000)
EVAL=(--min-errors 200 --max-blocks 2000000)
step() { local dir=$1; shift; if [ -f "$dir/$1" ]; then echo "skip $dir"; return; fi; shift; echo "== $dir: $*" >&2; "$@"; }

for s in $stages; do
  case $s in
    tdl) common=(--channel tdl --M 16 --n 8 --taps 3 --tap-decay 2 --ebn0 10 --seed 1); ev=(--eval 10,15) ;;
    rayleigh-fast|rayleigh-fast-csi) common=(--channel "$s" --M 16 --n 7 --ebn0 12 --seed 1); ev=(--eval 10,15) ;;
    *) echo "unknown stage $s" >&2; exit 2 ;;
  esac
  o="$out/$s"
  step "$o/model-diffusion" fidelity.json d4j channel train-model "${common[@]}" "${MODEL_DIFFUSION[@]}" --out "$o/model-diffusion"
  step "$o/model-wgan" fidelity.json d4j channel train-model "${common[@]}" "${MODEL_WGAN[@]}" --out "$o/model-wgan"
  step "$o/ae-diffusion" summary.json d4j channel train-ae "${common[@]}" --method diffusion --sampler dpmpp-2m --model "$o/model-diffusion" \
    "${LEARNED[@]}" "${ev[@]}" "${EVAL[@]}" --out "$o/ae-diffusion"
  step "$o/ae-wgan" summary.json d4j channel train-ae "${common[@]}" --method wgan --model "$o/model-wgan" \
    "${LEARNED[@]}" "${ev[@]}" "${EVAL[@]}" --out "$o/ae-wgan"
  step "$o/ae-true-short" summary.json d4j channel train-ae "${common[@]}" --method true "${LEARNED[@]}" "${ev[@]}" "${EVAL[@]}" --out "$o/ae-true-short"
  step "$o/ae-true" summary.json d4j channel train-ae "${common[@]}" --method true "${FULL[@]}" "${ev[@]}" "${EVAL[@]}" --out "$o/ae-true"
  tap=(); [ "$s" = tdl ] && tap=(--taps 3 --tap-decay 2)
  step "$o/ber" ber.json d4j channel ber --channel "${common[1]}" "${tap[@]}" --ebn0 10,15 --min-errors 1000 --max-blocks 4000000 --seed 1 \
    --ae "$o/ae-diffusion" --ae "$o/ae-wgan" --ae "$o/ae-true-short" --ae "$o/ae-true" --out "$o/ber"
done
