// pkg/ as npm hands it to a user: `npm pack` → the tarball holds only what users need and
// `npm publish --dry-run` would send the same files; publint and @arethetypeswrong/cli (the
// tools made to check a package's manifest and its types per resolution mode) find nothing;
// the tarball installs offline into a fresh project and works there with `require`, `import`
// and TypeScript under `moduleResolution` node16 and bundler; `version()` is package.json's;
// and WeChat's 构建 npm (Tencent's miniprogram-ci packNpm) of a fresh project that installed
// the tarball yields miniprogram_npm/gongji/, which the logic layer requires and loads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { pkgDir, root } from '../js/helpers.mjs';
import { buildWechatNpm } from '../../www/scripts/sync-miniprogram.mjs';

const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const manifest = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));

/** What a user's install may contain: the four builds (each with its start/ module) and the three documents. */
const SHIPPED = /^(package\.json|start\/package\.json|README\.md|CHANGELOG\.md|LICENSE|(web|node|wechat|alipay)\/(start\/)?([\w-]+\.[cm]?js|[\w-]+\.d\.[cm]?ts|[\w-]+\.wasm(\.br)?|package\.json))$/;
const REQUIRED = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'web/gongji.js', 'web/gongji_bg.wasm',
  'node/index.cjs', 'node/index.mjs', 'wechat/index.js', 'wechat/gongji.wasm.br', 'alipay/index.js', 'alipay/gongji.wasm',
  'web/start/gongji.js', 'web/start/gongji_bg.wasm', 'node/start/index.cjs', 'node/start/index.mjs', 'wechat/start/index.js',
  'wechat/start/gongji.wasm.br', 'alipay/start/index.js', 'alipay/start/gongji.wasm.br'];

let tarball;
let packed;
const scratch = [];
/** A temporary folder, removed when the file's tests end. */
function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}
after(() => { for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true }); });

before(() => {
  const out = tempDir('gongji-pack-');
  [packed] = JSON.parse(execFileSync('npm', ['pack', pkgDir, '--pack-destination', out, '--json', '--silent'], { encoding: 'utf8' }));
  tarball = path.join(out, packed.filename);
});

function npmFiles(result) {
  return result.files.map((f) => f.path).sort();
}

test('the tarball holds only what users need, and publish --dry-run would send the same', () => {
  const files = npmFiles(packed);
  const stray = files.filter((f) => !SHIPPED.test(f) || f.endsWith('.wasm.d.ts'));
  assert.deepEqual(stray, [], 'files outside the shipped set');
  for (const file of REQUIRED) assert.ok(files.includes(file), `${file} is packed`);
  const dry = JSON.parse(execFileSync('npm', ['publish', '--dry-run', '--json', '--silent', '--ignore-scripts'], { cwd: pkgDir, encoding: 'utf8' }));
  assert.deepEqual(npmFiles(dry.gongji ?? dry), files);
  // Printed for the report: size of the tarball users download, and unpacked.
  console.log(`tarball ${packed.filename}: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked, ${files.length} files`);
});

test('the manifest names what a registry page and a bundler need', () => {
  for (const field of ['name', 'version', 'license', 'description', 'files', 'exports', 'types', 'sideEffects', 'miniprogram']) {
    assert.ok(manifest[field] !== undefined, `package.json has ${field}`);
  }
  // No public remote exists, so no address is invented (Cargo.toml); when one is set it appears here
  // in npm's git form.
  if (manifest.repository !== undefined) assert.match(manifest.repository.url, /^git\+https:\/\/.+\.git$/);
  assert.match(manifest.version, /^\d+\.\d+\.\d+(-[\w.]+)?$/, 'a semver version');
  // Every condition that leads to JavaScript has its declarations beside it, first.
  const walk = (node, where) => {
    if (typeof node === 'string') return;
    const keys = Object.keys(node);
    if (typeof node.default === 'string' && /\.[cm]?js$/.test(node.default)) {
      assert.ok(keys.includes('types') && keys.indexOf('types') < keys.indexOf('default'), `${where}: types before default`);
    }
    for (const key of keys) if (key !== 'types') walk(node[key], `${where}.${key}`);
  };
  walk(manifest.exports, 'exports');
  const changelog = fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8');
  assert.match(changelog, new RegExp(`## \\[${manifest.version.replace(/\./g, '\\.')}\\]`), 'CHANGELOG.md has a section for this version');
});

