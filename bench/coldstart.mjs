// Cold start: a fresh process loads the package, instantiates the module and makes the first
// call a user waits on (checking an ID number, as the login page does), beside the peer
// loading id-validator and making the same check. Each figure is the median of 50 fresh
// processes, timed inside the process from before the package is loaded to the first
// result, so the engine's own start-up is not counted. In Node the package is pkg/ (its
// require compiles and instantiates the module); in jsc it is the WeChat bundle, whose
// init() reads gongji.wasm from the code package through the WXWebAssembly stand-in
// (tests/engines/jsc.mjs) and instantiates it, and the peer is id-validator bundled with
// esbuild. Runs alternate gongji / peer so machine noise falls on both. `start: true` measures
// the start module (pkg/node/start, pkg/wechat/start), which is what answers the login page's
// first check in the shells (www/shared/core-service.js); `start: false` the whole module.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { codePackage, finished, jscProgram, runJsc } from '../tests/engines/jsc.mjs';
import { median } from './timing.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PROCESSES = 50;
const ID = '11010519491231002X';
const WASM_PATH = '/lib/gongji/gongji.wasm.br';
const START_WASM_PATH = '/lib/gongji/start/gongji.wasm.br';

const nodeGongji = (start) => `const t0 = process.hrtime.bigint(); const g = require(${JSON.stringify(start ? path.join(root, 'pkg', 'node', 'start', 'index.cjs') : path.join(root, 'pkg'))});
const ok = g.validateResidentId(${JSON.stringify(ID)}).valid; const ms = Number(process.hrtime.bigint() - t0) / 1e6;
if (!ok) throw new Error('first call'); console.log(ms);`;
const nodePeer = `const t0 = process.hrtime.bigint(); const IDValidator = require(${JSON.stringify(path.join(root, 'node_modules', 'id-validator'))});
const ok = new IDValidator().isValid(${JSON.stringify(ID)}); const ms = Number(process.hrtime.bigint() - t0) / 1e6;
if (!ok) throw new Error('first call'); console.log(ms);`;

/** Node: {gongjiMs, peerMs} medians of `n` fresh processes each. */
export function nodeColdStart({ n = PROCESSES, start = true } = {}) {
  const ours = [];
  const theirs = [];
  for (let i = 0; i < n; i++) {
    ours.push(Number(execFileSync(process.execPath, ['-e', nodeGongji(start)], { encoding: 'utf8' })));
    theirs.push(Number(execFileSync(process.execPath, ['-e', nodePeer], { encoding: 'utf8' })));
  }
  return { gongjiMs: median(ours), peerMs: median(theirs), runs: n };
}

async function peerBundle() {
  const result = await esbuild.build({
    stdin: { contents: "module.exports = require('id-validator');", resolveDir: root, sourcefile: 'peer.js' },
    bundle: true, write: false, format: 'cjs', platform: 'neutral', target: 'es2017', mainFields: ['main'], logLevel: 'error',
  });
  return result.outputFiles[0].text;
}

/** jsc with `flags`: {gongjiMs, peerMs} medians of `n` fresh jsc processes each. */
export async function jscColdStart(flags, { n = PROCESSES, start = true } = {}) {
  const dir = path.join(root, 'pkg', 'wechat', start ? 'start' : '');
  const wasmPath = start ? START_WASM_PATH : WASM_PATH;
  const { files } = codePackage({ [wasmPath]: path.join(dir, 'gongji.wasm.br') });
  const gongjiProgram = jscProgram({
    platform: 'WXWebAssembly', files,
    modules: { '/lib/gongji/gongji.js': fs.readFileSync(path.join(dir, 'gongji.js'), 'utf8') },
    body: `async function (load, report, host) {
      var t0 = host.now();
      var g = load('/lib/gongji/gongji.js');
      await g.init(${JSON.stringify(wasmPath)});
      var ok = g.validateResidentId(${JSON.stringify(ID)}).valid;
      report({ ms: host.now() - t0, ok: ok });
    }`,
  });
  const peerProgram = jscProgram({
    modules: { '/peer.js': await peerBundle() },
    body: `async function (load, report, host) {
      var t0 = host.now();
      var IDValidator = load('/peer.js');
      var ok = new IDValidator().isValid(${JSON.stringify(ID)});
      report({ ms: host.now() - t0, ok: ok });
    }`,
  });
  const ours = [];
  const theirs = [];
  for (let i = 0; i < n; i++) {
    for (const [program, out] of [[gongjiProgram, ours], [peerProgram, theirs]]) {
      const [r] = finished(await runJsc(program, { flags }));
      if (!r.ok) throw new Error('cold start: the first call failed');
      out.push(r.ms);
    }
  }
  return { gongjiMs: median(ours), peerMs: median(theirs), runs: n };
}
