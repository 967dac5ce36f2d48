// pkg/web in a plain browser page: `<script type="module">` importing the package, in Debian's
// Chromium driven by playwright-core, under a CSP that allows wasm and nothing else
// ('wasm-unsafe-eval' only, no 'unsafe-eval').
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { pkgDir } from '../js/helpers.mjs';

const PAGE = `<!doctype html><meta charset="utf-8"><title>gongji</title>
<p id="out">loading</p>
<script type="module">
import init, { version, setLocale, messageFor } from '/pkg/web/gongji.js';
await init();
setLocale('zh-Hant');
document.getElementById('out').textContent = version() + ' ' + messageFor('BOUNDARY_UNKNOWN_LOCALE');
</script>`;
const CSP = "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; object-src 'none'";

let server;
let browser;
let origin;

// playwright-core makes a fresh, empty profile for each launch.
async function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

before(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP });
      res.end(PAGE);
      return;
    }
    const file = path.join(pkgDir, 'web', path.basename(req.url));
    if (!req.url.startsWith('/pkg/web/') || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const type = file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript; charset=utf-8';
    res.writeHead(200, { 'content-type': type }).end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('a plain <script type="module"> page loads pkg/web under a strict CSP', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(origin + '/');
  await page.waitForFunction(() => document.getElementById('out').textContent !== 'loading');
  const text = await page.textContent('#out');
  assert.deepEqual(errors, []);
  assert.match(text, /^\d+\.\d+\.\d+ .*簡體/);
});
