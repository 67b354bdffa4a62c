#!/usr/bin/env bash
# Fashion-MNIST likelihood arms, same budget each: U-Net base 16 (levels 16·(1,2,2)), unconditional, T = 1000,
# STEPS steps × batch 32, Adam 5e-4 with 100 warm-up steps, grad-clip 1, EMA 0.999 (warmed up), seed 0, ε-prediction.
# Sequential, nice 10, one PyTorch thread. Usage: train-arms.sh JAR OUTDIR [STEPS=1000]
set -euo pipefail
jar=$1; out=$2; steps=${3:-1000}
export OMP_WAIT_POLICY=PASSIVE TORCH_CPP_LOG_LEVEL=ERROR
run() {
  local name=$1; shift
  [ -f "$out/$name/model.safetensors" ] && { echo "$name: done already"; return; }
  local t0=$(date +%s)
  /usr/bin/time -f "$name: wall %e s, user %U s, sys %S s" nice -n 10 java -Dai.djl.pytorch.num_threads=1 -Dai.djl.offline=true \
    -jar "$jar" train --data fashion-mnist --model unet --base 16 --unconditional --steps "$steps" --batch 32 \
    --log-every 50 --checkpoint-every 250 "$@" --out "$out/$name" 2>&1 | tr '\r' '\n' | grep -v "^train " || true
  echo "$name: finished at $(date -u +%H:%M:%S) after $(( $(date +%s) - t0 )) s"
}
run linear-simple --schedule linear --variance fixed-small --loss simple
run cosine-simple --schedule cosine --variance fixed-small --loss simple
run cosine-hybrid --schedule cosine --variance learned --loss hybrid
run linear-hybrid --schedule linear --variance learned --loss hybrid
