// `make build`: one build that yields the npm package in pkg/ for browsers and bundlers
// (pkg/web), Node (pkg/node, require and import), and the WeChat and Alipay mini-programs
// (pkg/wechat, pkg/alipay). No wasm-pack: cargo → wasm-bindgen → wasm-opt, as automerge and
// Bitwarden's SDK do, because wasm-pack downloads binaries this network cannot reach.
//
// One crate, two modules (Cargo.toml, feature `full`): the whole module, and the start module
// (identity, money, messages — what the login page needs) that the shells load first, in
// start/ beside the whole one in every platform folder (issue #13: the bytes loaded at start).
//
// The mini-program module is built with every post-MVP feature off, because iOS WeChat
// rejects default Rust 1.95 output ("CompileError: invalid wasm file"); the steps are the
// ones docs/sources.md records as passing wasm-validate with those features disabled.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';
import { removeCustomSection, removeExportedGlobals } from './wasm-sections.mjs';
import { lowerCopyFill } from './copy-fill-lowering.mjs';
import { writePackage } from './package-manifest.mjs';
import { startupBytes, WHOLE_FILES } from './startup-bytes.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const build = path.join(root, 'build');
const pkg = path.join(root, 'pkg');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const TARGET = 'wasm32-unknown-unknown';

/** The features Rust 1.95 turns on by default and old mini-program runtimes lack. */
export const POST_MVP_FEATURES = ['reference-types', 'multivalue', 'bulk-memory', 'nontrapping-fptoint', 'sign-ext'];

function run(command, args, env = {}) {
  execFileSync(command, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } });
}

/** The subfolder of each platform folder a module goes to: '' (the whole module) or 'start'. */
const MODULES = ['', 'start'];
const suffix = (sub) => (sub ? `-${sub}` : '');

function cargoBuild({ targetDir, sub, rustflags }) {
  const args = ['build', '--release', '--lib', '--target', TARGET];
  if (sub === 'start') args.push('--no-default-features');
  run('cargo', args, { CARGO_TARGET_DIR: path.join(root, targetDir), ...(rustflags ? { RUSTFLAGS: rustflags } : {}) });
  return path.join(root, targetDir, TARGET, 'release', 'gongji.wasm');
}

function wasmBindgen(input, target, outDir) {
  fs.rmSync(outDir, { recursive: true, force: true });
  run('wasm-bindgen', ['--target', target, '--out-dir', outDir, '--out-name', 'gongji', input]);
}

function wasmOpt(file, extra = []) {
  run(bin('wasm-opt'), [file, '-o', file, ...extra, '-Oz']);
}

function copyDir(from, to, skip = () => false) {
  fs.mkdirSync(to, { recursive: true });
  for (const name of fs.readdirSync(from)) {
    if (!skip(name)) fs.copyFileSync(path.join(from, name), path.join(to, name));
  }
}

/** The public names of the raw glue, as Node sees them (the same module for every target). */
function exportedNames(nodeGlue) {
  const require = createRequire(import.meta.url);
  return Object.keys(require(nodeGlue)).filter((name) => !name.startsWith('__')).sort();
}

/**
 * The entry of the boundary layer: every export of the raw glue, each wrapped by
 * scripts/boundary/guard.js as scripts/boundary/spec.js describes it, plus isGongjiError.
 */
function guardedEntry({ rawImport, names, extra = '' }) {
  return [
    `import * as raw from ${JSON.stringify(rawImport)};`,
    `import { guardApi } from ${JSON.stringify(path.join(root, 'scripts', 'boundary', 'guard.js'))};`,
    `import { SPEC } from ${JSON.stringify(path.join(root, 'scripts', 'boundary', 'spec.js'))};`,
    `const api = guardApi(raw, SPEC, ${JSON.stringify(names)});`,
    'export const isGongjiError = api.isGongjiError;',
    ...names.map((name) => `export const ${name} = api.${name};`),
    extra,
    '',
  ].join('\n');
}

