// The mini-program module (pkg/wechat/gongji.wasm.br, decompressed here) in two wasm engines
// that share nothing with V8 or JavaScriptCore:
//   - wabt's `wasm-interp` with every post-MVP feature disabled instantiates it (a post-MVP
//     opcode or an exported global fails here, as on old iOS WeChat);
//   - wasm3 (pip pywasm3) instantiates it and runs exports end to end through the
//     wasm-bindgen ABI (tests/engines/wasm3_calls.py): strings written into linear memory,
//     the call, the result read back — each equal to what V8 gives for the same call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { root } from './readme-example.mjs';

const require = createRequire(import.meta.url);
export const MVP_ONLY = ['--disable-mutable-globals', '--disable-saturating-float-to-int', '--disable-sign-extension', '--disable-simd',
  '--disable-multi-value', '--disable-bulk-memory', '--disable-reference-types'];

/** The module as a mini-program loads it, decompressed (or another module, for the breaks). */
export function miniProgramModule(file = process.env.GONGJI_ENGINES_WASM) {
  if (file) return file;
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gongji-mvp-')), 'gongji.wasm');
  fs.writeFileSync(out, zlib.brotliDecompressSync(fs.readFileSync(path.join(root, 'pkg', 'wechat', 'gongji.wasm.br'))));
  return out;
}

const CALLS = [
  ['version', []],
  ['formatYuan', ['1234.565']],
  ['formatYuan', ['-0.005']],
  ['toChineseUppercase', ['1004.05']],
  ['toSpokenChinese', ['2000']],
  ['parseYuan', ['￥１,２３４．５元']],
  ['roundYuan', ['2.345']],
  ['maskResidentId', ['11010519491231002X']],
  ['maskPhone', ['13800138000']],
];

test('wabt wasm-interp, every post-MVP feature off, instantiates the mini-program module', () => {
  const wasm = miniProgramModule();
  const version = execFileSync('wasm-interp', ['--version'], { encoding: 'utf8' }).trim();
  const run = spawnSync('wasm-interp', [...MVP_ONLY, '--dummy-import-func', wasm], { encoding: 'utf8' });
  assert.equal(run.status, 0, `wasm-interp ${version} refused the module:\n${run.stderr}${run.stdout}`);
  console.log(`# wasm-interp ${version}: instantiated with ${MVP_ONLY.join(' ')}`);
});

test('wasm3 (pywasm3) instantiates the module and runs exports end to end, equal to V8', () => {
  const wasm = miniProgramModule();
  const callsFile = path.join(path.dirname(wasm), 'calls.json');
  fs.writeFileSync(callsFile, JSON.stringify([...CALLS, ['formatYuan', ['abc']], ['formatYuan', ['0.1']]]));
  const run = spawnSync('python3', [path.join(root, 'tests', 'engines', 'wasm3_calls.py'), wasm, callsFile], { encoding: 'utf8' });
  assert.equal(run.status, 0, `wasm3 run failed:\n${run.stderr}`);
  const out = JSON.parse(run.stdout);
  const g = require(path.join(root, 'pkg'));
  for (const [i, [name, args]] of CALLS.entries()) {
    const result = out.results[i];
    assert.deepEqual(result.stubs, [], `${name} needed only the intrinsics the runner implements`);
    assert.equal(result.value, g[name](...args), `${name}(${args.map((a) => JSON.stringify(a)).join(', ')}) in wasm3`);
  }
  const [bad, after] = out.results.slice(CALLS.length);
  assert.ok(bad.threw, 'a bad amount comes back as an Err result, not a trap');
  assert.equal(after.value, '¥0.10', 'and the instance still answers');
  console.log(`# ${out.engine}: ${out.results.length} calls through the wasm-bindgen ABI (${out.imports} imports linked)`);
});
