// The column load path (www/shared/ledger-columns.js + Ledger.fromColumns) against the text
// path (Ledger.fromJson): seeded histories with odd amounts, numbers and strings, unicode
// and malformed records must give the same size, rejections, queries, summaries,
// reconciliation and CSV both ways — and the realistic ones must really go the column way.
import test from 'node:test';
import assert from 'node:assert/strict';
import { gongji, thrown } from './helpers.mjs';
import { generateHistory, HOLDER, MEMBERS, rng as fixtureRng } from '../fixtures/gen-history.mjs';
import { ledgerFromText, packHistory } from '../../www/shared/ledger-columns.js';

const { Ledger } = gongji;

/** Each part read on its own, so a throwing part cannot hide the others. */
function part(read) {
  try {
    return read();
  } catch (error) {
    return `threw ${error.code}: ${error.message}`;
  }
}

/** Everything a shell can read from a ledger, as one string. */
function everything(ledger) {
  const queries = [
    {},
    { from: '2022-01-01', to: '2023-12-31', members: [HOLDER, MEMBERS[0].psn_no], limit: 50 },
    { types: ['settlement', 'refund'], order: 'asc', limit: 500 },
    { text: '定西' },
  ];
  const out = { size: ledger.size, rejected: part(() => ledger.rejected()), reconcile: part(() => ledger.reconcile()) };
  out.queries = queries.map((q) => ['query', 'monthly', 'byMember', 'toCsv'].map((name) => part(() => ledger[name](q))));
  out.freshness = part(() => ledger.freshness('2025-01-03 09:00:00'));
  const seen = JSON.stringify(out);
  return seen;
}

function outcome(load) {
  let ledger;
  try {
    ledger = load();
  } catch (error) {
    return `threw ${error.code}: ${error.message}`;
  }
  const seen = everything(ledger);
  ledger.free();
  return seen;
}

function assertSame(text, label) {
  const viaText = outcome(() => Ledger.fromJson(text));
  const viaColumns = outcome(() => ledgerFromText(gongji, text));
  assert.equal(viaColumns, viaText, label);
  return viaText;
}

/** The fixture generator's mulberry32, with `chance(p)` taking a fraction. */
function rng(seed) {
  const fixture = fixtureRng(seed);
  return { pick: fixture.pick, chance: (p) => fixture.chance(p * 100) };
}

// Raw JSON tokens. SAFE_* never make the packer fall back; the others may.
const SAFE_AMOUNTS = ['12.3', '12.30', '"12.30"', '12.301', '"12.301"', '0.1', '-5.5', '7', '12.5', '"-0.01"', '99999999999.99', '"99999999999999.99"', '"100000000000000"', '"abc"', 'true', 'null', '"1e2"', '" 1"', '""', '0'];
const ODD_AMOUNTS = ['1e2', '1.5E2', '-0', '12.0', '99999999999999.99', '100000000000000', '0.0000001', '1e400', '12.3000000000000001', '-0.0'];
const SAFE_CODES = ['"11"', '11', '"140104"', '"S-1"', '""', '12.5', '2023', '"2023"', 'null', 'false', '"M\\u200b1"'];
const ODD_CODES = ['11.0', '-0', '1e1', '12345678901234567890'];
const TIMES = ['"2023-05-01 10:00:00"', '"2023-13-01 10:00:00"', '5', '"2023-05-01"', '"2022-02-28 23:59:59"', 'null'];
const NAMES = ['"张三"', '"\\u5f20\\u4e09"', '"x\\"y\\\\z"', '"M\\u200b1"', '"ab\\td"', '"=惠民药店,东街店"'];
const ODD_NAMES = ['"😀"', '"a\\u0000b"', '"\\ud800"', '"\\u0041"'];
const PEOPLE = [`"${HOLDER}"`, `"${MEMBERS[0].psn_no}"`, `"${MEMBERS[3].psn_no}"`, '"62010219700606000000000009"', '""', '7'];
const TYPES = ['"settlement"', '"refund"', '"credit"', '"transfer"', '"contribution"', '"quota"', '"bogus"', '5', 'null'];
const ACTIONS = ['"set"', '"change"', '"release"', '"what"'];
const NOT_RECORDS = ['null', '5', '"text"', 'true', '[]'];

