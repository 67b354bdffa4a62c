#!/usr/bin/env bash
# Error (SWD on gmm8 / floor) versus NFE for every SDE sampler, with the oracle and a trained MLP.
# Usage: bench/samplers/run.sh [--out DIR] [--nfe 5,10,20,50,100,250,1000] [--mlp-steps 3000] [--models oracle,mlp]
# Writes DIR/{oracle,mlp}.{csv,png} (default bench/out/samplers) and prints markdown tables.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
# One PyTorch thread: these are many small ops, and on a shared machine OpenMP threads waiting for each other
# cost far more than they gain.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
exec java -Dai.djl.offline=true -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
    io.diffusion4j.bench.SamplersBench "$@"
