// The bench rows in JavaScriptCore (Debian's jsc shell), JIT off as on an iPhone and JIT on:
// gongji through the WeChat bundle (pkg/wechat/gongji.js) loaded with a path-only
// WXWebAssembly stand-in in a realm without WebAssembly, TextEncoder, TextDecoder, BigInt and
// globalThis (tests/engines/jsc.mjs), and the same bench/*.mjs cases — the same seeded data,
// the same peers (big.js, nzh, id-validator, plain JS) — bundled for jsc with esbuild. Node
// APIs the bench files touch outside the timed code (paths for the size note, process.argv)
// get inert stand-ins; the peers that a bench file loads with createRequire come from a
// table built from the same npm packages.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { codePackage, finished, jscProgram, runJsc } from '../tests/engines/jsc.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const WASM_PATH = '/lib/gongji/gongji.wasm.br';

/** The npm packages bench files load with createRequire(…)('name'). */
function requiredPackages(files) {
  const names = new Set();
  for (const file of files) {
    for (const m of fs.readFileSync(path.join(here, file), 'utf8').matchAll(/require\('([^'.][^']*)'\)/g)) names.add(m[1]);
  }
  return [...names].sort();
}

/** Bundles the cases of `files` (bench/*.mjs) and the timing loop into one CommonJS file. */
export async function benchBundle(files) {
  const peers = requiredPackages(files);
  const shims = {
    // bench/lib.mjs requires the Node package: in jsc it is the WeChat bundle's exports.
    'node:module': 'export function createRequire() { return function (name) { if (/pkg\\/node\\/index\\.cjs$/.test(name)) return __benchGongji; if (!(name in __benchPeers)) throw new Error("bench in jsc: no peer " + name); return __benchPeers[name]; }; }',
    'node:path': 'const join = (...p) => p.join("/"); export default { join, resolve: join, dirname: (p) => String(p).replace(/\\/[^/]*$/, "") }; export { join };',
    'node:url': 'export function fileURLToPath() { return "/bench/jsc.mjs"; } export function pathToFileURL(p) { return p; }',
    'node:fs': 'const no = () => { throw new Error("no file system in the jsc bench"); }; export default { readFileSync: no, existsSync: () => false }; export const readFileSync = no;',
    'node:zlib': 'export default { brotliCompressSync: () => { throw new Error("no zlib in the jsc bench"); }, constants: {} };',
    'node:child_process': 'export function execFileSync() { throw new Error("no processes in the jsc bench"); }',
  };
  const entry = [
    `import ${JSON.stringify(path.join(here, '.jsc-peers.mjs'))};`,
    ...files.map((f, i) => `import { cases as c${i} } from ${JSON.stringify(path.join(here, f))};`),
    `export { measureCase } from ${JSON.stringify(path.join(here, 'timing.mjs'))};`,
    `export const files = ${JSON.stringify(files)};`,
    `export const cases = [${files.map((_, i) => `c${i}`).join(', ')}];`,
  ].join('\n');
  const peerModule = peers.map((name, i) => `import p${i} from ${JSON.stringify(name)};\n__benchPeers[${JSON.stringify(name)}] = p${i};`).join('\n');
  const result = await esbuild.build({
    stdin: { contents: entry, resolveDir: here, sourcefile: 'jsc-bench-entry.mjs' },
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'neutral',
    target: 'es2020',
    mainFields: ['main', 'module'],
    inject: [path.join(here, 'jsc-process.mjs')],
    logLevel: 'error',
    plugins: [{
      name: 'jsc-bench',
      setup(build) {
        build.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: 'jsc-shim' }));
        build.onResolve({ filter: /\.jsc-peers\.mjs$/ }, (args) => ({ path: args.path, namespace: 'jsc-peers' }));
        build.onLoad({ filter: /.*/, namespace: 'jsc-shim' }, (args) => {
          if (!shims[args.path]) throw new Error(`the jsc bench has no stand-in for ${args.path}`);
          return { contents: shims[args.path], loader: 'js' };
        });
        build.onLoad({ filter: /.*/, namespace: 'jsc-peers' }, () => ({ contents: peerModule, loader: 'js', resolveDir: root }));
      },
    }],
  });
  return result.outputFiles[0].text;
}

/**
 * Runs every case of `files` in jsc with `flags`; resolves to rows like bench/timing.mjs's
 * measureCase, plus the jsc-side init time. `onRow` sees each row as it arrives.
 */
export async function runBenchInJsc(files, { flags, timeoutMs = 30 * 60 * 1000 } = {}) {
  const bundle = await benchBundle(files);
  const { files: packageFiles } = codePackage({ [WASM_PATH]: path.join(root, 'pkg', 'wechat', 'gongji.wasm.br') });
  const modules = {
    '/lib/gongji/gongji.js': fs.readFileSync(path.join(root, 'pkg', 'wechat', 'gongji.js'), 'utf8'),
    '/bench/bench.js': bundle,
  };
  // The bench bundle reads __benchGongji when bench/lib.mjs is evaluated: after init.
  const body = `async function (load, report, host) {
    var gongji = load('/lib/gongji/gongji.js');
    var t0 = host.now();
    await gongji.init(${JSON.stringify(WASM_PATH)});
    report({ initMs: host.now() - t0 });
    __benchGongji = gongji;
    var bench = load('/bench/bench.js');
    for (var f = 0; f < bench.cases.length; f++) {
      for (var i = 0; i < bench.cases[f].length; i++) {
        var row = await bench.measureCase(bench.cases[f][i], host.now);
        row.file = bench.files[f];
        report({ row: row });
      }
    }
  }`;
  const program = `var __benchGongji = null; var __benchPeers = {};\n${jscProgram({ platform: 'WXWebAssembly', files: packageFiles, modules, body })}`;
  const run = await runJsc(program, { flags, timeoutMs });
  const reports = finished(run);
  return { initMs: reports.find((r) => 'initMs' in r)?.initMs, rows: reports.filter((r) => r.row).map((r) => r.row), ms: run.ms };
}