/** pkg/node/gongji.js (CommonJS) and pkg/web/gongji.js (ES module) over their raw glue. */
async function bundleGuarded({ target, sub, names, rawImport, extra }) {
  const entry = path.join(build, `${target}${suffix(sub)}-guard-entry.js`);
  fs.writeFileSync(entry, guardedEntry({ rawImport, names, extra }));
  await esbuild.build({
    entryPoints: [entry],
    outfile: path.join(pkg, target, sub, 'gongji.js'),
    bundle: true,
    external: [rawImport],
    format: target === 'node' ? 'cjs' : 'esm',
    target: 'es2017',
    // Node's ESM face (index.mjs) finds the named exports only in esbuild's node-platform CommonJS.
    platform: target === 'node' ? 'node' : 'neutral',
    legalComments: 'none',
    banner: { js: '// gongji: the boundary layer (scripts/boundary/guard.js) over wasm-bindgen\'s glue in gongji_glue.js.' },
    logLevel: 'warning',
  });
}

/** Browsers, bundlers and Node share one module (of each kind: `sub`, see MODULES). */
async function buildWebAndNode(sub) {
  const wasm = cargoBuild({ targetDir: `target/web${suffix(sub)}`, sub });
  for (const [target, dir] of [['web', 'web'], ['nodejs', 'node']]) {
    const out = path.join(build, `${dir}${suffix(sub)}`);
    wasmBindgen(wasm, target, out);
    wasmOpt(path.join(out, 'gongji_bg.wasm'), ['--enable-reference-types', '--enable-multivalue', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext']);
    copyDir(out, path.join(pkg, dir, sub), (name) => name === 'gongji_bg.wasm.d.ts' || name === 'gongji.js');
    // wasm-bindgen's own glue becomes gongji_glue.js; gongji.js is the boundary layer over it.
    fs.copyFileSync(path.join(out, 'gongji.js'), path.join(pkg, dir, sub, 'gongji_glue.js'));
  }
  fs.writeFileSync(path.join(pkg, 'node', sub, 'package.json'), JSON.stringify({ type: 'commonjs' }, null, 2) + '\n');
  const names = exportedNames(path.join(pkg, 'node', sub, 'gongji_glue.js'));
  await bundleGuarded({ target: 'node', sub, names, rawImport: './gongji_glue.js' });
  await bundleGuarded({ target: 'web', sub, names, rawImport: './gongji_glue.js', extra: "export { default, initSync } from './gongji_glue.js';" });
  // pkg/node's entry files (index.cjs, index.mjs and their types): scripts/package-manifest.mjs.
}

/** The MVP-only module both mini-program loaders share. */
function buildMiniProgramModule(sub) {
  const rustflags = '-C target-feature=' + POST_MVP_FEATURES.map((f) => '-' + f).join(',');
  const wasm = cargoBuild({ targetDir: `target/mvp${suffix(sub)}`, sub, rustflags });
  const stripped = path.join(build, `mvp${suffix(sub)}-input.wasm`);
  fs.mkdirSync(build, { recursive: true });
  fs.writeFileSync(stripped, removeCustomSection(fs.readFileSync(wasm), 'target_features'));
  const out = path.join(build, `mvp${suffix(sub)}`);
  wasmBindgen(stripped, 'bundler', out);
  const module = path.join(out, 'gongji_bg.wasm');
  // The prebuilt std still contains memory.copy/fill and friends: lower them — copy and fill
  // with eight-byte loops (copy-fill-lowering.mjs: binaryen's byte loops cost ~10% of a
  // history load where wasm is interpreted), the rest with binaryen's own passes.
  fs.writeFileSync(module, lowerCopyFill(removeExportedGlobals(fs.readFileSync(module))));
  wasmOpt(module, ['--mvp-features', '--enable-sign-ext', '--enable-nontrapping-float-to-int',
    '--signext-lowering', '--llvm-nontrapping-fptoint-lowering']);
  run(bin('wasm-opt'), [module, '-o', module, '--mvp-features', '-Oz']);
  return out;
}

/** The public names the glue exports, read from wasm-bindgen's own entry file. */
function publicNames(glueDir) {
  const entry = fs.readFileSync(path.join(glueDir, 'gongji.js'), 'utf8');
  const match = entry.match(/export\s*\{([^}]*)\}\s*from\s*"\.\/gongji_bg\.js"/);
  if (!match) throw new Error('cannot find the export list in the bundler glue');
  return match[1].split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * Minifies the boundary layer's own modules (and only those) inside a bundle: pkg/alipay,
 * which also ships the uncompressed module, has under 1 % of its size budget to spare, and
 * the loader and glue stay readable for the vendors' review.
 */
const minifyBoundaryLayer = {
  name: 'minify-boundary-layer',
  setup(plugin) {
    plugin.onLoad({ filter: /scripts[\\/]boundary[\\/][^\\/]+\.js$/ }, async (args) => {
      const source = fs.readFileSync(args.path, 'utf8');
      const { code } = await esbuild.transform(source, { minify: true, format: 'esm', target: 'es2017' });
      return { contents: code, loader: 'js' };
    });
  },
};

async function buildMiniProgram(platform, glueDir, sub) {
  const out = path.join(pkg, platform, sub);
  fs.mkdirSync(out, { recursive: true });
  const wasmApi = platform === 'wechat' ? 'WXWebAssembly' : 'MYWebAssembly';
  const platformObject = platform === 'wechat' ? 'wx' : 'my';
  const moduleFile = sub ? `${sub}/gongji.wasm.br` : 'gongji.wasm.br';
  const entry = path.join(build, `${platform}${suffix(sub)}-entry.js`);
  fs.writeFileSync(entry, [
    `import * as glue from ${JSON.stringify(path.join(glueDir, 'gongji_bg.js'))};`,
    `import { makeInit } from ${JSON.stringify(path.join(root, 'scripts', 'miniprogram', 'loader.js'))};`,
    `export const init = makeInit(glue, typeof ${wasmApi} !== 'undefined' ? ${wasmApi} : undefined, '${wasmApi}', typeof ${platformObject} !== 'undefined' ? ${platformObject} : undefined, '${moduleFile}');`,
    '',
  ].join('\n') + guardedEntry({ rawImport: path.join(glueDir, 'gongji_bg.js'), names: publicNames(glueDir).sort() }).replace(/^import \* as raw from [^\n]*\n/, 'const raw = glue;\n'));
  await esbuild.build({
    entryPoints: [entry],
    outfile: path.join(out, 'gongji.js'),
    bundle: true,
    format: 'cjs',
    target: 'es2017',
    platform: 'neutral',
    inject: [path.join(root, 'scripts', 'miniprogram', 'utf8.js')],
    plugins: [minifyBoundaryLayer],
    legalComments: 'none',
    // Names Node's cjs-module-lexer can read (esbuild writes this only for platform 'node'), so
    // that an ES module importing this CommonJS file gets named exports.
    footer: { js: `0 && (module.exports = { ${['init', 'isGongjiError', ...publicNames(glueDir)].map((n) => `${n}: ${n}`).join(', ')} });` },
    banner: { js: `// gongji${sub ? ` (${sub} module)` : ''} for the ${platform === 'wechat' ? 'WeChat' : 'Alipay'} mini-program: call init(path to ${moduleFile}) once, then use the functions.` },
    logLevel: 'warning',
  });
  const wasm = fs.readFileSync(path.join(glueDir, 'gongji_bg.wasm'));
  // Alipay's logic layer may offer only a standard WebAssembly, which cannot read .br: ship
  // the uncompressed module too, for the loader's file-system fallback. That path loads the
  // whole module at once (no start module: its bytes would only add to the package).
  if (platform === 'alipay' && !sub) fs.writeFileSync(path.join(out, 'gongji.wasm'), wasm);
  fs.writeFileSync(path.join(out, 'gongji.wasm.br'), zlib.brotliCompressSync(wasm, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: wasm.length },
  }));
  const types = fs.readFileSync(path.join(glueDir, 'gongji.d.ts'), 'utf8');
  fs.writeFileSync(path.join(out, 'gongji.d.ts'), types + [
    '',
    '/**',
    ' * Loads the module once; later calls return the same promise. `source` is the absolute path',
    ` * of ${moduleFile} inside the code package (default "${platform === 'wechat' ? `/miniprogram_npm/gongji/${moduleFile}", where 构建 npm puts it` : `/lib/gongji/${moduleFile}"`}), or the`,
    ...(sub ? [
      ' * module bytes. The start module has no uncompressed copy: a runtime without the platform',
      ' * WebAssembly loads the whole module (../gongji.js) instead.',
    ] : [
      ' * module bytes. Without the platform WebAssembly, a standard WebAssembly loads the',
      ' * uncompressed gongji.wasm beside the .br through the platform file system (Alipay).',
    ]),
    ' */',
    'export function init(source?: string | ArrayBuffer | Uint8Array): Promise<void>;',
    '',
  ].join('\n'));
}

