#!/usr/bin/env bash
# Benchmark: DDIM-10 channel-sample throughput (n = 7, MLP 3×128) and autoencoder training-step time,
# diffusion4j (DJL + PyTorch 2.7 native) against the same models in PyTorch (Debian's python3-torch), both with the
# same number of intra-op threads, measured in one run and printed as ratios (> 1 means diffusion4j is faster).
# Debian's python3-torch is built with BLAS_INFO=generic (reference BLAS), DJL's native PyTorch with MKL, so at large
# batches the ratio mostly measures the BLAS; the batch-16 rows measure per-operation overhead.
# Usage: bench/channel/run.sh [threads=2] [seconds-per-measurement=5]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
threads="${1:-2}"
secs="${2:-5}"
mvn -B -q -o test-compile >&2
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/channel-bench.classpath >&2
export OMP_NUM_THREADS="$threads"
java_out=$(java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$threads" -Dai.djl.pytorch.num_interop_threads=1 \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "target/classes:target/test-classes:$(cat target/channel-bench.classpath)" io.diffusion4j.bench.channel.ChannelBench "$secs")
torch_out=$(/usr/bin/python3 bench/channel/torch_bench.py "$threads" "$secs")
python3 - "$java_out" "$torch_out" "$threads" <<'PY'
import sys
j = dict(l.split() for l in sys.argv[1].strip().splitlines())
t = dict(l.split() for l in sys.argv[2].strip().splitlines())
print(f"| measurement ({sys.argv[3]} threads) | diffusion4j | PyTorch | ratio (d4j/torch speed) |")
print("|---|---|---|---|")
for k in j:
    a, b = float(j[k]), float(t[k])
    ratio = a / b if "per_s" in k else b / a   # throughput: higher is better; step time: lower is better
    print(f"| {k} | {a:g} | {b:g} | {ratio:.2f}x |")
PY
