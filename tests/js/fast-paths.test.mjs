// The boundary layer's per-call fast paths (scripts/boundary/fast.js) answer exactly as the
// core does: messageFor against the catalog the core hands out, formatYuan without options
// (fast path) against formatYuan with an empty options object (always the core).
import assert from 'node:assert/strict';
import test from 'node:test';
import { gongji, thrown } from './helpers.mjs';

function seeded(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Amount-like strings: plain, padded, signed, short and long, and many the fast path must refuse. */
function amountTexts(count) {
  const random = seeded(13);
  const digit = () => String(Math.floor(random() * 10));
  const out = ['0', '-0', '-0.00', '0.0', '00', '000.5', '-000', '.5', '-.5', '5.', '1e3', '+1', ' 1', '1 ', '1,000',
    '99999999999999.99', '-99999999999999.99', '100000000000000', '000000000000001.00', '１２', '-', '', '--1', '1.234',
    '1.005', '-1.005', '12.3', '123456.7', 'NaN', 'Infinity', '0x10', '1_000', '１.00', '1.0\u0000'];
  for (let i = 0; i < count; i++) {
    let text = random() < 0.3 ? '-' : '';
    const length = Math.floor(random() * 17);
    for (let d = 0; d < length; d++) text += digit();
    const decimals = Math.floor(random() * 5) - 1;
    if (decimals >= 0) {
      text += '.';
      for (let d = 0; d < decimals; d++) text += digit();
    }
    out.push(text);
  }
  return out;
}

function outcome(fn) {
  try {
    return { value: fn() };
  } catch (error) {
    return { code: error.code };
  }
}

test('formatYuan without options (fast path) equals the core for every amount text', () => {
  for (const text of amountTexts(20_000)) {
    assert.deepEqual(outcome(() => gongji.formatYuan(text)), outcome(() => gongji.formatYuan(text, {})), `amount ${JSON.stringify(text)}`);
  }
});

test('formatYuan without options still goes to the core for numbers and objects', () => {
  for (const value of [12.5, -3, 0, NaN, null, undefined, {}, [], true]) {
    assert.deepEqual(outcome(() => gongji.formatYuan(value)), outcome(() => gongji.formatYuan(value, {})), `amount ${String(value)}`);
  }
});

test('messageFor answers from the catalog of the locale in force, and undefined for anything else', () => {
  const before = gongji.getLocale();
  try {
    for (const tag of ['zh-Hans', 'zh-Hant', 'zh-Hans']) {
      gongji.setLocale(tag);
      const catalog = gongji.messageCatalog();
      assert.ok(catalog.length > 50);
      for (const { code, message } of catalog) assert.equal(gongji.messageFor(code), message, `${tag} ${code}`);
    }
    gongji.setLocale('zh-Hant');
    assert.notEqual(gongji.messageFor('MONEY_INVALID'), (gongji.setLocale('zh-Hans'), gongji.messageFor('MONEY_INVALID')),
      'the cached catalog follows setLocale');
    for (const code of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'money_invalid', '', ' MONEY_INVALID', 42]) {
      assert.equal(gongji.messageFor(code), undefined, `code ${String(code)}`);
    }
    assert.equal(thrown(() => gongji.messageFor({})).code, 'BOUNDARY_BAD_ARGUMENT');
    assert.equal(thrown(() => gongji.setLocale('en')).code, 'BOUNDARY_UNKNOWN_LOCALE');
    assert.equal(gongji.getLocale(), 'zh-Hans', 'a refused locale changes nothing');
  } finally {
    gongji.setLocale(before);
  }
});
