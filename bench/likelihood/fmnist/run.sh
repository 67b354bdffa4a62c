#!/usr/bin/env bash
# Fashion-MNIST likelihood measurements on the runs of train-arms.sh (not run in CI): the ELBO table and the L_vlb
# gradient variance with uniform vs importance t. Usage: run.sh RUNS_DIR [N=200] [K=50] [R=100]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
runs=$1; n=${2:-200}; k=${3:-50}; r=${4:-100}
mvn -B -q -o test-compile >&2
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/likelihood-bench.classpath -Dmdep.includeScope=test >&2
cp="target/classes:target/test-classes:$(cat target/likelihood-bench.classpath)"
export OMP_WAIT_POLICY=PASSIVE TORCH_CPP_LOG_LEVEL=ERROR
j="nice -n 10 java -Xmx3g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp $cp"
arms=()
for a in linear-simple cosine-simple cosine-hybrid linear-hybrid; do [ -f "$runs/$a/model.safetensors" ] && arms+=("$runs/$a"); done
/usr/bin/time -f "table: wall %e s, user %U s" $j io.diffusion4j.bench.likelihood.FmnistLikelihoodTable "$n" "$k" "${arms[@]}"
/usr/bin/time -f "gradient: wall %e s, user %U s" $j io.diffusion4j.bench.likelihood.FmnistVlbGradient "$runs/cosine-hybrid" "$r" 32
