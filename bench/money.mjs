// Money from JS beside plain-JS peers, over 10^5 amounts as 2-decimal strings (so the peers
// do the same work: Intl rounds strings half away from zero too, and nzh reads strings):
// formatYuan vs Intl.NumberFormat zh-CN CNY, toChineseUppercase vs nzh's toMoney, each per
// call and as one batch call (formatYuanMany / toChineseUppercaseMany), and sumYuan vs big.js.
import { createRequire } from 'node:module';
import { gongji, rng } from './lib.mjs';

const require = createRequire(import.meta.url);
const nzh = require('nzh/cn');
const Big = require('big.js');

const N = 100_000;

/** Amounts like a ledger's: mostly under 10^4 yuan, some up to 10^10, a tenth negative. */
function amounts() {
  const next = rng(2026);
  const out = new Array(N);
  for (let i = 0; i < N; i++) {
    const scale = next() < 0.8 ? 1e4 : 1e10;
    const fen = Math.floor(next() * scale * 100);
    const text = `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
    out[i] = next() < 0.1 && fen !== 0 ? '-' + text : text;
  }
  return out;
}

function sameArrays(label, normalize = (x) => x) {
  return (a, b) => {
    if (a.length !== b.length) throw new Error(`${label}: ${a.length} results vs ${b.length}`);
    for (let i = 0; i < a.length; i += 97) {
      if (a[i] !== normalize(b[i])) throw new Error(`${label} #${i}: ${a[i]} != ${b[i]}`);
    }
  };
}

const intl = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' });
// nzh drops 整 after a ".00" string and the 零 after an empty 亿 group above 万亿 (both
// allowed by the rules; see tests/js/money.test.mjs): normalise before comparing.
const nzhLikeGongji = (text) => text.replace(/万亿(?=[壹贰叁肆伍陆柒捌玖])/, '万亿零').replace(/元$/, '元整');
const capitals = (a) => nzh.toMoney(a, { outSymbol: false });

export const cases = [
  {
    name: `formatYuan × ${N / 1000}k`,
    setup: amounts,
    gongji: (data) => data.map((a) => gongji.formatYuan(a)),
    peerName: 'Intl.NumberFormat',
    peer: (data) => data.map((a) => intl.format(a)),
    check: sameArrays('formatYuan'),
  },
  {
    name: `formatYuanMany (${N / 1000}k in one call)`,
    setup: amounts,
    gongji: (data) => gongji.formatYuanMany(data),
    peerName: 'Intl.NumberFormat',
    peer: (data) => data.map((a) => intl.format(a)),
    check: sameArrays('formatYuanMany'),
  },
  {
    name: `toChineseUppercase × ${N / 1000}k`,
    setup: amounts,
    gongji: (data) => data.map((a) => gongji.toChineseUppercase(a)),
    peerName: 'nzh toMoney',
    peer: (data) => data.map(capitals),
    check: sameArrays('toChineseUppercase', nzhLikeGongji),
  },
  {
    name: `toChineseUppercaseMany (${N / 1000}k in one call)`,
    setup: amounts,
    gongji: (data) => gongji.toChineseUppercaseMany(data),
    peerName: 'nzh toMoney',
    peer: (data) => data.map(capitals),
    check: sameArrays('toChineseUppercaseMany', nzhLikeGongji),
  },
  {
    name: `sumYuan of ${N / 1000}k`,
    setup: amounts,
    gongji: (data) => gongji.sumYuan(data),
    peerName: 'big.js',
    peer: (data) => data.reduce((acc, a) => acc.plus(a), new Big(0)).toFixed(2),
    check: (a, b) => { if (a !== b) throw new Error(`sumYuan: ${a} != ${b}`); },
  },
];
