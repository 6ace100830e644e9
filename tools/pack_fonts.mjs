#!/usr/bin/env node
// Packs the embedded fonts with brotli for the browser's module (feature `packed-fonts`, see
// src/assets.rs): fonts/X.ttf → fonts/packed/X.ttf.br, quality 11, window 2^24. The page sends
// the module gzip-compressed, and gzip leaves a font at 55 % of its size where brotli leaves
// 46 %. Same input, same bytes; a unit test checks each packed file unpacks to its font.
// Usage, from the repository root: node tools/pack_fonts.mjs

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const fonts = 'fonts';
for (const name of fs.readdirSync(fonts).filter((f) => f.endsWith('.ttf')).sort()) {
  const ttf = fs.readFileSync(path.join(fonts, name));
  const packed = zlib.brotliCompressSync(ttf, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_FONT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: ttf.length,
    },
  });
  fs.writeFileSync(path.join(fonts, 'packed', `${name}.br`), packed);
  console.log(`fonts/packed/${name}.br: ${ttf.length} → ${packed.length} B`);
}
