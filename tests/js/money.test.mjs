// The money API as a shell sees it, against pkg/ (node --test tests/js/).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import test from 'node:test';
import { gongji, thrown } from './helpers.mjs';

const require = createRequire(import.meta.url);
const nzh = require('nzh/cn');

/** Deterministic amounts: 2-decimal strings, negatives included, many sizes. */
function amounts(count, seed = 7) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [];
  for (let i = 0; i < count; i++) {
    const digits = 1 + Math.floor(next() * 14);
    let integer = String(1 + Math.floor(next() * 9));
    for (let d = 1; d < digits; d++) integer += next() < 0.4 ? '0' : String(Math.floor(next() * 10));
    const cents = String(Math.floor(next() * 100)).padStart(2, '0');
    out.push(`${next() < 0.2 ? '-' : ''}${integer}.${cents}`);
  }
  return out;
}

test('the examples of the README', () => {
  assert.equal(gongji.parseYuan('¥1,234.5'), '1234.50');
  assert.equal(gongji.parseYuan('１２３．４５'), '123.45');
  assert.equal(gongji.formatYuan('1234.565'), '¥1,234.57');
  assert.equal(gongji.formatYuan('-12.3'), '-¥12.30');
  assert.equal(gongji.formatYuan('0'), '¥0.00');
  assert.equal(gongji.formatYuan('1234.565', { symbol: false }), '1,234.57');
  assert.equal(gongji.formatYuan('1234.565', { symbol: false, unit: true }), '1,234.57元');
  assert.equal(gongji.formatYuan('1234.565', { grouping: false }), '¥1234.57');
  assert.equal(gongji.formatYuan('1234.565', { masked: true }), '¥****');
  assert.equal(gongji.toChineseUppercase('1234.56'), '壹仟贰佰叁拾肆元伍角陆分');
  assert.equal(gongji.toChineseUppercase('100'), '壹佰元整');
  assert.equal(gongji.toChineseUppercase('1004.05'), '壹仟零肆元零伍分');
  assert.equal(gongji.toChineseUppercase('0'), '零元整');
  assert.equal(gongji.toChineseUppercase('-100', { prefix: true }), '人民币负壹佰元整');
  assert.equal(gongji.toSpokenChinese('1234.56'), '一千二百三十四元五角六分');
  assert.equal(gongji.toSpokenChinese('2000'), '两千元');
  assert.equal(gongji.addYuan('0.1', '0.2'), '0.30');
  assert.equal(gongji.sumYuan(['0.1', '0.2', '-0.3']), '0.00');
});

test('parseYuan throws the code of each problem; checkYuan returns it as data', () => {
  const table = [
    ['', 'MONEY_EMPTY'], [' ', 'MONEY_EMPTY'], ['\u3000', 'MONEY_EMPTY'],
    ['1.234', 'MONEY_TOO_MANY_DECIMALS'], ['1e3', 'MONEY_EXPONENT'], ['Infinity', 'MONEY_NOT_A_NUMBER'],
    ['NaN', 'MONEY_NOT_A_NUMBER'], ['--1', 'MONEY_SEVERAL_SIGNS'], ['1.2.3', 'MONEY_SEVERAL_POINTS'],
    ['12,34', 'MONEY_MISPLACED_SEPARATOR'], ['3²', 'MONEY_INVALID_CHARACTER'], ['ⅷ', 'MONEY_INVALID_CHARACTER'],
    ['€', 'MONEY_INVALID_CHARACTER'], ['\uD800', 'MONEY_INVALID_CHARACTER'], ['12\uDC00', 'MONEY_INVALID_CHARACTER'],
    ['100000000000000', 'MONEY_OVERFLOW'], ['-5', 'MONEY_NEGATIVE_NOT_ALLOWED'],
  ];
  for (const [text, code] of table) {
    const error = thrown(() => gongji.parseYuan(text));
    assert.ok(error instanceof Error, text);
    assert.equal(error.name, 'GongjiError');
    assert.equal(error.code, code, JSON.stringify(text));
    assert.equal(error.message, gongji.messageFor(code));
    assert.deepEqual(gongji.checkYuan(text), { valid: false, code, message: gongji.messageFor(code) });
  }
  assert.equal(gongji.parseYuan('１２'), '12.00');
  assert.equal(gongji.parseYuan('-¥5', { allowNegative: true }), '-5.00');
  assert.deepEqual(gongji.checkYuan('￥１，２３４元'), { valid: true, value: '1234.00' });
});

