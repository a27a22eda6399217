#!/usr/bin/env bash
# Makes the README's pictures of the photo, its quantization, palettes and quality curve with the
# project's own command line (nothing else draws them):
#
#   docs/chelsea-8.png, docs/chelsea-32.png    samples/chelsea.png compressed with k = 8 and 32 and
#                                              decompressed (the reconstructions)
#   docs/chelsea-8-palette.png, ...-32-...     the palettes of those label files (palette subcommand)
#   docs/chelsea-curve.png                     the quality curve with a 35 dB target (curve subcommand)
#
# Usage: bash scripts/readme-figures.sh [OUTDIR]    (default: docs/; builds the CLI jar if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-docs}")
jar=target/kmeans-quantize-cli.jar
[ -f "$jar" ] || mvn -B -q package -DskipTests
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
cli() { java -jar "$jar" "$@"; }

for k in 8 32; do
	cli compress samples/chelsea.png -o "$tmp/chelsea-$k.png" --colors "$k" --seed 1
	cli decompress "$tmp/chelsea-$k.png" -o "$out/chelsea-$k.png"
	cli palette "$tmp/chelsea-$k.png" -o "$out/chelsea-$k-palette.png"
done
cli curve samples/chelsea.png -o "$tmp/chelsea-curve.csv" --png "$out/chelsea-curve.png" --target-psnr 35 --seed 1
cat "$tmp/chelsea-curve.csv"
ls -l "$out"
