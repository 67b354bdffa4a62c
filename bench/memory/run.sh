#!/usr/bin/env bash
# Resident memory of a 10,000-step training loop and a 10,000-step sampling chain. Not run in CI.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
cp=$(bench/classpath.sh)
exec java -Xmx256m -Dai.djl.offline=true -cp "$cp" io.diffusion4j.bench.MemoryBench "$@"