test('messages follow the locale', () => {
  gongji.setLocale('zh-Hant');
  try {
    assert.match(thrown(() => gongji.parseYuan('1.234')).message, /精確/);
    assert.match(gongji.checkYuan('').message, /請/);
  } finally {
    gongji.setLocale('zh-Hans');
  }
});

test('a JS number is misuse: BOUNDARY_BAD_ARGUMENT, never a silent conversion', () => {
  const calls = [
    () => gongji.parseYuan(12.3), () => gongji.checkYuan(12.3), () => gongji.formatYuan(12.3),
    () => gongji.toChineseUppercase(100), () => gongji.toSpokenChinese(100), () => gongji.roundYuan(1.005),
    () => gongji.addYuan('1', 2), () => gongji.compareYuan(1, '2'), () => gongji.negateYuan(1),
    () => gongji.sumYuan(['1', 2]), () => gongji.sumYuan('1'), () => gongji.formatYuanMany([1]),
    () => gongji.formatYuan(undefined), () => gongji.formatYuan(null), () => gongji.formatYuan(10n),
    () => gongji.formatYuan('1', { symbol: 'yes' }),
  ];
  for (const call of calls) assert.equal(thrown(call).code, 'BOUNDARY_BAD_ARGUMENT', String(call));
});

test('junk in every function ends in a coded error, 1 MB strings included', () => {
  const megabyteDigits = '9'.repeat(1 << 20);
  const megabyteJunk = '€'.repeat(1 << 20);
  const junk = ['', ' ', '3²', 'ⅷ', '€', '１２', '\uD800', megabyteDigits, megabyteJunk];
  const functions = {
    formatYuan: (t) => gongji.formatYuan(t), toChineseUppercase: (t) => gongji.toChineseUppercase(t),
    toSpokenChinese: (t) => gongji.toSpokenChinese(t), roundYuan: (t) => gongji.roundYuan(t),
    addYuan: (t) => gongji.addYuan(t, '1'), subtractYuan: (t) => gongji.subtractYuan('1', t),
    compareYuan: (t) => gongji.compareYuan(t, '1'), negateYuan: (t) => gongji.negateYuan(t),
    absYuan: (t) => gongji.absYuan(t), sumYuan: (t) => gongji.sumYuan(['1', t]),
    formatYuanMany: (t) => gongji.formatYuanMany([t]), toChineseUppercaseMany: (t) => gongji.toChineseUppercaseMany([t]),
    toSpokenChineseMany: (t) => gongji.toSpokenChineseMany([t]),
  };
  for (const text of junk) {
    for (const [name, call] of Object.entries(functions)) {
      const error = thrown(() => call(text));
      assert.match(error.code, /^MONEY_/, `${name}(${JSON.stringify(text.slice(0, 10))})`);
    }
    if (text !== '１２') assert.match(thrown(() => gongji.parseYuan(text)).code, /^MONEY_/);
    assert.equal(typeof gongji.checkYuan(text).valid, 'boolean');
  }
  assert.equal(thrown(() => gongji.parseYuan(megabyteDigits)).code, 'MONEY_OVERFLOW');
  assert.equal(gongji.formatYuan('1.' + '4'.repeat(1 << 20)), '¥1.44');
});

