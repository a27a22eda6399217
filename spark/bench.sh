#!/usr/bin/env bash
# The README's Spark benchmark: on the same generated files, with the same k and seed,
#   1. the single-machine command line: compress DIR --shared-codebook (one JVM, all cores),
#   2. the Spark job in local[2] (java -jar, the self-contained launcher),
#   3. Spark MLlib's KMeans (k-means||, up to 100 iterations) on the same pixels, in local[2].
# Prints one line per run: wall time of the whole process, the run's own seconds, MSE, PSNR.
# Needs: mvn -B -q install -DskipTests (root) and mvn -B -q -f spark/pom.xml package (spark/).
# Usage: bash spark/bench.sh [WORK_DIR]   (datasets are generated there once)
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/kmeans-spark-bench}
cli=target/kmeans-quantize-cli.jar
spark=spark/target/kmeans-quantize-spark.jar
gen="java -cp spark/target/test-classes:$spark org.kmeansquantize.spark.Datasets"
# java -cp does not read the jar's Add-Opens entry: pass Spark's flags as the pom lists them
opens=$(sed -n 's:.*<spark.opens>\(.*\)</spark.opens>.*:\1:p' spark/pom.xml)
mkdir -p "$work"

# name, generator arguments, k, whether to run MLlib too (it holds every pixel as a vector object)
datasets=(
	"grey16-300|grey16 128 128 180 12 8 24 7|16|yes"
	"rgb-240|rgb 128 128 120 5 11|16|yes"
	"grey16-1000|grey16 256 256 600 40 8 80 8|16|no"
)

field() { sed -n "s/.*\"$1\": \([^,}]*\).*/\1/p" | tail -1; }

run() { # label, command...
	local label=$1; shift
	local t0 t1 out
	t0=$(date +%s.%N)
	out=$("$@" 2>"$work/stderr.txt" | tail -1)
	t1=$(date +%s.%N)
	printf '%-34s wall %7.2f s  seconds %8s  mse %-20s psnr %s\n' "$label" "$(echo "$t1 - $t0" | bc)" \
		"$(echo "$out" | field seconds)" "$(echo "$out" | field mse)" "$(echo "$out" | field psnr)"
	echo "$out" >>"$work/results.jsonl"
}

for d in "${datasets[@]}"; do
	IFS='|' read -r name args k mllib <<<"$d"
	dir=$work/$name
	[ -d "$dir" ] || $gen ${args%% *} "$dir" ${args#* } >/dev/null
	mb=$(du -sm "$dir" | cut -f1)
	echo "== $name: $(ls "$dir" | wc -l) files, ${mb} MB, k=$k"
	echo "== $name" >>"$work/results.jsonl"
	rm -rf "$work/out-cli" "$work/out-spark"
	run "command line --shared-codebook" java -jar $cli compress "$dir" -o "$work/out-cli" --colors "$k" --seed 1 \
		--shared-codebook --format tif --json
	run "spark local[2]" java -jar $spark --master "local[2]" --input "$dir" --output "$work/out-spark" \
		--colors "$k" --seed 1 --json
	[ "$mllib" = yes ] || continue
	run "mllib KMeans local[2]" java $opens -cp $spark org.kmeansquantize.spark.MllibBenchmark "local[2]" "$dir" "$k" 1
done
