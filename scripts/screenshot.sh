#!/usr/bin/env bash
# Makes the README's screenshot: the real ImageJ 1 under Xvfb with the built plugin in a temporary
# plugins folder, samples/chelsea.png quantized by Plugins > Quantize > K-means (16 colours, with
# the palette option), and the photo, the label image, the palette and the "K-means codebook" table.
#
# Usage: bash scripts/screenshot.sh [output.png]     (default: docs/screenshot.png)
# Needs: a JDK and Maven (builds the jar if it is missing), xvfb, ImageMagick's import and twm (a
# window manager, for the window titles); the last three are installed with apt-get if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-docs/screenshot.png}")

need() {
	command -v "$1" >/dev/null 2>&1 && return
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null
}
need Xvfb xvfb
need import imagemagick
need twm twm

. scripts/imagej-plugins.sh

cat > "$tmp/shot.ijm" <<MACRO
open("$PWD/samples/chelsea.png");
setLocation(10, 110);
run("K-means", "colors=16 seed=1 palette");
selectImage("chelsea.png palette");
wait(500);
setLocation(10, 465);
run("View 100%");
selectImage("chelsea-labels");
wait(500);
setLocation(490, 110);
Table.setLocationAndSize(990, 110, 400, 560, "K-means codebook");
wait(1500);
File.saveString("ready", "$tmp/ready");
MACRO

display=90
while [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	rm -rf "$tmp"
}
trap cleanup EXIT
Xvfb ":$display" -screen 0 1400x700x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
sleep 1
printf 'UsePPosition "on"\nRandomPlacement\nNoGrabServer\n' > "$tmp/twmrc"
DISPLAY=":$display" twm -f "$tmp/twmrc" >/dev/null 2>&1 &
pids+=($!)
DISPLAY=":$display" java -Duser.home="$tmp/home" -Dplugins.dir="$tmp" -jar "$ij" -port0 -macro "$tmp/shot.ijm" \
	>"$tmp/imagej.log" 2>&1 &
pids+=($!)
for _ in $(seq 120); do
	[ -e "$tmp/ready" ] && break
	sleep 0.5
done
if [ ! -e "$tmp/ready" ]; then
	cat "$tmp/imagej.log" >&2
	echo "ImageJ did not get ready" >&2
	exit 1
fi
mkdir -p "$(dirname "$out")"
DISPLAY=":$display" import -window root "$out"
echo "wrote $out"