test('formatYuan agrees with Intl.NumberFormat zh-CN CNY on 2-decimal strings', () => {
  const intl = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' });
  const sample = amounts(5000);
  assert.deepEqual(gongji.formatYuanMany(sample), sample.map((a) => intl.format(a)));
  for (const a of sample.slice(0, 200)) assert.equal(gongji.formatYuan(a), intl.format(a));
  // Both round half away from zero when given strings with more decimals.
  for (const a of ['1234.565', '-1234.565', '0.005', '2.675']) assert.equal(gongji.formatYuan(a), intl.format(a));
});

test('toChineseUppercase agrees with nzh where both follow the rules', () => {
  const sample = amounts(5000);
  // nzh drops 整 when given "12.00" (it keeps it for "12"); the PBOC rules want it. Above
  // 万亿 with an empty 亿 group, gongji writes 零 as it does for an empty 万 group (壹亿零壹仟,
  // which nzh writes too) and nzh does not (捌万亿陆仟万); the rules allow both.
  const peer = (a) => nzh.toMoney(a.replace(/\.00$/, ''), { outSymbol: false }).replace(/万亿(?=[壹贰叁肆伍陆柒捌玖])/, '万亿零');
  assert.deepEqual(gongji.toChineseUppercaseMany(sample), sample.map(peer));
  assert.equal(gongji.toChineseUppercase('1.5', { zhengAfterJiao: true }), '壹元伍角整');
});

test('toSpokenChineseMany says each amount as toSpokenChinese does, in the locale in force', () => {
  const sample = [...amounts(2000), '0', '-0.5', '2000'];
  assert.deepEqual(gongji.toSpokenChineseMany(sample), sample.map((a) => gongji.toSpokenChinese(a)));
  assert.deepEqual(gongji.toSpokenChineseMany([]), []);
  gongji.setLocale('zh-Hant');
  try {
    assert.deepEqual(gongji.toSpokenChineseMany(['2000']), ['兩千元']);
  } finally {
    gongji.setLocale('zh-Hans');
  }
});

test('exact arithmetic equals integer fen arithmetic', () => {
  const sample = amounts(10000).map((a) => (a.length > 14 ? a.slice(-10) : a));
  const fen = (a) => BigInt(a.replace('.', ''));
  const text = (f) => {
    const sign = f < 0n ? '-' : '';
    const digits = (f < 0n ? -f : f).toString().padStart(3, '0');
    return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
  };
  const want = sample.reduce((acc, a) => acc + fen(a), 0n);
  assert.equal(gongji.sumYuan(sample), text(want));
  for (let i = 1; i < 500; i++) {
    const [a, b] = [sample[i - 1], sample[i]];
    assert.equal(gongji.addYuan(a, b), text(fen(a) + fen(b)));
    assert.equal(gongji.subtractYuan(a, b), text(fen(a) - fen(b)));
    assert.equal(gongji.compareYuan(a, b), Math.sign(Number(fen(a) - fen(b))));
  }
  assert.deepEqual(['10', '-1', '2.5', '2.50', '0'].sort(gongji.compareYuan), ['-1', '0', '2.5', '2.50', '10']);
  assert.equal(thrown(() => gongji.addYuan('99999999999999.99', '0.01')).code, 'MONEY_OVERFLOW');
  assert.equal(gongji.negateYuan('0.00'), '0.00');
});

test('under zh-Hant, 大写 and the spoken form are written in Traditional characters', () => {
  gongji.setLocale('zh-Hant');
  try {
    assert.equal(gongji.toChineseUppercase('-236002000.2', { prefix: true }), '人民幣負貳億參仟陸佰萬貳仟元貳角');
    assert.deepEqual(gongji.toChineseUppercaseMany(['2000', '30000.03']), ['貳仟元整', '參萬元零參分']);
    assert.equal(gongji.toSpokenChinese('2000'), '兩千元');
  } finally {
    gongji.setLocale('zh-Hans');
  }
  assert.equal(gongji.toChineseUppercase('2000'), '贰仟元整');
  assert.equal(gongji.toSpokenChinese('2000'), '两千元');
});
