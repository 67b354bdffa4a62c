#!/usr/bin/env bash
# Progressive distillation on gmm8 (Salimans & Ho 2022 at 2-D scale): a v-prediction MLP teacher, six rounds
# 64 -> 32 -> ... -> 1 steps, and SWD / floor of 4000 samples for the teacher's DDIM and DPM-Solver++(2M) and the
# students at 8, 4, 2 and 1 steps. Not part of CI. Usage: bench/distill/gmm8.sh [OUT] (default runs/distill-gmm8).
set -euo pipefail
cd "$(dirname "$0")/../.."
D4J=${D4J:-./d4j}
OUT=${1:-runs/distill-gmm8}
mkdir -p "$OUT"
if [ ! -f "$OUT/teacher/model.safetensors" ]; then
  /usr/bin/time -f "teacher: %e s wall" $D4J train --data gmm8 --prediction v --schedule cosine --steps 6000 --out "$OUT/teacher"
fi
/usr/bin/time -f "distillation: %e s wall" $D4J distill --teacher "$OUT/teacher" --teacher-steps 64 --rounds 6 \
  --steps-per-round 2000 --out "$OUT/students"
swd() {   # prints "swd floor ratio" of a samples file against gmm8
  $D4J eval --samples "$1" --data gmm8 --json | python3 -c 'import json,sys; r=json.load(sys.stdin); print("%.4f %.4f %.2f" % (r["swd"], r["swd_floor"], r["swd"]/r["swd_floor"]))'
}
echo "| steps | teacher DDIM (trailing) | teacher DPM-Solver++(2M) | student | SWD / floor: DDIM, DPM++, student |"
echo "|---|---|---|---|---|"
for k in 0 3 4 5 6; do
  S=$((64 >> k))
  $D4J sample --run "$OUT/teacher" --sampler ddim --spacing trailing --steps $S --n 4000 --seed 1 --out "$OUT/t-ddim-$S.npy" >/dev/null 2>&1
  $D4J sample --run "$OUT/teacher" --sampler dpmpp-2m --steps $S --n 4000 --seed 1 --out "$OUT/t-dpm-$S.npy" >/dev/null 2>&1
  a=$(swd "$OUT/t-ddim-$S.npy"); b=$(swd "$OUT/t-dpm-$S.npy"); c="-"; cr="-"
  if [ "$k" -gt 0 ]; then
    $D4J sample --run "$OUT/students/round-$k" --n 4000 --seed 1 --out "$OUT/s-$S.npy" >/dev/null 2>&1
    c=$(swd "$OUT/s-$S.npy"); cr=$(echo "$c" | cut -d' ' -f3)
  fi
  echo "| $S | ${a% *} | ${b% *} | ${c% *} | $(echo "$a" | cut -d' ' -f3), $(echo "$b" | cut -d' ' -f3), $cr |"
done
