#!/usr/bin/env bash
# Regenerates the app icons from cloudmount.svg (the generated files are committed, so builds and CI
# do not need these tools): PNGs at the usual launcher sizes (cloudmount.png is the 256 px one, which
# jpackage takes on Linux) and a multi-size cloudmount.ico (Windows: launcher, installer, Start menu).
# Needs rsvg-convert and ImageMagick: apt-get install librsvg2-bin imagemagick
set -euo pipefail
cd "$(dirname "$0")"
# /usr/bin/convert explicitly: a stand-in named convert may come first on PATH.
convert=/usr/bin/convert
if ! command -v rsvg-convert >/dev/null || [[ ! -x $convert ]]; then
  echo "make-icons: needs rsvg-convert and ImageMagick (apt-get install librsvg2-bin imagemagick)" >&2
  exit 1
fi

sizes=(16 24 32 48 64 128 256)
pngs=()
for s in "${sizes[@]}"; do
  # -strip: no timestamps or text chunks, so a rerun gives the same bytes.
  rsvg-convert -w "$s" -h "$s" cloudmount.svg | "$convert" png:- -strip "png32:cloudmount-$s.png"
  pngs+=("cloudmount-$s.png")
done
# The .ico: Windows' sizes (256 is stored as PNG); no 128, which would be stored uncompressed (64 KB).
"$convert" cloudmount-{16,24,32,48,64,256}.png cloudmount.ico
# The 24 px size is only for the .ico; the 256 px one is cloudmount.png.
rm -f cloudmount-24.png
mv cloudmount-256.png cloudmount.png
ls -l cloudmount*.png cloudmount.ico