test('publint (strict) finds nothing in the packed package', async () => {
  // pack: 'npm' lets publint tell a referenced file that exists from one npm would publish.
  const { messages, pkg } = await publint({ pkgDir, pack: 'npm', strict: true });
  assert.deepEqual(messages.map((m) => `${m.type}: ${formatMessage(m, pkg)}`), []);
});

/** attw's problems for the tarball, as "entrypoint kind" lines (empty when it found none). */
function attw(args, ignoredResolutions = []) {
  const run = spawnSync(bin('attw'), [tarball, '--format', 'json', ...args], { encoding: 'utf8' });
  // The JSON lists every problem; a profile only decides which ones fail the run.
  const problems = Object.values(JSON.parse(run.stdout).problems ?? {}).flat()
    .filter((p) => !ignoredResolutions.includes(p.resolutionKind));
  return { status: run.status, problems: problems.map((p) => `${p.entrypoint ?? ''} ${p.resolutionKind ?? ''} ${p.kind}`) };
}

test('@arethetypeswrong/cli finds no problem in any resolution mode', () => {
  // ./web is the browser's ES module: no CommonJS face by design, so it is checked with the
  // ESM-only profile. The .wasm subpath is a file for bundlers, not a module with types.
  const all = attw(['--exclude-entrypoints', './web', './web/gongji_bg.wasm', './web/start', './web/start/gongji_bg.wasm']);
  assert.deepEqual(all.problems, []);
  assert.equal(all.status, 0);
  const web = attw(['--profile', 'esm-only', '--entrypoints', './web', './web/start'], ['node10', 'node16-cjs']);
  assert.deepEqual(web.problems, []);
  assert.equal(web.status, 0);
});

/** A fresh project with the tarball installed from the file, offline, as `npm install` does. */
function installedProject() {
  const dir = tempDir('gongji-consumer-');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, version: '1.0.0' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent', tarball], { cwd: dir, stdio: 'pipe' });
  return dir;
}

function runNode(dir, file, source) {
  fs.writeFileSync(path.join(dir, file), source);
  return execFileSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' });
}

test('installed from the tarball: require, import (default and named) and the subpaths work', () => {
  const dir = installedProject();
  assert.ok(!fs.lstatSync(path.join(dir, 'node_modules', 'gongji')).isSymbolicLink(), 'a copy, not a link to pkg/');
  const cjs = runNode(dir, 'a.cjs', "const g = require('gongji'); g.init().then(() => console.log(g.version(), g.formatYuan('1234.565')));");
  const esm = runNode(dir, 'b.mjs', "import init, { init as named, version, formatYuan } from 'gongji'; await init(); await named(); console.log(version(), formatYuan('1234.565'));");
  assert.equal(cjs, `${manifest.version} ¥1,234.57\n`, 'version() is package.json\'s version');
  assert.equal(esm, cjs);
  // The mini-program build needs WXWebAssembly to init; here only its named ES imports are checked.
  const wechat = runNode(dir, 'c.mjs', "import { parseYuan, init, Ledger } from 'gongji/wechat'; console.log(typeof init, typeof parseYuan, typeof Ledger);");
  assert.equal(wechat, 'function function function\n', 'named ES imports of the CommonJS mini-program build');
  const sub = runNode(dir, 'd.cjs', "console.log(require.resolve('gongji/node').endsWith('index.cjs'), require('gongji/package.json').miniprogram);");
  assert.equal(sub, 'true wechat\n');
});

