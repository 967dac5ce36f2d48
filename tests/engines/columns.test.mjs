// The iOS history load in the engine iOS runs it in: JavaScriptCore with every JIT off, the
// WeChat bundle behind the path-only WXWebAssembly (tests/engines/jsc.mjs), and the shells'
// packer (www/shared/ledger-columns.js, bundled with esbuild as the shells' build bundles it).
// Seeded histories — realistic, with anomalies, with amounts as numbers — must go the column
// way there and give what Ledger.fromJson gives in the same engine: size, rejections, sums,
// the monthly summary, reconciliation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { NO_JIT, codePackage, finished, jscProgram, runJsc } from './jsc.mjs';
import { root } from './readme-example.mjs';
import { generateHistory } from '../fixtures/gen-history.mjs';

const WASM_PATH = '/lib/gongji/gongji.wasm.br';

test('wechat in jsc (JIT off): histories go the column way and load as fromJson loads them', async () => {
  const dir = path.join(root, 'pkg', 'wechat');
  const { files } = codePackage({ [WASM_PATH]: path.join(dir, 'gongji.wasm.br') });
  const packer = await esbuild.build({
    entryPoints: [path.join(root, 'www', 'shared', 'ledger-columns.js')],
    bundle: true, write: false, format: 'cjs', target: 'es2017', logLevel: 'error',
  });
  const modules = {
    '/lib/gongji/gongji.js': fs.readFileSync(path.join(dir, 'gongji.js'), 'utf8'),
    '/shared/ledger-columns.js': packer.outputFiles[0].text,
  };
  const histories = [
    generateHistory({ seed: 21, records: 600 }).json,
    generateHistory({ seed: 22, records: 600, anomalies: true }).json,
    generateHistory({ seed: 23, records: 600, numbers: false }).json,
  ];
  const body = `async function (load, report) {
    var gongji = load('/lib/gongji/gongji.js');
    var columns = load('/shared/ledger-columns.js');
    await gongji.init(${JSON.stringify(WASM_PATH)});
    var histories = ${JSON.stringify(histories)};
    function seen(ledger) {
      var query = { limit: 50 };
      return JSON.stringify([ledger.size, ledger.rejected(), ledger.query(query), ledger.monthly({}), ledger.reconcile()]);
    }
    histories.forEach(function (text, i) {
      var packed = columns.packHistory(gongji, text) !== null;
      var byText = gongji.Ledger.fromJson(text);
      var byColumns = columns.ledgerFromText(gongji, text);
      report({ history: i, packed: packed, size: byColumns.size, same: seen(byText) === seen(byColumns) });
      byText.free();
      byColumns.free();
    });
  }`;
  const reports = finished(await runJsc(jscProgram({ platform: 'WXWebAssembly', files, modules, body }), { flags: NO_JIT, timeoutMs: 300000 }));
  assert.equal(reports.length, histories.length);
  for (const r of reports) {
    assert.equal(r.packed, true, `history ${r.history} went the column way`);
    assert.ok(r.size > 500, `history ${r.history} loaded ${r.size} records`);
    assert.equal(r.same, true, `history ${r.history}: the same ledger both ways`);
  }
});
