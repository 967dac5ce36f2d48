// Ledger benchmarks (`make bench`, or `node bench/run.mjs ledger`): a 100,000-record
// history from tests/fixtures/gen-history.mjs, loaded into gongji's Ledger beside a plain-JS
// peer doing the same work — JSON.parse, Array filter/reduce, big.js for exact sums.
// Goals (issue 6): query + sums under 10 ms; load within 2× of JSON.parse; each figure at
// least as fast as the peer; wasm memory growth under 3× the JSON text.

import Big from 'big.js';
import { gongji } from './lib.mjs';
import { generateHistory, HOLDER, MEMBERS } from '../tests/fixtures/gen-history.mjs';

const N = 100_000;
let shared;
function history() {
  if (!shared) {
    const { json } = generateHistory({ seed: 42, records: N });
    const before = gongji.wasmMemoryBytes();
    const ledger = gongji.Ledger.fromJson(json);
    const after = gongji.wasmMemoryBytes();
    shared = { json, ledger, records: JSON.parse(json).records, growth: after - before, memory: after };
  }
  return shared;
}

const QUERY = { from: '2022-01-01', to: '2023-12-31', members: [HOLDER, MEMBERS[0].psn_no], limit: 20 };
const SUM_FIELDS = [
  ['credit', (r) => (r.type === 'credit' ? r.amount : null)],
  ['transfer', (r) => (r.type === 'transfer' ? r.amount : null)],
  ['contribution', (r) => (r.type === 'contribution' ? r.amount : null)],
  ['acctPay', (r) => r.acct_pay],
  ['acctMulaidPay', (r) => r.acct_mulaid_pay],
  ['psnCashPay', (r) => r.psn_cash_pay],
  ['medfeeSumamt', (r) => r.medfee_sumamt],
];
const personOf = (r) => (r.type === 'credit' ? HOLDER : r.type === 'transfer' ? r.to_psn_no : r.psn_no);
const timeOf = (r) => r.time ?? r.setl_time;

/** The peer's query: filter on the China-time strings, sort newest first, page, exact sums. */
function peerQuery(records, q) {
  const members = new Set(q.members);
  const settled = new Map(records.filter((r) => r.type === 'settlement').map((r) => [r.setl_id, r.psn_no]));
  const match = records.filter((r) => {
    const day = timeOf(r).slice(0, 10);
    const person = r.type === 'refund' ? settled.get(r.setl_id) : personOf(r);
    return day >= q.from && day <= q.to && members.has(person);
  });
  match.sort((a, b) => (timeOf(a) < timeOf(b) ? 1 : timeOf(a) > timeOf(b) ? -1 : 0));
  const sums = {};
  for (const [name, get] of SUM_FIELDS) {
    sums[name] = match.reduce((acc, r) => {
      const v = get(r);
      return v == null ? acc : acc.plus(new Big(String(v)));
    }, new Big(0)).toFixed(2);
  }
  return { total: match.length, items: match.slice(0, q.limit), sums };
}

function peerMonthly(records) {
  const months = new Map();
  for (const r of records) {
    const month = timeOf(r).slice(0, 7);
    let m = months.get(month);
    if (!m) months.set(month, (m = { credited: new Big(0), spentOwn: new Big(0), spentFamily: new Big(0), transferred: new Big(0), contributions: new Big(0) }));
    if (r.type === 'credit') m.credited = m.credited.plus(String(r.amount));
    else if (r.type === 'transfer') m.transferred = m.transferred.plus(String(r.amount));
    else if (r.type === 'contribution') m.contributions = m.contributions.plus(String(r.amount));
    else {
      m.spentOwn = m.spentOwn.plus(String(r.acct_pay));
      m.spentFamily = m.spentFamily.plus(String(r.acct_mulaid_pay));
    }
  }
  return [...months.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, m]) => ({
    month,
    credited: m.credited.toFixed(2),
    net: m.credited.minus(m.spentOwn).minus(m.spentFamily).minus(m.transferred).minus(m.contributions).toFixed(2),
  }));
}

const mb = (bytes) => (bytes / 1048576).toFixed(1) + ' MB';

export const cases = [
  {
    name: `load ${N / 1000}k records from JSON text`,
    runs: 5,
    setup: history,
    gongji: ({ json }) => {
      const ledger = gongji.Ledger.fromJson(json);
      const size = ledger.size;
      ledger.free();
      return size;
    },
    peerName: 'JSON.parse',
    peer: ({ json }) => JSON.parse(json).records.length,
    extra: ({ json }) => {
      const start = process.hrtime.bigint();
      new TextEncoder().encode(json);
      const encode = Number(process.hrtime.bigint() - start) / 1e6;
      return `text ${mb(json.length * 1)} (UTF-16 length ${json.length}); the UTF-8 encode into wasm alone takes ${encode.toFixed(1)} ms`;
    },
  },
  {
    name: 'query: 2 years + 2 members + sums, page of 20',
    runs: 21,
    setup: history,
    gongji: ({ ledger }) => ledger.query(QUERY),
    peerName: 'filter/sort/big.js',
    peer: ({ records }) => peerQuery(records, QUERY),
    check: (ours, theirs) => {
      if (ours.total !== theirs.total) throw new Error(`ledger bench: totals ${ours.total} != ${theirs.total}`);
      for (const key of Object.keys(theirs.sums)) {
        if (ours.sums[key] !== theirs.sums[key]) throw new Error(`ledger bench: ${key} ${ours.sums[key]} != ${theirs.sums[key]}`);
      }
    },
  },
  {
    name: 'monthly summary, whole history',
    runs: 11,
    setup: history,
    gongji: ({ ledger }) => ledger.monthly(),
    peerName: 'Map/big.js',
    peer: ({ records }) => peerMonthly(records),
    check: (ours, theirs) => {
      if (ours.length !== theirs.length) throw new Error('ledger bench: month count differs');
      ours.forEach((m, i) => {
        if (m.month !== theirs[i].month || m.credited !== theirs[i].credited || m.net !== theirs[i].net) throw new Error(`ledger bench: month ${m.month} differs`);
      });
    },
    extra: ({ json, growth, memory }) => `wasm memory grew ${mb(growth)} loading ${mb(Buffer.byteLength(json))} of UTF-8 JSON (${(growth / Buffer.byteLength(json)).toFixed(2)}× the text; total memory ${mb(memory)})`,
  },
];
