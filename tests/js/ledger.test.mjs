// The Ledger class as the shells use it, against pkg/ (node:test).
import test from 'node:test';
import assert from 'node:assert/strict';
import { gongji, thrown } from './helpers.mjs';
import { generateHistory, fenText, HOLDER, HOLDER_NAME, INSTITUTIONS, MEMBERS } from '../fixtures/gen-history.mjs';

const { Ledger } = gongji;

function sumsOf(truths) {
  // quota: the generated histories hold no 共济额度 records (tests/family_quota_history.rs has them).
  const s = { credit: 0, transfer: 0, contribution: 0, acctPay: 0, acctMulaidPay: 0, psnCashPay: 0, medfeeSumamt: 0, fundPaySumamt: 0, quota: 0 };
  for (const t of truths) {
    if (t.kind === 'credit') s.credit += t.amount;
    else if (t.kind === 'transfer') s.transfer += t.amount;
    else if (t.kind === 'contribution') s.contribution += t.amount;
    else {
      s.acctPay += t.acct;
      s.acctMulaidPay += t.mulaid;
      s.psnCashPay += t.cash;
      s.medfeeSumamt += t.medfee;
      s.fundPaySumamt += t.fund;
    }
  }
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, fenText(v)]));
}

test('query sums equal an independent integer-fen computation', () => {
  const history = generateHistory({ seed: 7, records: 3000, anomalies: true });
  const ledger = Ledger.fromJson(history.json);
  const counted = history.truths.filter((t) => !t.duplicate);
  const table = [
    [{}, () => true],
    [{ from: '2022-01-01', to: '2023-12-31' }, (t) => t.time.slice(0, 10) >= '2022-01-01' && t.time.slice(0, 10) <= '2023-12-31'],
    [{ members: [MEMBERS[0].psn_no] }, (t) => t.psn_no === MEMBERS[0].psn_no],
    [{ types: ['settlement', 'refund'], members: [HOLDER] }, (t) => (t.kind === 'settlement' || t.kind === 'refund') && t.psn_no === HOLDER],
    [{ text: '定西' }, (t) => INSTITUTIONS[t.institution]?.[1].includes('定西') ?? false],
  ];
  for (const [query, keep] of table) {
    const match = counted.filter(keep);
    const result = ledger.query(query);
    assert.equal(result.total, match.length, JSON.stringify(query));
    assert.deepEqual(result.sums, sumsOf(match), JSON.stringify(query));
  }
  ledger.free();
});

