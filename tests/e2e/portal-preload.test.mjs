// What the portal's login page fetches, as Debian's Chromium reports it (issue #13: on
// mobile data each round of requests costs ~0.6 s, bench/portal.mjs): index.html preloads
// exactly the modules the login page runs and the start module's wasm, so they come in one
// round; no other page's module comes before the login page is ready; every preload is used
// (one request each, no "preloaded but not used" warning). The whole core loads on its own
// once the start module is up (www/shared/core-service.js), and is not preloaded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../www/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let server;
let origin;
let browser;

before(async () => {
  ({ server, origin } = await startServer({ port: 0 }));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
});

after(async () => {
  await browser?.close();
  server?.closeAllConnections?.();
  server?.close();
});

/** The preload links of index.html: {modules, fetches}. */
function preloads() {
  const html = fs.readFileSync(path.join(root, 'www', 'index.html'), 'utf8');
  const hrefs = (rel) => [...html.matchAll(new RegExp(`<link rel="${rel}" href="([^"]+)"`, 'g'))].map((m) => m[1]);
  return { modules: hrefs('modulepreload').sort(), fetches: hrefs('preload').sort() };
}

test('the login page runs exactly the preloaded modules, fetches the start module once, and nothing of the other pages', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const requests = [];
  const warnings = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  page.on('console', (message) => { if (/preload/i.test(message.text())) warnings.push(message.text()); });
  await page.goto(`${origin}/#/login`);
  await page.waitForSelector('main[data-ready="login"]');
  const atReady = requests.slice();
  const { modules, fetches } = preloads();

  // The modules fetched before the login page was ready, but the whole core's (loaded on its
  // own, in the background).
  const WHOLE = ['/pkg/web/gongji.js', '/pkg/web/gongji_glue.js'];
  const ranModules = [...new Set(atReady.filter((p) => p.endsWith('.js') && p !== '/app/main.js' && !WHOLE.includes(p)))].sort();
  assert.deepEqual(ranModules.filter((p) => !modules.includes(p)), [], 'every module the login page runs is preloaded');
  assert.deepEqual(modules.filter((p) => !ranModules.includes(p)), [], 'every preloaded module is one the login page runs');
  assert.deepEqual(fetches, ['/pkg/web/start/gongji_bg.wasm']);
  assert.equal(atReady.filter((p) => p === '/pkg/web/start/gongji_bg.wasm').length, 1, 'the start module fetched once: the preload was used');
  for (const other of ['/app/pages/home.js', '/app/pages/history.js', '/app/pages/family.js']) {
    assert.ok(!atReady.includes(other), `${other} is not fetched for the login page`);
  }
  assert.ok(modules.length > 10, `${modules.length} modules preloaded`);
  // The whole module follows on its own (core-service.js lazyService), after the login page.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/pkg/web/gongji_bg.wasm')));
  await page.waitForTimeout(100);
  assert.deepEqual(warnings, [], 'no preload warning');
  await context.close();
});