function randomRecord(r, odd) {
  if (r.chance(0.05)) return r.pick(NOT_RECORDS);
  const amounts = odd ? [...SAFE_AMOUNTS, ...ODD_AMOUNTS] : SAFE_AMOUNTS;
  const codes = odd ? [...SAFE_CODES, ...ODD_CODES] : SAFE_CODES;
  const names = odd ? [...NAMES, ...ODD_NAMES] : NAMES;
  const fields = {
    type: r.pick(TYPES), time: r.pick(TIMES), setl_time: r.pick(TIMES), amount: r.pick(amounts),
    setl_id: r.chance(0.5) ? `"S${Math.floor(r.chance(0.5) ? 1 : 2)}"` : r.pick(codes),
    psn_no: r.pick(PEOPLE), psn_name: r.pick(names), to_psn_no: r.pick(PEOPLE), to_psn_name: r.pick(names),
    fixmedins_code: r.pick(['"H1"', '""', '"H62110200001"', 'null', '3']), fixmedins_name: r.pick(names),
    med_type: r.pick(codes), medfee_sumamt: r.pick(amounts), fund_pay_sumamt: r.pick(amounts),
    acct_pay: r.pick(amounts), acct_mulaid_pay: r.pick(amounts), psn_cash_pay: r.pick(amounts),
    period: r.pick(['"2023-05"', '"2023-13"', '5', 'null']), year: r.pick(codes), action: r.pick(ACTIONS),
    certno: '"62110219800101123X"', psn_part_amt: r.pick(amounts),
  };
  const parts = Object.entries(fields).filter(() => r.chance(0.85)).map(([k, v]) => `"${k}":${v}`);
  if (r.chance(0.1)) parts.push(`"amount":${r.pick(amounts)}`); // a duplicate key: the last one wins
  return `{${parts.join(',')}}`;
}

function withExtraRecords(json, extras) {
  return json.replace('"records":[', `"records":[${extras.join(',')},`);
}

test('the realistic histories go the column way and load the same', () => {
  for (const [seed, options] of [[1, {}], [2, { anomalies: true }], [3, { numbers: false }], [4, { anomalies: true, source: 'counter' }]]) {
    const { json } = generateHistory({ seed, records: 1500, ...options });
    assert.ok(packHistory(gongji, json), `seed ${seed}: the packer fell back on a realistic history`);
    const seen = assertSame(json, `seed ${seed}`);
    assert.doesNotMatch(seen, /threw/, 'every part of a realistic history reads');
  }
});

test('random records with odd amounts, codes and text: the column way gives the same ledger', () => {
  const { json } = generateHistory({ seed: 9, records: 300, anomalies: true });
  let columnWay = 0;
  for (let round = 0; round < 60; round++) {
    const r = rng(1000 + round);
    const odd = round % 3 === 2;
    const extras = Array.from({ length: 40 }, () => randomRecord(r, odd));
    const text = withExtraRecords(json, extras);
    if (!odd) {
      assert.ok(packHistory(gongji, text), `round ${round}: safe tokens only, yet the packer fell back`);
      columnWay += 1;
    }
    assertSame(text, `round ${round}`);
  }
  assert.ok(columnWay >= 40);
});

test('each odd token alone: the same ledger (by falling back when it must)', () => {
  const { json } = generateHistory({ seed: 5, records: 50 });
  const tokens = [...ODD_AMOUNTS, ...ODD_CODES, ...ODD_NAMES];
  for (const token of tokens) {
    for (const field of ['acct_pay', 'med_type', 'psn_name', 'setl_id']) {
      const record = `{"type":"settlement","setl_id":"ODD1","setl_time":"2023-05-01 10:00:00","psn_no":"${HOLDER}","med_type":"11","medfee_sumamt":"10.00","fund_pay_sumamt":"0","acct_pay":"10.00","acct_mulaid_pay":"0","psn_cash_pay":"0","${field}":${token}}`;
      assertSame(withExtraRecords(json, [record]), `${field}: ${token}`);
    }
  }
});

