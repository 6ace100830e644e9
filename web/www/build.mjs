// Builds the page into web/dist/: bundles the page and its Worker with esbuild, copies pdf.js's
// worker, the HTML and CSS, and writes THIRD-PARTY-LICENSES.txt from the licence files of every
// npm package that ends up in the bundle (and of the fonts the module carries). The module itself
// (dist/pkg/) is copied in by web/build after this step; the Worker loads it at run time.

import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const www = path.join(web, 'www');
const dist = path.join(web, 'dist');
const repo = path.resolve(web, '..');

fs.rmSync(dist, { recursive: true, force: true });
fs.mkdirSync(dist, { recursive: true });

const common = {
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  legalComments: 'none', // collected into THIRD-PARTY-LICENSES.txt instead
  metafile: true,
  logLevel: 'warning',
};
const page = await esbuild.build({ ...common, entryPoints: [path.join(www, 'main.js')], outfile: path.join(dist, 'app.js') });
const worker = await esbuild.build({
  ...common,
  entryPoints: [path.join(www, 'worker.js')],
  outfile: path.join(dist, 'worker.js'),
  external: ['./pkg/*'],
});

const pdfWorker = path.join(web, 'node_modules/pdfjs-dist/build/pdf.worker.min.mjs');
fs.copyFileSync(pdfWorker, path.join(dist, 'pdf.worker.mjs'));
for (const file of ['index.html', 'style.css']) fs.copyFileSync(path.join(www, file), path.join(dist, file));

// The npm packages whose code is in the output.
const packages = new Set(['pdfjs-dist']);
for (const meta of [page.metafile, worker.metafile]) {
  for (const input of Object.keys(meta.inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m) packages.add(m[1]);
  }
}

const LICENCE_FILE = /^(licen[cs]e|copying|notice)(\.|-|$)/i;
let text =
  'Сторонние компоненты страницы dorkarta и их лицензии.\n' +
  'Third-party components bundled into the dorkarta page, with their licences.\n\n';
for (const name of [...packages].sort()) {
  const dir = path.join(web, 'node_modules', name);
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const files = fs.readdirSync(dir).filter((f) => LICENCE_FILE.test(f)).sort();
  if (files.length === 0) throw new Error(`${name}: no licence file to bundle`);
  text += `${'='.repeat(78)}\n${name} ${pkg.version} (${pkg.license})\n${'='.repeat(78)}\n`;
  for (const f of files) text += fs.readFileSync(path.join(dir, f), 'utf8').trimEnd() + '\n\n';
}
// The module embeds the fonts of fonts/ (Liberation Serif, a DejaVu Sans subset).
for (const f of ['LICENSE', 'LICENSE-DejaVu']) {
  const file = path.join(repo, 'fonts', f);
  if (!fs.existsSync(file)) continue;
  text += `${'='.repeat(78)}\nfonts/${f} (fonts embedded in the module)\n${'='.repeat(78)}\n`;
  text += fs.readFileSync(file, 'utf8').trimEnd() + '\n\n';
}
fs.writeFileSync(path.join(dist, 'THIRD-PARTY-LICENSES.txt'), text);

const size = (f) => fs.statSync(path.join(dist, f)).size;
console.log(
  `web/dist: app.js ${size('app.js')} B, worker.js ${size('worker.js')} B, ` +
    `pdf.worker.mjs ${size('pdf.worker.mjs')} B, licences of ${packages.size} packages`,
);
