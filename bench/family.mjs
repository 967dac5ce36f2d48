// Family rules from Node beside plain-JS peers doing the same work: the payment split with
// big.js (exact decimals in JS), and the binding check against a hand-written JS rule that
// covers the same status/relation checks with the 2024 近亲属 codes.
import { createRequire } from 'node:module';
import { gongji, rng } from './lib.mjs';

const require = createRequire(import.meta.url);
const Big = require('big.js');

const N = 10_000;
const money = (r) => (Math.floor(r() * 500_000) / 100).toFixed(2);

function paymentData() {
  const r = rng(7);
  return Array.from({ length: N }, () => ({
    selfPay: money(r),
    ownBalance: money(r),
    holders: Array.from({ length: 1 + Math.floor(r() * 3) }, (_, i) => ({ psn_no: String(i), psn_name: '张三丰', balc: money(r) })),
  }));
}

function bigSplit({ selfPay, ownBalance, holders }) {
  let remaining = new Big(selfPay);
  const own = remaining.lt(ownBalance) ? remaining : new Big(ownBalance);
  remaining = remaining.minus(own);
  const shared = holders.map((h) => {
    const pay = remaining.lt(h.balc) ? remaining : new Big(h.balc);
    remaining = remaining.minus(pay);
    return pay.toFixed(2);
  });
  return [own.toFixed(2), ...shared, remaining.toFixed(2)].join();
}

const NEAR_KIN = new Set(['10', '11', '12', '20', '21', '22', '23', '24', '25', '26', '27', '29', '30', '31', '32', '33', '34', '35', '36', '37', '39', '40', '41', '42', '43', '44', '50', '51', '52', '57', '58', '60', '61', '62', '63', '64', '70', '71', '73', '75', '77']);

function bindingData() {
  const r = rng(11);
  const codes = ['10', '20', '51', '61', '55', '28', '91', '59', '71'];
  return Array.from({ length: N }, () => ({
    holder: { certno: '620102198001011234', insutype: r() < 0.9 ? '310' : '390', psn_insu_stas: r() < 0.95 ? '1' : '2', insuplc_admdvs: '620102' },
    member: { certno: '620102195505051213', insutype: r() < 0.5 ? '310' : '390', psn_insu_stas: '1', insuplc_admdvs: r() < 0.9 ? '621102' : '110105' },
    relation: codes[Math.floor(r() * codes.length)],
    date: '2025-06-01',
  }));
}

function jsEligible({ holder, member, relation }) {
  return holder.insutype === '310' && holder.psn_insu_stas === '1' && ['310', '390'].includes(member.insutype)
    && member.psn_insu_stas === '1' && holder.insuplc_admdvs.slice(0, 2) === member.insuplc_admdvs.slice(0, 2)
    && holder.certno.trim().toUpperCase() !== member.certno.trim().toUpperCase() && NEAR_KIN.has(relation);
}

export const cases = [
  {
    name: `previewPayment × ${N / 1000}k`,
    setup: paymentData,
    gongji: (data) => data.map((d) => {
      const s = gongji.previewPayment(d);
      return [s.ownAccount, ...s.shared.map((x) => x.pay), s.cash].join();
    }),
    peerName: 'big.js',
    peer: (data) => data.map(bigSplit),
    check: (a, b) => { if (a.join('|') !== b.join('|')) throw new Error('previewPayment bench: results differ'); },
  },
  {
    name: `checkBinding × ${N / 1000}k`,
    setup: bindingData,
    gongji: (data) => data.map((d) => gongji.checkBinding(d).eligible),
    peerName: 'hand-written JS rule (no texts, no policy choice)',
    peer: (data) => data.map(jsEligible),
    check: (a, b) => { if (a.join() !== b.join()) throw new Error('checkBinding bench: results differ'); },
  },
];
