#!/usr/bin/env bash
# Runs the JMH suite (src/test/java/**/*Benchmark.java). Extra arguments go to JMH, e.g.
#   bench/jmh.sh EngineBenchmark.assignment -p threads=2
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" org.openjdk.jmh.Main "${@:-Benchmark}"
