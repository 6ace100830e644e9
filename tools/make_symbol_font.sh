#!/bin/sh
# Makes fonts/DejaVuSans-Symbols.ttf, the fallback font for characters Liberation Serif lacks:
# DejaVu Sans (Debian's fonts-dejavu-core) cut down to the symbol blocks officials paste
# (currency, letterlike symbols, arrows, mathematical operators, technical symbols, enclosed
# numbers, box drawing, geometric shapes, miscellaneous symbols, dingbats, check marks and ballot
# boxes) and to Armenian and Georgian. Hinting and OpenType layout tables are dropped: layout
# measures advances only and the PDF needs outlines only.
#
# Needs fonttools (pip install fonttools); the output is the same for the same input and
# fonttools version (fonttools 4.68.0 made the committed file). Run from the repository root:
#   sh tools/make_symbol_font.sh [/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf]
set -eu
src=${1:-/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf}
# U+0530–058F Armenian, U+10A0–10FF Georgian, U+2000–206F General Punctuation, U+2070–209F
# super- and subscripts, U+20A0–20CF currency (₽), U+2100–218F letterlike symbols and number
# forms (№), U+2190–21FF arrows (→ ⇒), U+2200–22FF mathematical operators (≥ ≤), U+2300–23FF
# miscellaneous technical, U+2460–24FF enclosed alphanumerics, U+2500–25FF box drawing, block
# elements and geometric shapes, U+2600–26FF miscellaneous symbols (☐ ☑ ★), U+2700–27BF
# dingbats (✓ ✔ ✗), U+27C0–27FF and U+2980–29FF mathematical symbols, U+27F0–27FF and
# U+2900–297F supplemental arrows, U+2A00–2AFF supplemental mathematical operators, U+2B00–2BFF
# miscellaneous symbols and arrows, U+FFFD the replacement character; and the space (U+0020,
# U+00A0), which every face must have.
unicodes="U+0020,U+00A0,U+0530-058F,U+10A0-10FF,U+2000-206F,U+2070-209F,U+20A0-20CF,U+2100-218F,\
U+2190-21FF,U+2200-22FF,U+2300-23FF,U+2460-24FF,U+2500-25FF,U+2600-26FF,U+2700-27BF,\
U+27C0-27FF,U+2900-297F,U+2980-29FF,U+2A00-2AFF,U+2B00-2BFF,U+FFFD"
pyftsubset "$src" \
  --unicodes="$unicodes" \
  --no-hinting \
  --layout-features='' \
  --name-IDs='*' \
  --name-languages='*' \
  --notdef-outline \
  --recommended-glyphs \
  --output-file=fonts/DejaVuSans-Symbols.ttf