test('top-level shapes and texts that are not histories: the same error or ledger', () => {
  const { json } = generateHistory({ seed: 6, records: 20 });
  const cases = [
    '', 'null', '[]', '{}', '{"account":{}}', '{"records":[]}', 'not json', '\ufeff' + json, json + 'x',
    json.replace('"members":[', '"members":null,"x":['), json.replace('"members":[', '"extra":{"a":{"b":1}},"members":['),
    json.replace('"records":[', '"records":[],"records":['), json.replace('"records":[', '"rec\\u006frds":[],"records":['),
    json.replace('"account":{', '"account":{"nested":[1],'), json.replace('"members":[', '"members":5,"m":['),
    json.replace(/"account":\{[^}]*\}/, '"account":[]'),
    json.replace(/"members":\[[^\]]*\]/, '"members":[]'), json.replace(/"records":\[.*\]/, '"records":[ ]'), json.replace(/"members":\[[^\]]*\]/, '"members":[5,null,{"psn_no":7}]'),
    json.replace(/"account":\{[^}]*\}/, '"account":{"psn_no":"P","balc":"1.00","opening_balc":1.0,"as_of":5,"insutype":310,"source":"x"}'),
  ];
  for (const text of cases) assertSame(text, text.slice(0, 80));
});

test('fromColumns refuses columns out of layout with a coded error, and the instance lives on', () => {
  const none = new Float64Array(0);
  const noBytes = new Uint8Array(0);
  const noEnds = new Uint32Array(0);
  const a = new Uint8Array([97]);
  const endA = new Uint32Array([1]);
  const cases = [
    [noBytes, noEnds, new Uint32Array([]), none], [a, endA, new Uint32Array([1, 0x1ff, 0]), none], [a, endA, new Uint32Array([0, 0, 1, 1, 0x9900, 0]), none],
    [noBytes, noEnds, new Uint32Array([1, 0x402, 0, 0, 0]), new Float64Array([0.5])], [noBytes, noEnds, new Uint32Array([1, 0x402, 0, 0, 0]), new Float64Array([1e15])],
    [noBytes, noEnds, new Uint32Array([1, 0x402, 3, 0, 0]), new Float64Array([1])],
    // A text id past the ends, an end past the bytes, bytes that are not UTF-8, an end inside a character.
    [a, endA, new Uint32Array([1, 0x100, 1, 0, 0]), none], [a, new Uint32Array([2]), new Uint32Array([1, 0x100, 0, 0, 0]), none],
    [new Uint8Array([0xff]), endA, new Uint32Array([1, 0x100, 0, 0, 0]), none], [new Uint8Array([0xe5, 0xbc, 0xa0]), endA, new Uint32Array([1, 0x100, 0, 0, 0]), none],
    // A record count no allocation could hold.
    [noBytes, noEnds, new Uint32Array([0, 0, 0xffffffff]), none],
    // Not typed arrays.
    ['a', endA, new Uint32Array(1), none], [a, [1], new Uint32Array(1), none], [a, endA, [0, 0, 0], none], [a, endA, new Uint32Array([0, 0, 0]), [1]],
  ];
  for (const [bytes, ends, words, fens] of cases) {
    assert.equal(thrown(() => Ledger.fromColumns(bytes, ends, words, fens)).code, 'BOUNDARY_BAD_ARGUMENT');
  }
  const { json } = generateHistory({ seed: 8, records: 30 });
  assert.equal(ledgerFromText(gongji, json).size, Ledger.fromJson(json).size);
});

test('raw surrogates (an emoji, a lone half) and escaped quotes: the column way, the same ledger', () => {
  const { json } = generateHistory({ seed: 10, records: 200 });
  for (const name of ['张😀', 'a\ud800b', 'x\udc00', 'q\\"uote']) {
    const text = json.replace(`"psn_name":"${'张建国'}"`, `"psn_name":"${name}"`);
    assert.notEqual(text, json);
    assert.ok(packHistory(gongji, text), name);
    assertSame(text, name);
  }
});

