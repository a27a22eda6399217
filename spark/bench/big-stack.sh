#!/usr/bin/env bash
# The issue's big-stack measurement: one 16-bit, 3-channel hyperstack of SLICES x SIZE x SIZE
# (250 x 2048 x 2048: 6.3 GB, the big-image stack of docs/performance.md), written as ImageJ writes
# stacks past 4 GB (one image file directory, planes one after the other; BigStack in the Spark
# tests, plane by plane from samples/IXMtest_A02_s9.tif), then
#   1. the Spark job in local[2] with a 2 GB heap (in local mode the executors are the driver's JVM),
#      k = 16, seed 1, --refine 3: the file is split by plane ranges (--split-size: the job's default,
#      a quarter of the heap per core), each task reading only its planes;
#   2. the command line on the same folder (compress DIR --shared-codebook, -Xmx1g), unless CLI=0;
# and prints for each: wall time, peak RSS of the JVM (the driver; in local mode also the executors),
# the job's own seconds and phases, split count (pieces), passes, MSE; then whether the codebook
# (the full-precision codebook in each label TIFF's Info) and the label files are equal.
# Needs: mvn -B -q package -DskipTests (root: target/kmeans-quantize-cli.jar) and
#        mvn -B -q -f spark/pom.xml package (spark/target/kmeans-quantize-spark.jar, test classes).
# Usage: bash spark/bench/big-stack.sh [SLICES [SIZE [WORK_DIR]]]   (default 250 2048 /tmp/kmeans-big-stack)
#        CLI=0 skips the command line; SPLIT=64m passes --split-size (default: the job's own, 256 MiB
#        here, so a small stack is read whole); the stack is generated once in WORK_DIR/in.
set -euo pipefail
cd "$(dirname "$0")/../.."
slices=${1:-250}
size=${2:-2048}
work=${3:-/tmp/kmeans-big-stack}
cli=target/kmeans-quantize-cli.jar
spark=spark/target/kmeans-quantize-spark.jar
for j in $cli $spark spark/target/test-classes; do
	[ -e "$j" ] || { echo "missing $j: build first (see the header of $0)" >&2; exit 2; }
done
# java -cp does not read the jar's Add-Opens entry: pass Spark's flags as the pom lists them
opens=$(sed -n 's:.*<spark.opens>\(.*\)</spark.opens>.*:\1:p' spark/pom.xml)
in=$work/in
stack=$in/stack-${slices}x3x${size}x${size}.tif
mkdir -p "$in"
if [ ! -f "$stack" ]; then
	rm -f "$in"/*.tif
	java -cp spark/target/test-classes:$spark org.kmeansquantize.spark.BigStack "$stack" "$size" "$size" "$slices" \
		samples/IXMtest_A02_s9.tif
fi
echo "== $(basename "$stack"): $(du -BM "$stack" | cut -f1)B on disk, $(nproc) cores, $(java -version 2>&1 | head -1)"

field() { sed -n "s/.*\"$1\": \([^,}]*\).*/\1/p" | tail -1; }

# run LABEL COMMAND...: wall time and peak RSS (GNU time's maximum resident set size) of the process
run() {
	local label=$1; shift
	local t0 t1 out rss
	t0=$(date +%s.%N)
	out=$(/usr/bin/time -f '%M' -o "$work/rss.txt" "$@" 2>"$work/stderr-$label.txt" | tail -1)
	t1=$(date +%s.%N)
	rss=$(tail -1 "$work/rss.txt")
	echo "$out" >"$work/summary-$label.json"
	printf '%-6s wall %8.1f s  peak RSS %5d MB  seconds %s  mse %s  psnr %s\n' "$label" "$(echo "$t1 - $t0" | bc)" \
		$((rss / 1024)) "$(echo "$out" | field seconds)" "$(echo "$out" | field mse)" "$(echo "$out" | field psnr)"
	[ -z "$(echo "$out" | field pieces)" ] || printf '       read %s s, train %s s, write %s s; pieces (whole files and plane ranges) %s, partitions %s, passes %s\n' \
		"$(echo "$out" | field read_seconds)" "$(echo "$out" | field train_seconds)" "$(echo "$out" | field write_seconds)" \
		"$(echo "$out" | field pieces)" "$(echo "$out" | field partitions)" "$(echo "$out" | field passes)"
}

rm -rf "$work/out-spark" "$work/out-cli"
run spark java -Xmx2g $opens -jar $spark --master "local[2]" --input "$in" --output "$work/out-spark" \
	--colors 16 --seed 1 --refine 3 ${SPLIT:+--split-size "$SPLIT"} --json
[ "${CLI:-1}" = 0 ] && exit 0
run cli java -Xmx1g -jar $cli compress "$in" -o "$work/out-cli" --colors 16 --seed 1 --refine 3 \
	--shared-codebook --format tif --json

label=$(basename "${stack%.tif}").tif
python3 - "$work/out-spark/$label" "$work/out-cli/$label" <<'PY'
import struct, sys
def info(path):
    """ImageJ's Info text (tags 50838/50839 of the first directory): the layout and the codebook."""
    with open(path, 'rb') as f:
        head = f.read(16)
        e = '<' if head[:2] == b'II' else '>'
        big = struct.unpack(e + 'H', head[2:4])[0] == 43
        off, entry, inline = ('Q', 20, 8) if big else ('I', 12, 4)
        f.seek(struct.unpack(e + off, head[8:16] if big else head[4:8])[0])
        n = struct.unpack(e + ('Q' if big else 'H'), f.read(8 if big else 2))[0]
        block = f.read(n * entry)
        tags = {}
        for i in range(n):
            ent = block[i * entry:(i + 1) * entry]
            tag = struct.unpack(e + 'H', ent[:2])[0]
            count = struct.unpack(e + off, ent[4:4 + inline])[0]
            tags[tag] = (count, ent[4 + inline:])
        def value(tag, size):
            count, v = tags[tag]
            if count * size <= inline:
                return v[:count * size]
            f.seek(struct.unpack(e + off, v)[0])
            return f.read(count * size)
        counts = tags[50838][0]
        sizes = struct.unpack(e + 'I' * counts, value(50838, 4))
        data = value(50839, 1)
        at, k = sizes[0], 1
        for h in range(4, sizes[0], 8):
            typ, blocks = struct.unpack('>II' if e == '>' else '<II', data[h:h + 8])
            for _ in range(blocks):
                if typ == 0x696e666f:
                    return data[at:at + sizes[k]].decode('utf-16-be' if e == '>' else 'utf-16-le')
                at += sizes[k]
                k += 1
        return ''
a, b = info(sys.argv[1]), info(sys.argv[2])
book = [l for l in a.splitlines() if l.strip()]
print('codebook (label TIFF Info, %d lines) equal to the command line\'s: %s' % (len(book), 'yes' if a == b else 'NO'))
if a != b:
    print('--- spark\n' + a + '\n--- cli\n' + b)
PY
if cmp -s "$work/out-spark/$label" "$work/out-cli/$label"; then
	echo "label files byte-identical: yes ($(du -BM "$work/out-cli/$label" | cut -f1)B)"
else
	echo "label files byte-identical: NO"
fi
