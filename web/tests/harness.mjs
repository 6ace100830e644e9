// What the browser tests share: a static server over web/dist on 127.0.0.1, Debian's Chromium
// driven by playwright-core with the flags this machine needs, a record of every request the page
// makes, and the command-line binary to compare with.

import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repo = path.resolve(web, '..');
export const dist = path.join(web, 'dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
};

/** Serves web/dist on 127.0.0.1 (a free port). Resolves to {url, close()}. */
export function serve(root = dist) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, data) => {
      if (err) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(data);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

/**
 * Launches headless Chromium. Playwright gives it a fresh empty profile of its own (it refuses
 * --user-data-dir with launch()). Resolves to {browser, close()}.
 */
export async function launch() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/**
 * Opens the page in a new context that accepts downloads; every request of the page and its
 * workers goes into `requests` (URLs).
 */
export async function openPage(browser, url, requests) {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(url);
  await page.waitForFunction(() => window.dorkarta !== undefined, null, { timeout: 60000 });
  return { context, page, errors };
}

/** The command-line binary: $DORKARTA_BIN, or target/debug/dorkarta built now if needed. */
export function dorkartaBin() {
  if (process.env.DORKARTA_BIN) return process.env.DORKARTA_BIN;
  execFileSync('cargo', ['build', '--quiet', '--bin', 'dorkarta'], { cwd: repo, stdio: 'inherit' });
  return path.join(repo, 'target/debug/dorkarta');
}

/** Runs the binary; returns {code, stdout, stderr} without throwing on a non-zero exit. */
export function run(bin, args, options = {}) {
  try {
    const stdout = execFileSync(bin, args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
    return { code: 0, stdout, stderr: '' };
  } catch (e) {
    return { code: e.status, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** The page count of a PDF, from poppler's pdfinfo. */
export function pdfPages(file) {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)[1]);
}

/** The entries of a ZIP file: {name: Buffer}, read with Python's zipfile (no npm dependency). */
export function unzip(file) {
  const json = execFileSync(
    'python3',
    [
      '-c',
      'import base64,json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\n' +
        'print(json.dumps({n: base64.b64encode(z.read(n)).decode() for n in z.namelist()}))',
      file,
    ],
    { encoding: 'utf8', maxBuffer: 1 << 30 },
  );
  return Object.fromEntries(Object.entries(JSON.parse(json)).map(([n, b]) => [n, Buffer.from(b, 'base64')]));
}

export function tempDir(name) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `dorkarta-${name}-`));
}

/** Saves the next download that `action` triggers into `dir`; resolves to its path. */
export async function downloadOf(page, dir, action) {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120000 }), action()]);
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}