test('amounts sent as text go as fen only when they read back as toFixed(2) spells them', () => {
  const { json } = generateHistory({ seed: 12, records: 20 });
  const spellings = ['12.30', '12.3', '-5.00', '-0.00', '0.00', '012.30', '1e1', ' 1.00', '99999999999.99', '10000000000000.00'];
  const records = spellings.map((amount, i) => `{"type":"credit","time":"2023-0${1 + (i % 9)}-05 09:00:00","amount":"${amount}"}`);
  const text = withExtraRecords(json, records);
  const packed = packHistory(gongji, text);
  assert.ok(packed, 'the history goes the column way');
  const texts = new Set();
  for (let i = 0; i < packed.ends.length; i++) texts.add(new TextDecoder().decode(packed.bytes.subarray(i ? packed.ends[i - 1] : 0, packed.ends[i])));
  const fens = new Set(packed.fens);
  for (const [amount, fen] of [['12.30', 1230], ['-5.00', -500], ['0.00', 0], ['99999999999.99', 9999999999999]]) {
    assert.ok(fens.has(fen) && !texts.has(amount), `${amount} goes as ${fen} fen`);
  }
  for (const amount of ['12.3', '-0.00', '012.30', '1e1', ' 1.00', '10000000000000.00']) assert.ok(texts.has(amount), `${amount} goes as text`);
  assertSame(text, 'amount spellings');
});

test('a code sent as -0 or with zero decimals, in a text with no other such token: the text way', () => {
  const record = (medType, year) => `{"type":"settlement","setl_id":"S1","setl_time":"2023-05-01 10:00:00","psn_no":"${HOLDER}","med_type":${medType},"medfee_sumamt":"10.00","fund_pay_sumamt":"0","acct_pay":"10.00","acct_mulaid_pay":"0","psn_cash_pay":"0"},{"type":"contribution","time":"2023-02-01 10:00:00","amount":"5.00","psn_no":"${HOLDER}","year":${year}}`;
  const history = (medType, year) => `{"account":{"psn_no":"${HOLDER}","balc":"10.00","opening_balc":"0"},"members":[],"records":[${record(medType, year)}]}`;
  assert.ok(packHistory(gongji, history('11', '2023')), 'plain integers go the column way');
  for (const [medType, year] of [['-0', '2023'], ['0.0', '2023'], ['11.00', '2023'], ['11', '2023.0'], ['11', '-2023'], ['-11.0', '2023']]) {
    const text = history(medType, year);
    if (medType !== '-11.0' && year !== '-2023') assert.equal(packHistory(gongji, text), null, `${medType} / ${year}`);
    assertSame(text, `${medType} / ${year}`);
  }
});

test('texts longer and more numerous than the packer first makes room for: the buffers grow, the same ledger', () => {
  // Room is made by the record count: long names overflow the bytes, many members the ends.
  const long = '定西市安定区人民医院'.repeat(300);
  const records = Array.from({ length: 3 }, (_, i) => `{"type":"settlement","setl_id":"G${i}","setl_time":"2023-05-01 10:00:00","psn_no":"${HOLDER}","fixmedins_code":"H${i}","fixmedins_name":"${long}${i}","med_type":"11","medfee_sumamt":"10.00","fund_pay_sumamt":"0","acct_pay":"10.00","acct_mulaid_pay":"0","psn_cash_pay":"0"}`);
  const members = Array.from({ length: 200 }, (_, i) => `{"psn_no":"M${i}","psn_name":"成员${i}","relation":"10"}`);
  const text = `{"account":{"psn_no":"${HOLDER}","balc":"10.00","opening_balc":"0"},"members":[${members.join(',')}],"records":[${records.join(',')}]}`;
  const packed = packHistory(gongji, text);
  assert.ok(packed && packed.bytes.length > 1024 + 3 * 64 && packed.ends.length > 256 + 3 * 8, 'both buffers outgrew their first size');
  assertSame(text, 'grown buffers');
});
