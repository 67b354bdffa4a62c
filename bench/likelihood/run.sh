#!/usr/bin/env bash
# Likelihood reproductions on 2-D toy data (not run in CI): schedule and loss orderings of the NLL, L_vlb gradient noise
# with importance-sampled t, PriorGrad, Hutchinson vs exact divergence. Prints markdown tables.
# Usage: bench/likelihood/run.sh [steps=4000] [nEval=2000] [sections=12345, add v for the L_vlb training arms]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
mvn -B -q -o test-compile >&2
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/likelihood-bench.classpath -Dmdep.includeScope=test >&2
cp="target/classes:target/test-classes:$(cat target/likelihood-bench.classpath)"
# One intra-op thread: on a shared 2-core machine PyTorch's thread pool made small matmuls 10-100x slower.
exec java -Xmx2g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$cp" io.diffusion4j.bench.likelihood.LikelihoodBench "$@"
