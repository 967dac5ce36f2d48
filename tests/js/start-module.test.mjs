// The start module (pkg/node/start: Cargo.toml's `full` feature off) is the whole module's
// identity, money and message exports and nothing else, and answers each of them exactly as
// the whole module does: for every export, a table of arguments — good, bad, empty, of the
// wrong type, a throwing getter — gives the same value or the same coded error in both. The
// shells switch from one to the other in mid-session (www/shared/core-service.js), so any
// difference would show as a form check that changes its answer after login.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pkgDir, gongji as whole } from './helpers.mjs';

const require = createRequire(import.meta.url);
const start = require(path.join(pkgDir, 'node', 'start', 'index.cjs'));

const functionsOf = (module) => Object.keys(module).filter((name) => typeof module[name] === 'function').sort();

/** What a call gives, in a comparable form: its value, or the thrown error's name and code. */
function outcome(module, name, args) {
  try {
    return { value: module[name](...args) };
  } catch (error) {
    return { threw: error && error.name, code: error && error.code, message: error && error.message };
  }
}

const throwing = Object.defineProperty({}, 'certno', { get() { throw new Error('getter'); }, enumerable: true });
const ODD = [undefined, null, 12, -1.5, NaN, true, {}, [], () => 1, Symbol('s'), 10n, throwing, 'x'.repeat(5000), '\u202e123', ''];
const IDS = ['11010519491231002X', '110105194912310021', '62010219800101001X', '6201021980010100', '６２０１０２１９８００１０１００１Ｘ'];
const AMOUNTS = ['0', '1234.565', '-0.005', '¥1,234.5', '１２３．４５', '12元', '99999999999999.99', '1e3', '0.125', 'abc'];