test('items are a page of display-ready, masked records', () => {
  const history = generateHistory({ seed: 3, records: 500 });
  const ledger = Ledger.fromJson(history.json);
  const result = ledger.query({ limit: 10, offset: 5, order: 'desc' });
  assert.equal(result.items.length, 10);
  assert.equal(ledger.size, history.truths.length);
  const text = JSON.stringify(result);
  assert.ok(!text.includes(HOLDER_NAME) && !text.includes('62110219800101123X'));
  for (const item of result.items) {
    assert.equal(typeof item.amount, 'string');
    assert.match(item.amountText, /¥/);
    assert.match(item.accountChangeText, /^[+-]?¥/);
    assert.match(item.time, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    if (item.type === 'settlement') {
      assert.ok(item.medTypeName && item.institutionName && item.setlId && item.split && item.memberName.includes('*'));
    }
  }
  const times = result.items.map((i) => i.time);
  assert.deepEqual(times, [...times].sort().reverse());
});

test('time zone of the device does not move day bounds', () => {
  const history = generateHistory({ seed: 5, records: 800 });
  const ledger = Ledger.fromJson(history.json);
  const query = { from: '2022-03-01', to: '2022-03-31', limit: 1000 };
  const before = process.env.TZ;
  process.env.TZ = 'America/Los_Angeles';
  const west = ledger.query(query);
  process.env.TZ = 'Asia/Shanghai';
  const china = ledger.query(query);
  process.env.TZ = before ?? '';
  assert.deepEqual(west, china);
  assert.ok(west.items.every((i) => i.time >= '2022-03-01 00:00:00' && i.time <= '2022-03-31 23:59:59'));
});

test('malformed records are listed, the rest load', () => {
  const text = JSON.stringify({
    account: { psn_no: 'P1', balc: '2.00', opening_balc: '0' },
    members: [],
    records: [
      { type: 'credit', time: '2024-01-05 09:00:00', amount: '1.00' },
      { type: 'credit', time: '2024-02-30 09:00:00', amount: '1.00' },
      42,
      { type: 'credit', time: '2024-01-06 09:00:00', amount: '1.001' },
      { type: 'lottery', time: '2024-01-06 09:00:00', amount: '1.00' },
      { type: 'credit', time: '2024-01-07 09:00:00', amount: 1.0 },
    ],
  });
  const ledger = Ledger.fromJson(text);
  assert.equal(ledger.size, 2);
  const rejected = ledger.rejected();
  assert.deepEqual(rejected.map((r) => [r.section, r.index, r.code]), [
    ['records', 1, 'LEDGER_RECORD_BAD_TIME'],
    ['records', 2, 'LEDGER_RECORD_NOT_OBJECT'],
    ['records', 3, 'LEDGER_RECORD_BAD_AMOUNT'],
    ['records', 4, 'LEDGER_RECORD_UNKNOWN_TYPE'],
  ]);
  assert.equal(rejected[0].field, 'time');
  assert.ok(rejected[0].message.length > 0);
  assert.equal(ledger.reconcile().ok, true);
});

test('junk throws coded Errors and never kills the instance', () => {
  const table = [
    ['', 'LEDGER_NOT_JSON'],
    ['{"account":', 'LEDGER_NOT_JSON'],
    ['[1,2]', 'LEDGER_BAD_SHAPE'],
    ['{"records":[]}', 'LEDGER_BAD_SHAPE'],
    ['{"account":{"psn_no":"P"},"records":[]}', 'LEDGER_BAD_ACCOUNT'],
    ['['.repeat(100000), 'LEDGER_BAD_SHAPE'],
    [`{"account":{"psn_no":"P","balc":"0","opening_balc":"0"},"records":[${'['.repeat(100000)}`, 'LEDGER_NOT_JSON'],
  ];
  for (const [text, code] of table) {
    const error = thrown(() => Ledger.fromJson(text));
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'GongjiError');
    assert.equal(error.code, code);
  }
  // Not a string at all (a response the network layer already parsed, null, an array):
  // a coded misuse error, not a TypeError from inside the glue.
  for (const value of [null, undefined, 42, { account: {}, records: [] }, ['{}'], new String('{}')]) {
    const error = thrown(() => Ledger.fromJson(value));
    assert.equal(error.code, 'BOUNDARY_BAD_ARGUMENT', String(value));
  }
  const huge = `{"account":{"psn_no":"P","balc":"0","opening_balc":"0"},"records":[{"type":"credit","time":"${'x'.repeat(10 << 20)}","amount":${'9'.repeat(40)}}]}`;
  assert.equal(Ledger.fromJson(huge).rejected()[0].code, 'LEDGER_RECORD_BAD_TIME');
  const ok = Ledger.fromJson(generateHistory({ seed: 1, records: 50 }).json);
  assert.equal(thrown(() => ok.query({ from: 'March' })).code, 'LEDGER_BAD_QUERY');
  assert.equal(thrown(() => ok.query({ limit: 'ten' })).code, 'BOUNDARY_BAD_ARGUMENT');
  assert.ok(ok.query().total > 0, 'still usable after errors');
});

test('reconcile reports the planted anomalies and the hotline', () => {
  const history = generateHistory({ seed: 11, records: 1200, anomalies: true });
  const report = Ledger.fromJson(history.json).reconcile();
  assert.equal(report.ok, false);
  assert.equal(report.difference, '0.00');
  assert.equal(report.hotline, '0932-12393');
  const got = report.anomalies.map((a) => `${a.index} ${a.code}`).sort();
  assert.deepEqual(got, history.anomalies.map((a) => `${a.index} ${a.code}`).sort());
  const clean = generateHistory({ seed: 12, records: 300, admdvs: '620102' });
  const mismatch = clean.json.replace(`"balc":"${fenText(clean.balc)}"`, `"balc":"${fenText(clean.balc + 5)}"`);
  const r2 = Ledger.fromJson(mismatch).reconcile();
  assert.deepEqual([r2.ok, r2.difference, r2.hotline, r2.notice.code], [false, '0.05', '0931-12393', 'LEDGER_BALANCE_MISMATCH']);
});