test('installed from the tarball: TypeScript type-checks a user file under node16 and bundler resolution', () => {
  const dir = installedProject();
  const use = [
    "import init, { formatYuan, type Yuan, type ErrorCode, type GongjiError } from 'gongji';",
    'await init();',
    "const amount: Yuan = formatYuan('1.005');",
    "const code: ErrorCode = 'BOUNDARY_UNKNOWN_LOCALE';",
    'export const seen: [string, ErrorCode, GongjiError | null] = [amount, code, null];',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'use.mts'), use);
  fs.writeFileSync(path.join(dir, 'use.cts'), "import gongji = require('gongji');\nexport const s: string = gongji.formatYuan('2');\nexport const p: Promise<void> = gongji.init();\n");
  fs.writeFileSync(path.join(dir, 'bundled.ts'), use.replace("from 'gongji'", "from 'gongji'").replace('await init();', 'void init();'));
  const base = { strict: true, noEmit: true, target: 'es2022', lib: ['es2022', 'dom'], types: [], skipLibCheck: false };
  const configs = {
    'tsconfig.node16.json': { compilerOptions: { ...base, module: 'node16', moduleResolution: 'node16' }, files: ['use.mts', 'use.cts'] },
    'tsconfig.bundler.json': { compilerOptions: { ...base, module: 'esnext', moduleResolution: 'bundler' }, files: ['bundled.ts'] },
  };
  for (const [name, config] of Object.entries(configs)) {
    fs.writeFileSync(path.join(dir, name), JSON.stringify(config));
    const run = spawnSync(bin('tsc'), ['-p', name], { cwd: dir, encoding: 'utf8' });
    assert.equal(run.status, 0, `${name}: ${run.stdout}${run.stderr}`);
  }
  // And the checker is awake: a wrong type in the user's file is reported.
  fs.writeFileSync(path.join(dir, 'bundled.ts'), "import { formatYuan } from 'gongji';\nexport const n: number = formatYuan('1');\n");
  assert.notEqual(spawnSync(bin('tsc'), ['-p', 'tsconfig.bundler.json'], { cwd: dir }).status, 0);
});

/**
 * A fresh WeChat project, as a developer starts one: app.json, project.config.json and a
 * package.json that names the tarball; then npm install and 构建 npm (miniprogram-ci packNpm).
 */
async function freshWechatProject() {
  const dir = tempDir('gongji-wechat-');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'fresh-wechat', private: true, dependencies: { gongji: `file:${tarball}` } }));
  fs.writeFileSync(path.join(dir, 'project.config.json'), JSON.stringify({ appid: 'touristappid', compileType: 'miniprogram', miniprogramRoot: './', setting: {} }));
  fs.writeFileSync(path.join(dir, 'app.json'), JSON.stringify({ pages: ['pages/index/index'] }));
  fs.writeFileSync(path.join(dir, 'app.js'), "var gongji = require('gongji');\nApp({ ready: gongji.init() });\n");
  const built = await buildWechatNpm(dir, { appid: 'touristappid' });
  return { dir, ...built };
}

test('构建 npm (miniprogram-ci packNpm) of the installed tarball gives miniprogram_npm/gongji/, and app.js runs on it', async () => {
  const { dir, report, warnings } = await freshWechatProject();
  assert.deepEqual(warnings, []);
  assert.equal(report.miniprogram_pack_num, 1, 'packed as a mini-program package (the miniprogram field), not re-bundled from main');
  const built = path.join(dir, 'miniprogram_npm', 'gongji');
  assert.deepEqual(fs.readdirSync(built).sort(), fs.readdirSync(path.join(pkgDir, 'wechat')).sort(), 'the whole of pkg/wechat, nothing else');
  // The logic layer as WeChat gives it: require of a package name is miniprogram_npm/<name>/
  // and its main; WXWebAssembly takes an absolute code-package path; no WebAssembly global.
  const reads = [];
  const sandbox = {
    console,
    WXWebAssembly: {
      instantiate(packagePath, imports) {
        reads.push(packagePath);
        const bytes = zlib.brotliDecompressSync(fs.readFileSync(path.join(dir, packagePath)));
        return WebAssembly.instantiate(bytes, imports);
      },
    },
  };
  const context = vm.createContext(sandbox);
  vm.runInContext('delete this.globalThis;', context);
  const cache = new Map();
  const requireIn = (from) => (request) => {
    let file;
    if (/^[./]/.test(request)) file = path.resolve(from, request);
    else {
      const folder = path.join(dir, 'miniprogram_npm', request);
      file = path.join(folder, JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')).main || 'index.js');
    }
    if (!file.endsWith('.js')) file += '.js';
    if (!cache.has(file)) {
      const module = { exports: {} };
      cache.set(file, module);
      vm.runInContext(`(function (module, exports, require, App) {\n${fs.readFileSync(file, 'utf8')}\n})`, context)(module, module.exports, requireIn(path.dirname(file)), (options) => { sandbox.app = options; });
    }
    return cache.get(file).exports;
  };
  const gongji = requireIn(dir)('./app.js') && requireIn(dir)('gongji');
  await sandbox.app.ready;
  assert.deepEqual(reads, ['/miniprogram_npm/gongji/gongji.wasm.br'], 'init() with no argument found the module where 构建 npm put it');
  assert.equal(gongji.formatYuan('1234.565'), '¥1,234.57');
  assert.equal(gongji.version(), manifest.version);
});
