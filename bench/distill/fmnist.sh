#!/usr/bin/env bash
# Progressive and guided distillation on Fashion-MNIST (the table of Salimans & Ho 2022, Figure 4, at small scale).
# A v-prediction class-conditional U-Net teacher (cosine schedule), six halving rounds 64 -> 1 steps, and a guided
# student (Meng et al. 2023: round 0 learns the guided output for w in [0, 4], then four rounds to 4 steps). Prints
# FID-FMNIST (n = N, bootstrap SE) for the teacher's DDIM (trailing grid) and DPM-Solver++(2M) at 50, 8, 4, 2, 1
# steps, every student, the guided teacher (two evaluations per step) and the guided student at w = 1, the wall time
# of training and of distillation, and the sampling throughput of the 4-step student against the teacher's DDIM-50.
# Not part of CI (hours on 2 cores). Usage: bench/distill/fmnist.sh [OUT] [TEACHER_STEPS] [STEPS_PER_ROUND] [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
D4J=${D4J:-./d4j}
OUT=${1:-runs/distill-fmnist}
TRAIN=${2:-7500}
ROUND=${3:-2000}
N=${4:-1000}
mkdir -p "$OUT"
t() { local s=$(date +%s.%N); "$@"; echo "$(echo "$(date +%s.%N) - $s" | bc)"; }
if [ ! -f "$OUT/teacher/model.safetensors" ]; then
  echo "teacher training: $(t $D4J train --data fashion-mnist --prediction v --schedule cosine --base 16 --steps "$TRAIN" \
    --out "$OUT/teacher" >&2) s"
fi
echo "distillation, 6 rounds of $ROUND steps: $(t $D4J distill --teacher "$OUT/teacher" --teacher-steps 64 --rounds 6 \
  --steps-per-round "$ROUND" --out "$OUT/students" >&2) s"
echo "guided distillation, round 0 + 4 rounds of $ROUND steps: $(t $D4J distill --teacher "$OUT/teacher" --teacher-steps 64 \
  --rounds 4 --steps-per-round "$ROUND" --guided --w-range 0,4 --out "$OUT/guided" >&2) s"
echo
echo "## Teacher: DDIM (trailing) and DPM-Solver++(2M)"
$D4J eval --run "$OUT/teacher" --metric fid --sampler ddim,dpmpp-2m --eta 0 --spacing trailing --steps 50,8,4,2,1 --n "$N"
echo "## Students (DDIM on the trailing grid of their own step count)"
for k in 3 4 5 6; do
  $D4J eval --run "$OUT/students/round-$k" --metric fid --eta 0 --n "$N" | head -3 | tail -1
done
echo "## Guidance w = 1: the teacher at 50 steps (2 evaluations per step), the guided 4-step student (1 per step)"
$D4J eval --run "$OUT/teacher" --metric fid --guidance 1 --eta 0 --spacing trailing --steps 50 --n "$N" | head -3 | tail -1
$D4J eval --run "$OUT/guided/round-4" --metric fid --guidance 1 --eta 0 --n "$N" | head -3 | tail -1
echo "## Throughput, $N images"
echo "teacher DDIM-50: $(t $D4J sample --run "$OUT/teacher" --spacing trailing --steps 50 --n "$N" --out "$OUT/t50.npy" >/dev/null 2>&1) s"
echo "student, 4 steps: $(t $D4J sample --run "$OUT/students/round-4" --n "$N" --out "$OUT/s4.npy" >/dev/null 2>&1) s"
