#!/usr/bin/env node
// The page's budget (issue 20, item 7), measured, not asserted: prints
//  1. the transfer size of what the page loads, compressed (gzip -9 and brotli), per file and
//     in total (the goal: at most 4 MB, fonts included: they are inside the module);
//  2. the time from the last keystroke to the refreshed preview of the Taganrog sample in
//     headless Chromium (median of several edits; the goal: at most 150 ms);
//  3. the module's render time in the page against the native binary's on the same sample.
// Usage: bash web/build && node tools/web_budget.mjs [edits]
//   DORKARTA_DIST: the site (default web/dist); DORKARTA_BIN: the native binary (default target/release/dorkarta, else target/debug/dorkarta).

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { serve, launch, dist as built, repo, tempDir } from '../web/tests/harness.mjs';

const dist = process.env.DORKARTA_DIST || built; // the site to measure (default web/dist)

const EDITS = Number(process.argv[2] || 11);
const RUNS = 7;
const SAMPLE = 'taganrog-2023.yaml';
const PAUSE = 60; // PREVIEW_DELAY in web/www/main.js

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const ms = (n) => `${n.toFixed(1)} ms`;

if (!fs.existsSync(path.join(dist, 'pkg'))) {
  console.error('web/dist/pkg is missing: run `bash web/build` first');
  process.exit(2);
}

const server = await serve(dist);
const chrome = await launch();
const context = await chrome.browser.newContext({ viewport: { width: 1400, height: 900 } });
const requested = new Set();
context.on('request', (r) => requested.add(new URL(r.url()).pathname));
const page = await context.newPage();
await page.goto(server.url);
await page.waitForFunction(() => window.dorkarta !== undefined, null, { timeout: 60000 });

async function openSample(name) {
  await page.click('#samples');
  await page.click(`[data-sample="${name}"]`);
  await page.waitForFunction(() => document.getElementById('preview').dataset.state === 'fresh', null, { timeout: 120000 });
}
await openSample(SAMPLE);

// 2. Keystroke to refreshed preview. The page notes the time of each key and of each preview
// that became fresh; the edits alternate typing a letter at the end of the title and erasing it.
await page.evaluate(() => {
  window.__budget = { key: 0, fresh: [] };
  // A Cyrillic letter is typed by Playwright as inserted text, without a keydown: the edit's
  // beforeinput marks it too (for a key press it comes right after the keydown).
  const mark = () => (window.__budget.key = performance.now());
  window.addEventListener('keydown', mark, true);
  window.addEventListener('beforeinput', mark, true);
  const box = document.getElementById('preview');
  new MutationObserver(() => {
    if (box.dataset.state === 'fresh') window.__budget.fresh.push(performance.now());
  }).observe(box, { attributes: true, attributeFilter: ['data-state'] });
});
const lines = fs.readFileSync(path.join(repo, 'samples', SAMPLE), 'utf8').split('\n');
const titleText = lines[lines.findIndex((l) => l.startsWith('  title:')) + 1]; // its first text line
const box = await page.evaluate((text) => {
  const line = [...document.querySelectorAll('.cm-line')].find((l) => l.textContent === text);
  const r = line.getBoundingClientRect();
  return { x: r.left + 4, y: r.top + 4 };
}, titleText);
await page.mouse.click(box.x, box.y);
await page.keyboard.press('End');
const latencies = [];
const renderParts = [];
const drawParts = [];
for (let i = 0; i < EDITS; i++) {
  const before = await page.evaluate(() => window.__budget.fresh.length);
  if (i % 2) await page.keyboard.press('Backspace');
  else await page.keyboard.type('а');
  await page.waitForFunction((n) => window.__budget.fresh.length > n, before, { timeout: 60000 });
  await page.waitForTimeout(300); // let a late second refresh (if any) land before the next key
  latencies.push(await page.evaluate(() => window.__budget.fresh.at(-1) - window.__budget.key));
  const box = await page.evaluate(() => ({ ...document.getElementById('preview').dataset }));
  renderParts.push(Number(box.renderMs));
  drawParts.push(Number(box.drawMs));
}

