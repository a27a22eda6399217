#!/usr/bin/env bash
# Debian packages the tests need: xvfb, so that the real ImageJ 1 can build its menus; libtiff-tools
# (tiffcp), with which the Spark tests make tiled, BigTIFF and JPEG-tiled stacks.
# Idempotent; needs root (as on the project's machines and CI).
set -euo pipefail
pkgs="xvfb xauth libtiff-tools"
missing=$(for p in $pkgs; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
if [ -n "$missing" ]; then
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >/dev/null
fi