/**
 * The error-code union and the thrown error's shape, appended to every declaration file so
 * shells can switch on `error.code` with the compiler's help. The list comes from the built
 * module itself (errorCodes()), so it cannot drift from the catalog.
 */
function appendErrorTypes() {
  const require = createRequire(import.meta.url);
  const codes = require(path.join(pkg, 'node', 'gongji.js')).errorCodes();
  const block = [
    '',
    '/** Every stable code gongji reports (thrown `error.code`, or `code` in returned data). */',
    `export type ErrorCode = ${codes.map((c) => JSON.stringify(c)).join(' | ')};`,
    '/** What gongji throws, only on misuse: a real Error with a stable code and Chinese text. */',
    'export interface GongjiError extends Error { name: "GongjiError"; code: ErrorCode }',
    '/** Is this a GongjiError? Never throws, whatever it is given (a Proxy, null, another realm\'s Error). */',
    'export function isGongjiError(error: unknown): error is GongjiError;',
    '',
  ].join('\n');
  for (const sub of MODULES) {
    for (const file of ['web/gongji.d.ts', 'node/gongji.d.ts', 'node/index.d.cts', 'wechat/gongji.d.ts', 'alipay/gongji.d.ts']) {
      fs.appendFileSync(path.join(pkg, path.dirname(file), sub, path.basename(file)), block);
    }
  }
}

