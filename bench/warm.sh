#!/usr/bin/env bash
# The engine's time in a warm JVM, as in Fiji (src/test/java/org/kmeansquantize/bench/WarmEngine.java):
# every image read once, then at every k training and assignment as `compress --colors K` runs them,
# W warm-up and R measured runs; one JSON line per case (median and min seconds, MSE). E.g.
#   bench/warm.sh --warmup 3 --runs 5 --k 16,64,256 ../shared/images/chelsea.png samples/camera.png
# Builds the test class path as bench/jmh.sh does; JVM options go in WARM_JAVA_OPTS.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
(cd "$root" && mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
	-Dmdep.includeScope=test >&2)
exec java ${WARM_JAVA_OPTS:-} -cp "$root/target/test-classes:$root/target/classes:$(cat "$root/target/bench.classpath")" \
	org.kmeansquantize.bench.WarmEngine "$@"