/** Arguments for each start export (every one must be listed: a new export needs its rows). */
const ROWS = {
  absYuan: AMOUNTS.map((a) => [a]),
  addYuan: [['1.10', '2.20'], ['-0.01', '0.01'], ['1', 'x'], [null, '1']],
  checkYuan: [...AMOUNTS.map((a) => [a]), ['-1.00', { allowNegative: true }], ['-1.00', { allowNegative: 'yes' }], ['1', null], ['1', []]],
  compareYuan: [['1.10', '1.1'], ['2', '10'], ['a', '1']],
  errorCodes: [[]],
  formatYuan: [...AMOUNTS.map((a) => [a]), ['1234.5', { symbol: false, unit: true }], ['1234.5', { grouping: false, masked: true }],
    ['1', { symbol: null }], ['1', { symbol: 1 }], ['1', 'options'], ['1', { other: true }]],
  formatYuanMany: [[AMOUNTS.slice(0, 3)], [['1', 'x']], [['1.5'], { unit: true, symbol: false }], ['1'], [[]]],
  getLocale: [[]],
  hotlineFor: [['621102'], ['620102'], [''], [null], ['999999'], [{}], [621102]],
  maskName: [['张三'], ['欧阳娜娜'], ['买买提·艾力'], ['John Smith'], [''], [null]],
  maskPhone: [['13800138000'], ['138'], [null]],
  maskResidentId: IDS.map((id) => [id]),
  messageCatalog: [[]],
  messageFor: [['BOUNDARY_UNKNOWN_LOCALE'], ['SHELL_SERVER_ERROR'], ['NO_SUCH_CODE'], [''], [42]],
  negateYuan: AMOUNTS.map((a) => [a]),
  parseYuan: [...AMOUNTS.map((a) => [a]), ['-3', { allowNegative: true }], ['-3', {}], ['1', 7]],
  residentIdValidity: [[IDS, '2024-01-01'], [[...IDS, null, undefined], '2024-01-01'], [[12], '2024-01-01'], ['11010519491231002X'], [IDS, 'not a date']],
  roundYuan: AMOUNTS.map((a) => [a]),
  setLocale: [['zh-Hans'], ['fr'], ['zh-Hant'], ['zh-Hans']],
  subtractYuan: [['1.10', '2.20'], ['x', '1']],
  sumYuan: [[['1.10', '2.20', '-0.30']], [[]], [['1', 'x']], ['1'], [[1, 2]]],
  toChineseUppercase: [['1004.05'], ['0.5', { zhengAfterJiao: true, prefix: true }], ['1', { prefix: 'yes' }], ['-2.30']],
  toChineseUppercaseMany: [[['1', '2.05']], [['1'], { prefix: true }], [['x']]],
  toSpokenChinese: [['1004.05'], ['0'], ['x']],
  toSpokenChineseMany: [[['1', '2.05']], [['x']]],
  validateAdmdvs: [['621102'], ['620000'], ['12'], [null]],
  validateCaptchaAnswer: [['7'], ['１２'], [''], ['x'.repeat(50)], [null]],
  validateCardNumber: [['A62110206'], ['B62010233'], ['123'], [null]],
  validateForm: [
    ['login', { certno: IDS[0], phone: '13800138000', smsCode: '123456' }, '2024-01-01'],
    ['login', { certno: IDS[1], phone: '1380013', smsCode: '12' }, '2024-01-01'],
    ['cardLogin', { certno: IDS[0], cardNo: 'A62110206', captcha: '7' }, '2024-01-01'],
    ['bind', { name: '王丽', certno: IDS[2], relation: '10', phone: '13800138000' }, '2024-01-01'],
    ['bind', { name: '', relation: 'x' }, '2024-01-01'],
    ['login', { certno: 12 }, '2024-01-01'], ['login', null], ['login', []], ['login', throwing], ['nosuch', {}],
    ['login', { certno: IDS[0], extra: { deep: true } }, '2024-01-01'],
  ],
  validateInstitutionCode: [['H62110200001'], ['x'], [null]],
  validateName: [['王建国'], ['买买提·艾力'], ['\u202e王'], [''], [null]],
  validatePhone: [['13800138000'], ['+86 138-0013-8000'], ['123'], [null]],
  validatePsnNo: [['62010200000000000000000001'], ['x'], [null]],
  validateResidentId: [...IDS.map((id) => [id, '2024-01-01']), [IDS[0]], [IDS[0], '2024-13-01']],
  validateResidentIds: [[IDS, '2024-01-01'], [[null, 1], '2024-01-01'], ['x']],
  validateSmsCode: [['123456'], ['12'], [null]],
};

test('the start module exports the identity, money and message functions and nothing of family or ledger', () => {
  const names = functionsOf(start);
  for (const name of names) assert.equal(typeof whole[name], 'function', `${name} is the whole module's too`);
  for (const absent of ['Ledger', 'PolicySet', 'checkBinding', 'checkUse', 'previewPayment', 'relations', 'relationName', 'bindingStates']) {
    assert.ok(!names.includes(absent), `${absent} is not in the start module`);
  }
  assert.ok(names.length >= 30, `${names.length} functions`);
});

test('every start export answers as the whole module does, for every row of arguments', () => {
  const listed = new Set(Object.keys(ROWS));
  const untested = functionsOf(start).filter((name) => !listed.has(name) && !['init', 'isGongjiError', 'version'].includes(name));
  assert.deepEqual(untested, [], 'every export has rows');
  let compared = 0;
  for (const [name, rows] of Object.entries(ROWS)) {
    for (const args of [...rows, ...ODD.map((odd) => [odd])]) {
      assert.deepEqual(outcome(start, name, args), outcome(whole, name, args), `${name}(${args.map((a) => typeof a).join(', ')})`);
      compared += 1;
    }
  }
  assert.equal(start.version(), whole.version());
  for (const odd of ODD) assert.equal(start.isGongjiError(odd), whole.isGongjiError(odd));
  whole.setLocale('zh-Hans');
  start.setLocale('zh-Hans');
  assert.ok(compared > 500, `${compared} calls compared`);
});
