// The package through a second bundler, Vite (beside esbuild in tests/js/package.test.mjs):
// a small page in a fresh project that installed the packed tarball imports `gongji`, Vite
// builds it for production (the wasm becomes a hashed asset found through
// `new URL(..., import.meta.url)`), and Debian's Chromium opens the built page from a plain
// static server, under a CSP that allows wasm and nothing else.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { pkgDir } from '../js/helpers.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'";
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm' };

let project;
let dist;
let server;
let origin;
let browser;

/** A fresh project with the tarball installed (offline), a page and its module. */
function viteProject() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongji-vite-'));
  const [packed] = JSON.parse(execFileSync('npm', ['pack', pkgDir, '--pack-destination', dir, '--json', '--silent'], { encoding: 'utf8' }));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'vite-page', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent', path.join(dir, packed.filename)], { cwd: dir, stdio: 'pipe' });
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>gongji via Vite</title>\n<p id="out">loading</p>\n<script type="module" src="/main.js"></script>\n');
  fs.writeFileSync(path.join(dir, 'main.js'), [
    "import init, { version, formatYuan, toChineseUppercase, setLocale, messageFor } from 'gongji';",
    'await init();',
    "setLocale('zh-Hant');",
    "document.getElementById('out').textContent = [version(), formatYuan('1234.565'), toChineseUppercase('1004.05'), messageFor('BOUNDARY_UNKNOWN_LOCALE')].join(' | ');",
    '',
  ].join('\n'));
  return dir;
}

before(async () => {
  project = viteProject();
  dist = path.join(project, 'dist');
  await build({ root: project, logLevel: 'silent', build: { outDir: dist, target: 'es2022' } });
  server = http.createServer((req, res) => {
    if (req.url === '/favicon.ico') {
      res.writeHead(204).end(); // the page has none; Chromium asks anyway
      return;
    }
    const file = path.join(dist, req.url === '/' ? 'index.html' : path.normalize(req.url.split('?')[0]));
    if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP });
    res.end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
  if (project) fs.rmSync(project, { recursive: true, force: true });
});

test('Vite bundles the browser entry and emits the wasm as an asset, not the Node build', () => {
  const assets = fs.readdirSync(path.join(dist, 'assets'));
  assert.equal(assets.filter((f) => f.endsWith('.wasm')).length, 1, `one wasm asset (${assets.join(', ')})`);
  const js = assets.filter((f) => f.endsWith('.js')).map((f) => fs.readFileSync(path.join(dist, 'assets', f), 'utf8')).join('\n');
  assert.doesNotMatch(js, /readFileSync|require\(["']fs["']\)/, 'no Node file reads in the browser bundle');
});

test('the Vite-built page runs in Chromium under a strict CSP', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
  await page.goto(origin + '/');
  await page.waitForFunction(() => document.getElementById('out').textContent !== 'loading', null, { timeout: 20000 });
  const text = await page.textContent('#out');
  assert.deepEqual(errors, []);
  const version = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
  const parts = text.split(' | ');
  assert.deepEqual(parts.slice(0, 3), [version, '¥1,234.57', '壹仟零肆元零伍分']);
  assert.match(parts[3], /簡體|繁體/, 'a catalog text in the chosen script');
  await page.close();
});
