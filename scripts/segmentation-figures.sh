#!/usr/bin/env bash
# Makes the segmentation pictures of docs/fiji.md with the real ImageJ 1 under Xvfb and the built
# plugin: samples/IXMtest_A02_s9.tif (BBBC022, 3 channels of 12-bit fluorescence) quantized by
# Plugins > Quantize > K-means with "colors=6 seed=1 masks measure", and written as
#   docs/fluo-original.png          the image as ImageJ shows it (composite)
#   docs/fluo-labels-codebook.png   the label image with lut=codebook (each entry as the image shows it)
#   docs/fluo-labels-distinct.png   the label image with the default lut=distinct
#   docs/fluo-masks.png             the masks image, one slice per cluster, as a montage
# and prints the "K-means clusters" table as Markdown (pasted into docs/fiji.md).
#
# Usage: bash scripts/segmentation-figures.sh
# Needs: a JDK and Maven (builds the jar if it is missing) and xvfb-run.
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/imagej-plugins.sh
docs="$PWD/docs"

cat > "$tmp/figures.ijm" <<MACRO
setBatchMode(true);
open("$PWD/samples/IXMtest_A02_s9.tif");
id = getImageID();
run("K-means", "colors=6 seed=1 lut=codebook");
run("RGB Color");
saveAs("PNG", "$docs/fluo-labels-codebook.png");
selectImage(id);
run("K-means", "colors=6 seed=1 masks measure");
labels = getImageID();
Table.save("$tmp/clusters.csv", "K-means clusters");
run("RGB Color");
saveAs("PNG", "$docs/fluo-labels-distinct.png");
selectImage("IXMtest_A02_s9-masks");
run("Make Montage...", "columns=6 rows=1 scale=0.3 border=3 label font=14");
saveAs("PNG", "$docs/fluo-masks.png");
selectImage(id);
run("RGB Color");
saveAs("PNG", "$docs/fluo-original.png");
MACRO
(cd "$tmp" && xvfb-run -a -s "-screen 0 1280x1024x24" java -Djava.awt.headless=false -Duser.home="$tmp/home" \
	-Dplugins.dir="$tmp" -jar "$ij" -batch "$tmp/figures.ijm")
# the table as Markdown: label, count, area, share, and every channel's mean
python3 - "$tmp/clusters.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
cols = ["label", "count", "area", "unit", "share"] + [c for c in rows[0] if c.endswith("_mean") or c.endswith("_sd")]
print("| " + " | ".join(cols) + " |")
print("|" + "---|" * len(cols))
for r in rows:
    cells = []
    for c in cols:
        v = r[c]
        try:
            f = float(v)
            v = "%.3f" % f if c == "share" else ("%d" % f if f == int(f) else "%.1f" % f)
        except ValueError:
            pass
        cells.append(v)
    print("| " + " | ".join(cells) + " |")
PY
