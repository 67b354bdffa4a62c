#!/usr/bin/env bash
# The Fashion-MNIST restoration table (bench/inverse/fmnist_restore.md): PRIOR = an image run (d4j train --model unet),
# SR3 = an SR3 ×4 model directory (tools/TrainSr3). One PyTorch thread, niced; JSON on stdout, progress on stderr.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
PRIOR=${1:?prior run dir, e.g. models/fmnist-cond}; SR3=${2:?SR3 model dir}; N=${N:-50}
export OMP_WAIT_POLICY=PASSIVE TORCH_CPP_LOG_LEVEL=ERROR
exec nice -n 10 java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -jar target/diffusion4j-all.jar \
  eval --metric restore --run "$PRIOR" --sr3 "$SR3" --n "$N" --steps 100 --dps-steps 100 --zeta-scale 4 --resample 5
