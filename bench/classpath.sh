#!/usr/bin/env bash
# Compiles main + test classes and prints the classpath for the bench mains (which live in src/test/java/.../bench).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q test-compile >&2
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2
echo "target/classes:target/test-classes:$(cat target/bench.classpath)"
