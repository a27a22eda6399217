#!/usr/bin/env bash
# Re-makes the CMYK JPEG test fixture (src/test/resources/fixtures/cmyk.jpg) with ImageMagick
# (apt-get install imagemagick): a 16x12 red-to-blue gradient stored as four CMYK components.
set -euo pipefail
cd "$(dirname "$0")/.."
convert -size 16x12 gradient:red-blue -colorspace CMYK -quality 90 src/test/resources/fixtures/cmyk.jpg