test('monthly, byMember, freshness, toCsv shapes', () => {
  const history = generateHistory({ seed: 2, records: 600, source: 'counter' });
  const ledger = Ledger.fromJson(history.json);
  const months = ledger.monthly({ from: '2022-01-01', to: '2022-12-31' });
  assert.equal(months.length, 12);
  assert.deepEqual(Object.keys(months[0]).sort(), ['contributions', 'count', 'credited', 'month', 'net', 'quota', 'spentFamily', 'spentOwn', 'transferred']);
  const members = ledger.byMember();
  assert.equal(members[0].memberId, HOLDER);
  assert.equal(members[0].relationName, '本人');
  const fresh = ledger.freshness('2025-01-05 08:00:00', { maxAgeHours: 48 });
  assert.deepEqual(fresh.notices.map((n) => n.code), ['LEDGER_COUNTER_LAG', 'LEDGER_STALE']);
  assert.equal(fresh.asOf, '2025-01-02 08:00:00');
  const csv = ledger.toCsv({ types: ['settlement'] });
  assert.ok(csv.startsWith('\uFEFF时间,类型,'));
  assert.equal(csv.trim().split('\r\n').length, ledger.query({ types: ['settlement'], limit: 0 }).total + 1);
  gongji.setLocale('zh-Hant');
  try {
    assert.ok(ledger.toCsv({ limit: 1 }).startsWith('\uFEFF時間,'));
    assert.match(ledger.freshness('2025-01-02 08:10:00').notices[0].message, /櫃檯/);
  } finally {
    gongji.setLocale('zh-Hans');
  }
});

test('statement: the counter\'s 对账单 for a period, in decimal strings, with its refusals coded', () => {
  const history = generateHistory({ seed: 4, records: 500 });
  const ledger = Ledger.fromJson(history.json);
  const s = ledger.statement({ from: '2023-01-01', to: '2023-12-31', types: ['credit'] }, '2025-01-03 10:00:00');
  assert.deepEqual(Object.keys(s).sort(), ['closingBalance', 'credits', 'debits', 'debitsTotal', 'from', 'issuedAt', 'openingBalance', 'records', 'to']);
  assert.deepEqual(s.debits.map((d) => d.kind), ['ownCare', 'familyCare', 'transfer', 'contribution']);
  for (const amount of [s.openingBalance, s.credits, s.debitsTotal, s.closingBalance, ...s.debits.map((d) => d.amount)]) {
    assert.match(amount, /^-?\d+\.\d\d$/);
  }
  // The balance equation on the paper, in integer fen (BigInt: no float rounding).
  const fen = (text) => BigInt(text.replace('.', ''));
  assert.equal(fen(s.openingBalance) + fen(s.credits) - fen(s.debitsTotal), fen(s.closingBalance));
  assert.equal(s.debits.reduce((sum, d) => sum + fen(d.amount), 0n), fen(s.debitsTotal));
  // Only the period is read: the same statement without the type filter.
  const { issuedAt, ...rest } = s;
  const { issuedAt: again, ...same } = ledger.statement({ from: '2023-01-01', to: '2023-12-31' }, Date.UTC(2025, 0, 3, 2));
  assert.equal(issuedAt, '2025-01-03 10:00:00');
  assert.equal(again, '2025-01-03 10:00:00', 'a JS timestamp is read in China time');
  assert.deepEqual(rest, same);
  // A year's statements chain: one's closing is the next one's opening.
  const next = ledger.statement({ from: '2024-01-01', to: '2024-12-31' }, issuedAt);
  assert.equal(next.openingBalance, s.closingBalance);
  const codeOf = (fn) => { try { fn(); return null; } catch (e) { return e.code; } };
  assert.equal(codeOf(() => ledger.statement({ from: '2024-02-01', to: '2024-01-01' }, issuedAt)), 'LEDGER_PERIOD_REVERSED');
  assert.equal(codeOf(() => ledger.statement({}, 'tomorrow')), 'TIME_INVALID');
  assert.equal(codeOf(() => ledger.statement({}, {})), 'BOUNDARY_BAD_ARGUMENT');
  assert.equal(codeOf(() => ledger.statement({}, Number.NaN)), 'TIME_INVALID');
  // The same statement as a file: its head, then the rows toCsv writes for the same query.
  const file = ledger.statementCsv({ from: '2023-01-01', to: '2023-12-31', types: ['credit'] }, issuedAt);
  const [head, rows] = file.split('\r\n\r\n');
  assert.equal(`\uFEFF${rows}`, ledger.toCsv({ from: '2023-01-01', to: '2023-12-31', types: ['credit'] }));
  assert.ok(head.includes(`期初余额,${s.openingBalance},`) && head.includes(`期末余额,${s.closingBalance},`), head);
  assert.equal(codeOf(() => ledger.statementCsv({ from: '2024-02-01', to: '2024-01-01' }, issuedAt)), 'LEDGER_PERIOD_REVERSED');
});