export function sizeTable(dir) {
  const rows = [];
  const walk = (d) => {
    for (const name of fs.readdirSync(d).sort()) {
      const file = path.join(d, name);
      if (fs.statSync(file).isDirectory()) walk(file);
      else {
        const bytes = fs.readFileSync(file);
        rows.push({
          file: path.relative(dir, file),
          raw: bytes.length,
          gzip: zlib.gzipSync(bytes, { level: 9 }).length,
          brotli: zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
        });
      }
    }
  };
  walk(dir);
  return rows;
}

/**
 * The built-in policy set must load in the built module: a set that fails its own parser would
 * make every rule answer POLICY_SET_INVALID at run time, so the build stops here instead
 * (tests/family.rs checks the same natively).
 */
function checkBuiltInPolicySet() {
  const require = createRequire(import.meta.url);
  const { PolicySet } = require(path.join(pkg, 'node', 'gongji.js'));
  let set;
  try {
    set = PolicySet.builtIn();
  } catch (error) {
    throw new Error(`data/policies/builtin.json does not load: ${error && error.code} ${error && error.message}`);
  }
  const count = set.policies().length;
  set.free();
  if (count === 0) throw new Error('data/policies/builtin.json holds no policy');
}

function printSizes() {
  const rows = sizeTable(pkg);
  const width = Math.max(...rows.map((r) => r.file.length));
  console.log(`\n${'shipped file'.padEnd(width)}  ${'raw'.padStart(9)}  ${'gzip'.padStart(9)}  ${'brotli'.padStart(9)}`);
  for (const r of rows) {
    console.log(`${r.file.padEnd(width)}  ${String(r.raw).padStart(9)}  ${String(r.gzip).padStart(9)}  ${String(r.brotli).padStart(9)}`);
  }
  console.log(`\n${'loaded at start (brotli)'.padEnd(24)}  ${'module'.padStart(9)}  ${'JS'.padStart(9)}  ${'total'.padStart(9)}`);
  for (const r of startupBytes(pkg)) {
    console.log(`${r.platform.padEnd(24)}  ${String(r.moduleBrotli).padStart(9)}  ${String(r.jsBrotli).padStart(9)}  ${String(r.total).padStart(9)}`);
  }
  console.log(`\n${'whole module, later'.padEnd(24)}  ${'module'.padStart(9)}  ${'JS'.padStart(9)}  ${'total'.padStart(9)}`);
  for (const r of startupBytes(pkg, WHOLE_FILES)) {
    console.log(`${r.platform.padEnd(24)}  ${String(r.moduleBrotli).padStart(9)}  ${String(r.jsBrotli).padStart(9)}  ${String(r.total).padStart(9)}`);
  }
}

fs.rmSync(pkg, { recursive: true, force: true });
fs.mkdirSync(pkg, { recursive: true });
for (const sub of MODULES) {
  await buildWebAndNode(sub);
  const mvp = buildMiniProgramModule(sub);
  await buildMiniProgram('wechat', mvp, sub);
  await buildMiniProgram('alipay', mvp, sub);
}
writePackage(root, pkg);
appendErrorTypes();
checkBuiltInPolicySet();
printSizes();
