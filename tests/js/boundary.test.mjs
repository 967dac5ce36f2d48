// The wasm boundary against pkg/node: every export with every JS value in every position,
// and 100,000 throwing-getter rounds per object-taking export, after which the instance must
// still answer correctly and wasm memory must not have grown (issue 11; the layer is
// scripts/boundary/guard.js).
import test from 'node:test';
import assert from 'node:assert/strict';
import { gongji } from './helpers.mjs';
import { generateHistory } from '../fixtures/gen-history.mjs';
import { healthCheck, roundsRun, tableRun } from '../boundary/robustness.mjs';

const history = generateHistory({ seed: 11, records: 40 }).json;

test('every export and method, every JS value in every position: only coded errors, and the instance still answers', () => {
  const report = tableRun(gongji, history);
  console.log(`table: ${report.calls} calls (${report.functions} functions, both classes, ${report.values} kinds of value)`);
  assert.deepEqual(report.uncoded, []);
  assert.equal(report.stillQueryable, true);
  assert.deepEqual(healthCheck(gongji, history), []);
});

test('100,000 throwing-getter rounds on previewPayment and checkBinding, 10,000 on ledger.query: results right, memory flat', () => {
  const report = roundsRun(gongji, history, { previewPayment: 100000, checkBinding: 100000, query: 10000 });
  console.log(`rounds: wasm memory ${report.memoryBefore} bytes before, ${report.memoryAfter} after; wrong errors ${report.wrongErrors}, wrong answers ${report.wrongAnswers}`);
  assert.equal(report.wrongErrors, 0);
  assert.equal(report.wrongAnswers, 0);
  assert.equal(report.freeInGetter, 'BOUNDARY_RELEASED');
  assert.ok(report.memoryAfter - report.memoryBefore <= 1 << 20, 'wasm memory grew by more than 1 MiB');
  assert.deepEqual(report.health, []);
});

test('a wrong type names the parameter by its Chinese label, never the value', () => {
  const error = (() => { try { gongji.previewPayment({ get selfPay() { throw new Error('620102198001011234'); } }); } catch (e) { return e; } })();
  assert.equal(gongji.isGongjiError(error), true);
  assert.equal(error.code, 'BOUNDARY_BAD_ARGUMENT');
  assert.match(error.message, /提交的信息/);
  assert.doesNotMatch(error.message, /620102/);
  assert.equal(gongji.relationName(10), gongji.relationName('10'), 'a numeric relation code is read as its text');
  assert.equal(gongji.messageFor(22), undefined);
  assert.equal(gongji.isGongjiError(new Proxy({}, { get() { throw new Error('x'); } })), false);
  assert.equal(gongji.isGongjiError(null), false);
});

test('re-entrant calls from inside a getter: the core answers them, and the outer call still works', () => {
  const ledger = gongji.Ledger.fromJson(history);
  const total = ledger.query({}).total;
  const input = {
    get selfPay() { return gongji.parseYuan('100'); },
    get ownBalance() { return ledger.query({}).total === total ? '30.00' : 'broken'; },
    get holders() { gongji.Ledger.fromJson(history).free(); return []; },
  };
  for (let i = 0; i < 1000; i += 1) assert.equal(gongji.previewPayment(input).cash, '70.00');
  const query = { get from() { return ledger.monthly({}).length > 0 ? undefined : 'x'; } };
  assert.equal(ledger.query(query).total, total);
  ledger.free();
  ledger.free();
  assert.equal((() => { try { return ledger.size; } catch (e) { return e.code; } })(), 'BOUNDARY_RELEASED');
});
