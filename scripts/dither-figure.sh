#!/usr/bin/env bash
# Makes docs/dither-gradient.png: a horizontal colour gradient (512x48) quantized to 16 colours,
# four strips from top to bottom: the original; ours without dithering (`compress --colors 16`);
# ours with `--dither`; pngquant 16 with its default dithering. Each strip is the decompressed
# (or, for pngquant, the palette) image, as a viewer shows it.
#
# Usage: bash scripts/dither-figure.sh [OUT.png]   (default docs/dither-gradient.png; needs pngquant
# and Debian's python3-skimage: bash ../shared/bench/install-peers.sh; builds the CLI jar if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-docs/dither-gradient.png}")
[ -f target/kmeans-quantize-cli.jar ] || mvn -B -q package -DskipTests
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
py=/usr/bin/python3
"$py" - "$tmp/gradient.png" <<'PY'
import sys
import numpy as np
from skimage import io
w, h = 512, 48
t = np.linspace(0, 1, w)[None, :, None]
a = np.array([20, 30, 110], float)       # deep blue
b = np.array([250, 170, 60], float)      # orange
img = np.repeat((a + (b - a) * t), h, axis=0).round().astype(np.uint8)
io.imsave(sys.argv[1], img, check_contrast=False)
PY
kq=bin/kmeans-quantize
"$kq" compress "$tmp/gradient.png" -o "$tmp/plain.png" --colors 16 --seed 1
"$kq" decompress "$tmp/plain.png" -o "$tmp/plain-rec.png"
"$kq" compress "$tmp/gradient.png" -o "$tmp/dither.png" --colors 16 --seed 1 --dither
"$kq" decompress "$tmp/dither.png" -o "$tmp/dither-rec.png"
pngquant 16 --force --output "$tmp/pngquant.png" "$tmp/gradient.png"
"$py" - "$out" "$tmp/gradient.png" "$tmp/plain-rec.png" "$tmp/dither-rec.png" "$tmp/pngquant.png" <<'PY'
import sys
import numpy as np
from skimage import io
strips = []
for p in sys.argv[2:]:
    a = io.imread(p)
    if a.ndim == 2:
        a = np.stack([a] * 3, -1)
    strips.append(a[..., :3])
    strips.append(np.full((4, a.shape[1], 3), 255, np.uint8))
io.imsave(sys.argv[1], np.concatenate(strips[:-1]), check_contrast=False)
for name, p in zip(['ours', 'ours --dither', 'pngquant'], sys.argv[3:]):
    d = io.imread(p)[..., :3].astype(float) - io.imread(sys.argv[2]).astype(float)
    print('%-14s MSE %.1f' % (name, (d * d).mean()))
PY
ls -l "$out"
