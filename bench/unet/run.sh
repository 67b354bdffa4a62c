#!/usr/bin/env bash
# bench/unet: UNetBench (Java) and its PyTorch twin (unet_torch.py, Debian python3-torch) in one run, same thread
# count and the same environment as the d4j launcher (the twin inherits it). Usage: bench/unet/run.sh [BASE=32]
# [REPEATS=5] [THREADS=2] [ROUNDS=3] (the sides alternate ROUNDS times; medians). Needs /usr/bin/python3
# with torch (apt-get install python3-torch). D4J_JAVA_OPTS=-Dd4j.batch.parallel=false times our side without the
# batch split. Never run in CI.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
BASE=${1:-32}; REPEATS=${2:-5}; THREADS=${3:-2}; ROUNDS=${4:-3}
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test \
  || mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
export TORCH_CPP_LOG_LEVEL=ERROR
# the launcher's OpenMP wait: passive unless GOMP_SPINCOUNT is set (a short spin between ops; see README.md)
if [ -z "${GOMP_SPINCOUNT:-}" ]; then export OMP_WAIT_POLICY=PASSIVE; fi
# the launcher's malloc settings (see ./d4j): one arena, fixed mmap and trim thresholds
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-1} MALLOC_MMAP_THRESHOLD_=${MALLOC_MMAP_THRESHOLD_:-268435456} \
  MALLOC_TRIM_THRESHOLD_=${MALLOC_TRIM_THRESHOLD_:-4294967296}
exec java ${D4J_JAVA_OPTS:-} -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$THREADS" \
  -cp "target/classes:target/test-classes:$(cat target/cp.txt)" io.diffusion4j.bench.UNetBench "$BASE" "$REPEATS" "$ROUNDS"