// 3. The module's render time in the page (through the Worker) against the native binary.
const source = lines.join('\n');
const wasm = await page.evaluate(
  async ({ source, runs }) => {
    const out = {};
    for (const format of ['pdf', 'docx']) {
      await window.dorkarta.render(source, format); // warm up
      const times = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await window.dorkarta.render(source, format);
        times.push(performance.now() - t);
      }
      out[format] = times;
    }
    return out;
  },
  { source, runs: RUNS },
);
const lint = await page.evaluate(async (source) => {
  const times = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    await window.dorkarta.check(source);
    times.push(performance.now() - t);
  }
  return times;
}, source);

await chrome.close();
await server.close();

const release = path.join(repo, 'target/release/dorkarta');
const bin = process.env.DORKARTA_BIN || (fs.existsSync(release) ? release : path.join(repo, 'target/debug/dorkarta'));
const out = tempDir('budget');
const native = {};
for (const format of ['pdf', 'docx']) {
  native[format] = [];
  for (let i = 0; i <= RUNS; i++) {
    const t = process.hrtime.bigint();
    execFileSync(bin, ['render', `samples/${SAMPLE}`, '-o', out, '--format', format], { cwd: repo, stdio: 'ignore' });
    if (i > 0) native[format].push(Number(process.hrtime.bigint() - t) / 1e6);
  }
}
fs.rmSync(out, { recursive: true, force: true });

// 1. Transfer size of what the page loaded.
let raw = 0;
let gz = 0;
let br = 0;
console.log('1. Transfer size of the files the page loaded (compressed as a server would send them):');
console.log(`   ${'file'.padEnd(34)} ${'raw'.padStart(12)} ${'gzip -9'.padStart(12)} ${'brotli 11'.padStart(12)}`);
for (const p of [...requested].sort()) {
  const file = path.join(dist, p === '/' ? 'index.html' : decodeURIComponent(p));
  if (!fs.existsSync(file)) continue;
  const data = fs.readFileSync(file);
  const g = zlib.gzipSync(data, { level: 9 }).length;
  const b = zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  raw += data.length;
  gz += g;
  br += b;
  console.log(`   ${p.padEnd(34)} ${kb(data.length).padStart(12)} ${kb(g).padStart(12)} ${kb(b).padStart(12)}`);
}
console.log(`   ${'total'.padEnd(34)} ${kb(raw).padStart(12)} ${kb(gz).padStart(12)} ${kb(br).padStart(12)}`);
console.log(`   goal: at most 4 MB (4,000,000 B = 3906 KiB, gzip; web/tests/page.test.mjs holds it) compressed, fonts included (they are inside the module)`);
console.log('');
console.log(`2. Last keystroke to refreshed preview, ${SAMPLE}, headless Chromium, ${EDITS} edits:`);
console.log(`   median ${ms(median(latencies))}, min ${ms(Math.min(...latencies))}, max ${ms(Math.max(...latencies))} (goal: at most 150 ms)`);
console.log(
  `   of which: the pause before the refresh ${PAUSE} ms, the render in the Worker (median) ${ms(median(renderParts))}, ` +
    `pdf.js reading and drawing the pages in view ${ms(median(drawParts))}`,
);
console.log(`   all: ${latencies.map((x) => x.toFixed(0)).join(', ')} ms`);
console.log('');
console.log(`3. Render time of ${SAMPLE}, median of ${RUNS}:`);
for (const format of ['pdf', 'docx']) {
  console.log(
    `   ${format}: module in the page (Worker round trip) ${ms(median(wasm[format]))}; ` +
      `native ${path.relative(repo, bin)} (whole process, writing the file) ${ms(median(native[format]))}; ` +
      `ratio ${(median(wasm[format]) / median(native[format])).toFixed(2)}`,
  );
}
console.log(`   check in the page (Worker round trip): ${ms(median(lint))}`);
