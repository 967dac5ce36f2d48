// The rows a user waits on, after the cold start (bench/coldstart.mjs): loading a realistic
// history (10,000 records from tests/fixtures/gen-history.mjs, amounts partly JSON numbers as
// the endpoint sends them), the first query on it, and formatting one page of items for the
// screen — each beside the plain-JS peer doing the same work in the same engine and run.
import Big from 'big.js';
import nzh from 'nzh/cn';
import { gongji } from './lib.mjs';
import { generateHistory } from '../tests/fixtures/gen-history.mjs';
import { ledgerFromText } from '../www/shared/ledger-columns.js';

export const RECORDS = 10_000;
const PAGE = 20;
let shared;
function history() {
  if (!shared) {
    const { json } = generateHistory({ seed: 13, records: RECORDS });
    const ledger = gongji.Ledger.fromJson(json);
    const records = JSON.parse(json).records;
    const timeOf = (r) => r.time ?? r.setl_time;
    const newest = [...records].sort((a, b) => (timeOf(a) < timeOf(b) ? 1 : timeOf(a) > timeOf(b) ? -1 : 0)).slice(0, PAGE);
    const amounts = newest.map((r) => String(r.amount ?? -(Number(r.acct_pay) + Number(r.acct_mulaid_pay)).toFixed(2)));
    shared = { json, ledger, amounts };
  }
  return shared;
}

const timeOf = (r) => r.time ?? r.setl_time;
/** The peer of the first page: newest first, the first 20, exact account sums over all. */
function peerFirstPage(records) {
  const sorted = records.slice().sort((a, b) => (timeOf(a) < timeOf(b) ? 1 : timeOf(a) > timeOf(b) ? -1 : 0));
  let credit = new Big(0);
  let acctPay = new Big(0);
  for (const r of records) {
    if (r.type === 'credit') credit = credit.plus(String(r.amount));
    if (r.acct_pay !== undefined) acctPay = acctPay.plus(String(r.acct_pay));
  }
  return { total: records.length, items: sorted.slice(0, PAGE), sums: { credit: credit.toFixed(2), acctPay: acctPay.toFixed(2) } };
}

const intl = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' });

export const cases = [
  {
    name: `history load: ${RECORDS / 1000}k records (Ledger.fromJson)`,
    runs: 11,
    setup: history,
    gongji: ({ json }) => {
      const ledger = gongji.Ledger.fromJson(json);
      const size = ledger.size;
      ledger.free();
      return size;
    },
    peerName: 'JSON.parse',
    peer: ({ json }) => JSON.parse(json).records.length,
  },
  {
    // What the mini-programs call on iOS (www/shared/gate.js logicLayerWithoutJit → core-service.js): the host's JSON.parse, the packer,
    // Ledger.fromColumns — the same ledger as the row above.
    name: `history load: ${RECORDS / 1000}k records (JSON.parse + columns, as the mini-programs load)`,
    runs: 11,
    setup: history,
    gongji: ({ json }) => {
      const ledger = ledgerFromText(gongji, json);
      const size = ledger.size;
      ledger.free();
      return size;
    },
    peerName: 'JSON.parse',
    peer: ({ json }) => JSON.parse(json).records.length,
  },
  {
    name: `first query on a fresh ${RECORDS / 1000}k history: newest ${PAGE} + sums`,
    runs: 11,
    setup: history,
    // A freshly loaded history (or freshly parsed records) for every run, untimed.
    each: ({ json }, side) => (side === 'gongji' ? gongji.Ledger.fromJson(json) : JSON.parse(json).records),
    gongji: (ledger) => {
      const result = ledger.query({ limit: PAGE });
      ledger.free();
      return result;
    },
    peerName: 'sort/big.js',
    peer: (records) => peerFirstPage(records),
    check: (ours, theirs) => {
      if (ours.total !== theirs.total || ours.items.length !== theirs.items.length) throw new Error('first query: counts differ');
      if (ours.sums.credit !== theirs.sums.credit) throw new Error(`first query: credit ${ours.sums.credit} != ${theirs.sums.credit}`);
    },
  },
  {
    name: `a page of ${PAGE} formatted items (text + spoken form)`,
    runs: 101,
    setup: history,
    gongji: ({ amounts }) => amounts.map((a) => ({ text: gongji.formatYuan(a), spoken: gongji.toSpokenChinese(a) })),
    peerName: 'Intl.NumberFormat + nzh encodeS',
    peer: ({ amounts }) => amounts.map((a) => ({ text: intl.format(Number(a)), spoken: nzh.encodeS(a) })),
    check: (ours, theirs) => {
      ours.forEach((o, i) => {
        const peerText = theirs[i].text.replace(/^¥-/, '-¥');
        if (o.text !== peerText) throw new Error(`page of items #${i}: ${o.text} != ${peerText}`);
      });
    },
  },
];
