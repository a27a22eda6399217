#!/usr/bin/env bash
# Makes the colour-space picture of docs/fiji.md with the command-line jar: the H&E slide crop of
# src/test/resources/fixtures/slide (see its README) quantized at k = 4 in RGB and in Lab,
#   compress … --colors 4 [--space lab]   then   decompress
# and the original and both reconstructions side by side (ImageMagick `montage`), scaled 2x:
#   docs/slide-rgb-vs-lab.png
# It prints both codebooks (the palettes' JSON reports and the compress reports).
#
# Usage: bash scripts/lab-figures.sh
# Needs: a JDK and Maven (builds the jar if it is missing) and ImageMagick.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=target/kmeans-quantize-cli.jar
[ -f "$jar" ] || mvn -B -q package -DskipTests
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
slide=src/test/resources/fixtures/slide/os1-crop-256.png

for space in rgb lab; do
	java -jar "$jar" compress "$slide" -o "$tmp/$space.png" --colors 4 --seed 1 --space "$space" --json
	java -jar "$jar" decompress "$tmp/$space.png" -o "$tmp/$space-rgb.png"
done
montage -label 'original' "$slide" -label 'k = 4, space=rgb' "$tmp/rgb-rgb.png" \
	-label 'k = 4, space=lab' "$tmp/lab-rgb.png" -filter point -resize 200% -tile 3x1 -geometry +6+6 \
	-pointsize 18 -background white -define png:exclude-chunks=date,time docs/slide-rgb-vs-lab.png
echo "wrote docs/slide-rgb-vs-lab.png"
