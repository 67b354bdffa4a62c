#!/usr/bin/env bash
# Bench: MLP training step and DDIM-50 sampling, diffusion4j (DJL/PyTorch 2.7.1 engine) vs the same model in
# Debian's python3-torch, same thread count, one run; prints both and the ratios (>1 means diffusion4j is faster).
# Usage: bench/core/run.sh [THREADS=2] [TRAIN_STEPS=1000]. Needs: apt-get install python3-torch. Not run in CI.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
threads=${1:-2}; steps=${2:-1000}
cp=$(bench/classpath.sh)
j=$(OMP_NUM_THREADS=$threads java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=$threads -Dai.djl.pytorch.num_interop_threads=1 \
      -cp "$cp" io.diffusion4j.bench.CoreBench "$steps" 2>/dev/null | grep '^{')
p=$(OMP_NUM_THREADS=$threads /usr/bin/python3 bench/core/torch_mlp.py "$threads" "$steps")
echo "$j"; echo "$p"
/usr/bin/python3 - "$j" "$p" "$threads" <<'PY'
import json, sys
j, p = json.loads(sys.argv[1]), json.loads(sys.argv[2])
assert j["params"] == p["params"], (j["params"], p["params"])
print(f"threads={sys.argv[3]} params={j['params']}")
print(f"training steps/s   diffusion4j {j['train_steps_per_s']:8.1f}  pytorch {p['train_steps_per_s']:8.1f}  ratio {j['train_steps_per_s']/p['train_steps_per_s']:.2f}x")
print(f"DDIM-50, 4000 pts  diffusion4j {j['ddim50_4000_s']:8.3f}s pytorch {p['ddim50_4000_s']:8.3f}s ratio {p['ddim50_4000_s']/j['ddim50_4000_s']:.2f}x")
PY
