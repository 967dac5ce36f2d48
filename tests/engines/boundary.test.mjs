// The boundary robustness runs of tests/boundary/robustness.mjs under the WeChat bundle in
// JavaScriptCore with every JIT off (the iOS logic layer), smaller than Node's: the table of
// every export × every JS value × every position, then throwing-getter rounds, then the
// health check and wasm memory before/after.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { NO_JIT, codePackage, finished, jscProgram, runJsc } from './jsc.mjs';
import { root } from './readme-example.mjs';
import { generateHistory } from '../fixtures/gen-history.mjs';

const WASM_PATH = '/lib/gongji/gongji.wasm.br';
const ROUNDS = { previewPayment: 20000, checkBinding: 20000, query: 2000 };

test('wechat in jsc (JIT off): every export with every JS value, then throwing-getter rounds; the instance still answers', async () => {
  const dir = path.join(root, 'pkg', 'wechat');
  const { files } = codePackage({ [WASM_PATH]: path.join(dir, 'gongji.wasm.br') });
  const modules = { '/lib/gongji/gongji.js': fs.readFileSync(path.join(dir, 'gongji.js'), 'utf8') };
  const runs = fs.readFileSync(path.join(root, 'tests', 'boundary', 'robustness.mjs'), 'utf8').replace(/^export /gm, '');
  const history = generateHistory({ seed: 11, records: 40 }).json;
  const body = `async function (load, report) {
    ${runs}
    var gongji = load('/lib/gongji/gongji.js');
    await gongji.init(${JSON.stringify(WASM_PATH)});
    var history = ${JSON.stringify(history)};
    var table = tableRun(gongji, history);
    report({ table: { calls: table.calls, uncoded: table.uncoded.slice(0, 20), stillQueryable: table.stillQueryable } });
    report({ rounds: roundsRun(gongji, history, ${JSON.stringify(ROUNDS)}) });
  }`;
  const reports = finished(await runJsc(jscProgram({ platform: 'WXWebAssembly', files, modules, body }), { flags: NO_JIT, timeoutMs: 300000 }));
  const table = reports.find((r) => r.table).table;
  const rounds = reports.find((r) => r.rounds).rounds;
  console.log(`jsc JIT off, wechat bundle: table ${table.calls} calls; rounds ${JSON.stringify(ROUNDS)}; wasm memory ${rounds.memoryBefore} bytes before, ${rounds.memoryAfter} after`);
  assert.deepEqual(table.uncoded, []);
  assert.equal(table.stillQueryable, true);
  assert.equal(rounds.wrongErrors, 0);
  assert.equal(rounds.wrongAnswers, 0);
  assert.equal(rounds.freeInGetter, 'BOUNDARY_RELEASED');
  assert.ok(rounds.memoryAfter - rounds.memoryBefore <= 1 << 20);
  assert.deepEqual(rounds.health, []);
});
