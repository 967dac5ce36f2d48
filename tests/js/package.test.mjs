// pkg/ as its users consume it: `require` and `import` in Node through the package's
// `exports` conditions, a bundler (esbuild) resolving the browser entry, and the README's
// example, run as written with each `// →` comment checked against what it prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { gongji, pkgDir, root, thrown } from './helpers.mjs';

/** A scratch project with pkg/ installed as node_modules/gongji, as `npm install` would. */
function scratchProject() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongji-user-'));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(pkgDir, path.join(dir, 'node_modules', 'gongji'), 'dir');
  return dir;
}

function runNode(dir, file, source) {
  fs.writeFileSync(path.join(dir, file), source);
  return execFileSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' });
}

test('require() of the checkout path gives the API, ready at once', async () => {
  assert.equal(typeof gongji.version, 'function');
  assert.match(gongji.version(), /^\d+\.\d+\.\d+$/);
  await gongji.init();
  assert.ok(gongji.errorCodes().length > 0);
});

test('require("gongji") and import "gongji" both resolve in Node through exports', () => {
  const dir = scratchProject();
  const cjs = runNode(dir, 'a.cjs', "const g = require('gongji'); console.log(typeof g.version, g.version());");
  const esm = runNode(dir, 'b.mjs', "import init, { version } from 'gongji'; await init(); console.log(typeof version, version());");
  assert.equal(cjs, esm);
  assert.match(esm, /^function \d+\.\d+\.\d+\n$/);
  const sub = runNode(dir, 'c.mjs', "import { readFileSync } from 'node:fs'; const p = JSON.parse(readFileSync(new URL(import.meta.resolve('gongji/package.json')))); console.log(Object.keys(p.exports).join(','));");
  assert.match(sub, /\.\/wechat/);
});

test('thrown errors are real Errors with a stable code, and never carry the input', () => {
  const error = thrown(() => gongji.setLocale('klingon-13800138000'));
  assert.ok(error instanceof Error);
  assert.equal(error.name, 'GongjiError');
  assert.equal(error.code, 'BOUNDARY_UNKNOWN_LOCALE');
  assert.doesNotMatch(error.message, /13800138000/);
  assert.ok(gongji.errorCodes().includes(error.code), 'every thrown code is listed in errorCodes()');
});

test('every code is unique, UPPER_SNAKE and has text in both scripts', () => {
  const codes = gongji.errorCodes();
  assert.equal(new Set(codes).size, codes.length);
  for (const locale of ['zh-Hans', 'zh-Hant']) {
    gongji.setLocale(locale);
    for (const code of codes) {
      assert.match(code, /^[A-Z][A-Z0-9_]+$/);
      assert.ok(gongji.messageFor(code)?.length > 0, `${code} has ${locale} text`);
    }
  }
  gongji.setLocale('zh-Hans');
});

test('a bundler (esbuild) resolves the browser entry and the bundle runs', async () => {
  const dir = scratchProject();
  fs.writeFileSync(path.join(dir, 'app.mjs'), "import init, { version } from 'gongji';\nexport async function start(bytes) { await init({ module_or_path: bytes }); return version(); }\n");
  const out = path.join(dir, 'bundle.mjs');
  await esbuild.build({ entryPoints: [path.join(dir, 'app.mjs')], bundle: true, format: 'esm', platform: 'browser', outfile: out, logLevel: 'silent' });
  const bundled = fs.readFileSync(out, 'utf8');
  assert.match(bundled, /gongji_bg\.wasm/, 'the browser (web) entry was bundled, not the Node one');
  assert.doesNotMatch(bundled, /readFileSync/);
  const { start } = await import(out);
  const bytes = fs.readFileSync(path.join(pkgDir, 'web', 'gongji_bg.wasm'));
  assert.match(await start(bytes), /^\d+\.\d+\.\d+$/);
});

test('TypeScript declarations ship for every entry the package exports', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  const typeFiles = JSON.stringify(manifest.exports).match(/\.\/[\w/.]+\.d\.c?ts/g);
  assert.ok(typeFiles.length >= 5);
  for (const file of typeFiles) assert.ok(fs.existsSync(path.join(pkgDir, file)), file);
});

test('the README example runs as written and prints what its comments say', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const match = readme.match(/<!-- example:start -->\s*```js\n([\s\S]*?)```\s*<!-- example:end -->/);
  assert.ok(match, 'README.md has the marked example');
  const source = match[1];
  const expected = [...source.matchAll(/\/\/ → (.*)$/gm)].map((m) => m[1].trim());
  assert.ok(expected.length >= 5, 'the example states its results');
  const printed = runNode(scratchProject(), 'example.mjs', source).trimEnd().split('\n').map((l) => l.trim());
  assert.deepEqual(printed, expected);
});
