//! The sample families the local provincial endpoint serves (`make demo` and every shell
//! test): one retired holder in 定西 and one working holder in 兰州, with their bound relatives,
//! three years of history, refunds and one planted anomaly; and, since the 2026 national notice,
//! the 兰州 holder's younger brother insured in 西安 (610113), who shares through a 共济额度
//! (quota records in the history, the quota the wallet endpoint serves). Every name is invented; every ID
//! number is valid (check character computed) and uses real GB/T 2260 region codes. Records
//! follow the ledger data contract of issue 6 and the national platform's field names.
//!
//! Balances are computed here in integer fen from the history (opening_balc + credits −
//! debits), so the only reconcile finding is the planted one.

import { residentId, psnNo } from './ids.mjs';

/** The fixed SMS code the sample logins accept (there is no SMS gateway behind the demo). */
export const TEST_SMS_CODE = '123456';

const fen = (yuan) => {
  const [whole, part = ''] = String(yuan).split('.');
  const sign = whole.startsWith('-') ? -1 : 1;
  return sign * (Math.abs(Number(whole)) * 100 + Number((part + '00').slice(0, 2)));
};
const yuan = (f) => {
  const sign = f < 0 ? '-' : '';
  const a = Math.abs(f);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
};

function person({ name, region, birth, sex, serial, insutype, psnType, status = '1', admdvs = region, phone, emp, base, cardNo }) {
  const certno = residentId({ region, birth, sex, serial });
  return {
    baseinfo: {
      psn_no: psnNo(admdvs, serial * 7919),
      psn_cert_type: '01',
      certno,
      psn_name: name,
      gend: sex === 'male' ? '1' : '2',
      naty: '01',
      brdy: birth,
    },
    insuinfo: {
      insutype,
      psn_type: psnType,
      psn_insu_stas: status,
      psn_insu_date: `${Math.max(Number(birth.slice(0, 4)) + 18, 2000)}-01-01`,
      paus_insu_date: status === '1' ? null : '2024-12-31',
      cvlserv_flag: '0',
      insuplc_admdvs: admdvs,
      emp_name: emp ?? null,
      // 缴费基数: what the on-duty credit (2% of it) is computed from; absent for retirees.
      clct_base: base ?? null,
    },
    phone,
    // The 社保卡 card number (卡号) of the portal's second login; holders only (invented).
    card_no: cardNo ?? null,
  };
}

const INSTITUTIONS = {
  dxHospital: ['H62110200011', '定西市人民医院'],
  dxPharmacy: ['P62110200108', '定西市安定区康泰大药房'],
  dxClinic: ['H62110200305', '安定区中医医院'],
  lzHospital: ['H62010200001', '兰州大学第一医院'],
  lzChildren: ['H62010200032', '兰州市儿童医院'],
  lzProvincial: ['H62010200002', '甘肃省人民医院'],
  lzPharmacy: ['P62010200105', '兰州惠仁堂大药房城关店'],
  yzClinic: ['H62012300017', '榆中县第一人民医院'],
  xaPharmacy: ['P61011300021', '西安市雁塔区惠民大药房'],
  xaClinic: ['H61011300046', '雁塔区某社区卫生服务中心'],
};

/** Builds one holder's ledger JSON object and computes its balance. */
function ledgerFor({ holder, members, openingBalc, openingDate, source, events }) {
  const records = [];
  let balance = fen(openingBalc);
  let setl = 1;
  const byName = new Map([[holder.baseinfo.psn_name, holder], ...members.map((m) => [m.person.baseinfo.psn_name, m.person])]);
  for (const e of events) {
    if (e.type === 'credit') {
      records.push({ type: 'credit', time: e.time, amount: e.amount, period: e.period });
      balance += fen(e.amount);
    } else if (e.type === 'transfer') {
      records.push({ type: 'transfer', time: e.time, amount: e.amount, to_psn_no: e.to.baseinfo.psn_no, to_psn_name: e.to.baseinfo.psn_name });
      balance -= fen(e.amount);
    } else if (e.type === 'quota') {
      // 共济额度: set or changed to `amount`, or released (`amount` = the unused part returned).
      // Virtual: the balance does not change; the relative's spending from it does.
      const p = byName.get(e.who);
      records.push({ type: 'quota', time: e.time, action: e.action, psn_no: p.baseinfo.psn_no, psn_name: p.baseinfo.psn_name, amount: e.amount });
    } else if (e.type === 'contribution') {
      const p = byName.get(e.who);
      records.push({ type: 'contribution', time: e.time, amount: e.amount, psn_no: p.baseinfo.psn_no, psn_name: p.baseinfo.psn_name, year: e.year });
      balance -= fen(e.amount);
    } else if (e.type === 'settlement') {
      const p = byName.get(e.who);
      const [code, name] = INSTITUTIONS[e.at];
      const own = fen(e.acct ?? '0');
      const mulaid = fen(e.mulaid ?? '0');
      const fund = fen(e.fund ?? '0');
      const cash = fen(e.cash ?? '0');
      const id = e.setlId ?? `${holder.insuinfo.insuplc_admdvs}${e.time.slice(0, 10).replaceAll('-', '')}${String(setl++).padStart(6, '0')}`;
      records.push({
        type: 'settlement', setl_id: id, setl_time: e.time,
        psn_no: p.baseinfo.psn_no, psn_name: p.baseinfo.psn_name,
        fixmedins_code: code, fixmedins_name: name, med_type: e.med,
        medfee_sumamt: yuan(own + mulaid + fund + cash), fund_pay_sumamt: yuan(fund),
        acct_pay: yuan(own), acct_mulaid_pay: yuan(mulaid), psn_cash_pay: yuan(cash),
      });
      // In the holder's ledger both acct_pay and acct_mulaid_pay are debits (issue 6); the
      // sample relatives' rows carry only acct_mulaid_pay, as the holder's statement shows.
      balance -= own + mulaid;
      e.id = id;
    } else if (e.type === 'refund') {
      const original = records.find((r) => r.type === 'settlement' && r.setl_id === e.of.id);
      const neg = (v) => yuan(-fen(v));
      records.push({
        type: 'refund', setl_id: original.setl_id, setl_time: e.time,
        medfee_sumamt: neg(original.medfee_sumamt), fund_pay_sumamt: neg(original.fund_pay_sumamt),
        acct_pay: neg(original.acct_pay), acct_mulaid_pay: neg(original.acct_mulaid_pay), psn_cash_pay: neg(original.psn_cash_pay),
      });
      balance += fen(original.acct_pay) + fen(original.acct_mulaid_pay);
    }
  }
  records.sort((a, b) => (a.time ?? a.setl_time).localeCompare(b.time ?? b.setl_time));
  return {
    account: {
      psn_no: holder.baseinfo.psn_no,
      psn_name: holder.baseinfo.psn_name,
      insutype: holder.insuinfo.insutype,
      insuplc_admdvs: holder.insuinfo.insuplc_admdvs,
      balc: yuan(balance),
      opening_balc: openingBalc,
      opening_date: openingDate,
      as_of: null, // stamped when served
      source,
    },
    members: members.map((m) => ({
      psn_no: m.person.baseinfo.psn_no,
      psn_name: m.person.baseinfo.psn_name,
      certno: m.person.baseinfo.certno,
      relation: m.relation,
      status: m.unboundAt ? 'unbound' : 'active',
      bound_at: m.boundAt,
      unbound_at: m.unboundAt ?? null,
      // "wallet": a relative insured in another province, sharing through a quota (2026).
      channel: m.channel ?? 'province',
    })),
    records,
  };
}

const months = (fromYear, fromMonth, toYear, toMonth) => {
  const out = [];
  for (let y = fromYear, m = fromMonth; y < toYear || (y === toYear && m <= toMonth); m === 12 ? (y += 1, m = 1) : (m += 1)) {
    out.push([y, String(m).padStart(2, '0')]);
  }
  return out;
};

/** 定西: a retired holder, his wife on 居民医保, a daughter unbound last year who still spent. */
function dingxiFamily() {
  const holder = person({ name: '王建国', region: '621102', birth: '1954-08-16', sex: 'male', serial: 6, insutype: '310', psnType: '1201', phone: '13993212345', emp: '定西市供销合作社（退休）', cardNo: 'A62110206' });
  const wife = person({ name: '李秀兰', region: '621102', birth: '1956-02-03', sex: 'female', serial: 12, insutype: '390', psnType: '1601' });
  // The daughter logs in with her own phone, to look after her father's account (代办).
  const daughter = person({ name: '王丽', region: '621102', birth: '1982-11-27', sex: 'female', serial: 21, insutype: '310', psnType: '1101', admdvs: '620102', emp: '兰州某商贸有限公司', base: '5200', phone: '13893176521', cardNo: 'C62010221' });
  const members = [
    { person: wife, relation: '10', boundAt: '2023-03-06' },
    { person: daughter, relation: '30', boundAt: '2023-03-06', unboundAt: '2025-08-20' },
  ];
  const events = [];
  for (const [y, m] of months(2024, 1, 2026, 11)) {
    // Retirees get a fixed monthly credit set by the region (not published for 定西: the
    // amounts here are sample data, which is exactly why the shell shows actual credits).
    events.push({ type: 'credit', time: `${y}-${m}-05 09:12:00`, amount: y === 2024 ? '98.50' : '103.20', period: `${y}-${m}` });
    events.push({ type: 'settlement', who: '王建国', at: Number(m) % 3 === 0 ? 'dxHospital' : 'dxPharmacy', med: Number(m) % 3 === 0 ? '140104' : '41', time: `${y}-${m}-1${Number(m) % 9} 10:2${Number(m) % 7}:00`, acct: Number(m) % 3 === 0 ? '46.80' : '38.50', fund: Number(m) % 3 === 0 ? '182.40' : '0.00', cash: '5.00' });
    if (Number(m) % 2 === 0) {
      events.push({ type: 'settlement', who: '李秀兰', at: 'dxPharmacy', med: '41', time: `${y}-${m}-2${Number(m) % 8} 16:05:00`, mulaid: `${20 + Number(m)}.60`, cash: '0.00' });
    }
    if (y < 2025 || (y === 2025 && Number(m) < 8)) {
      if (Number(m) === 4 || Number(m) === 10) {
        events.push({ type: 'settlement', who: '王丽', at: 'dxClinic', med: '11', time: `${y}-${m}-09 11:40:00`, mulaid: '64.00', fund: '30.00', cash: '12.00' });
      }
    }
  }
  events.push({ type: 'contribution', who: '李秀兰', time: '2024-11-02 10:00:00', amount: '380.00', year: 2025 });
  events.push({ type: 'contribution', who: '李秀兰', time: '2025-11-03 10:00:00', amount: '400.00', year: 2026 });
  // A hospital visit refunded (the visit was re-settled as inpatient care).
  const refunded = { type: 'settlement', who: '王建国', at: 'dxHospital', med: '11', time: '2025-06-11 08:55:00', acct: '120.00', fund: '0.00', cash: '0.00' };
  events.push(refunded, { type: 'refund', of: refunded, time: '2025-06-11 15:30:00' });
  // The planted anomaly: the daughter spent from the shared account after her unbinding.
  events.push({ type: 'settlement', who: '王丽', at: 'dxClinic', med: '11', time: '2025-10-12 09:30:00', mulaid: '86.50', fund: '0.00', cash: '0.00' });
  const ledger = ledgerFor({ holder, members, openingBalc: '1520.30', openingDate: '2024-01-01', source: 'counter', events });
  return { holder, members, ledger, daughter };
}

/** 兰州 (since she works there): the 定西 holder's daughter as a holder of her own — a short
 * history, so that after helping her father (代办) she has an account of her own to go back to. */
function helperAccount(daughter) {
  const events = [];
  for (const [y, m] of months(2025, 9, 2026, 11)) {
    events.push({ type: 'credit', time: `${y}-${m}-10 02:00:00`, amount: '104.00', period: `${y}-${m}` });
    if (Number(m) % 4 === 1) events.push({ type: 'settlement', who: '王丽', at: 'lzPharmacy', med: '41', time: `${y}-${m}-16 18:40:00`, acct: '36.50', cash: '0.00' });
  }
  const refunded = { type: 'settlement', who: '王丽', at: 'lzHospital', med: '11', time: '2026-05-08 09:20:00', acct: '58.00', fund: '0.00', cash: '0.00' };
  events.push(refunded, { type: 'refund', of: refunded, time: '2026-05-08 11:05:00' });
  const ledger = ledgerFor({ holder: daughter, members: [], openingBalc: '612.40', openingDate: '2025-09-01', source: 'online', events });
  return { person: daughter, ledger, members: [], region: '兰州' };
}

/** 兰州: a working holder, his wife, two children, his parents in 榆中; a brother in 西安 who
 * shares through a quota. */
function lanzhouFamily() {
  const holder = person({ name: '张伟', region: '620102', birth: '1986-05-20', sex: 'male', serial: 33, insutype: '310', psnType: '1101', phone: '13609311234', emp: '兰州某软件有限公司', base: '6400', cardNo: 'B62010233' });
  const wife = person({ name: '刘芳', region: '620103', birth: '1988-09-14', sex: 'female', serial: 40, insutype: '390', psnType: '1501' });
  const son = person({ name: '张子涵', region: '620102', birth: '2014-04-02', sex: 'male', serial: 51, insutype: '390', psnType: '1401' });
  const girl = person({ name: '张雨桐', region: '620102', birth: '2019-12-08', sex: 'female', serial: 62, insutype: '390', psnType: '1401' });
  const father = person({ name: '张德明', region: '620123', birth: '1958-01-30', sex: 'male', serial: 73, insutype: '390', psnType: '1601' });
  const mother = person({ name: '赵桂英', region: '620123', birth: '1961-07-19', sex: 'female', serial: 84, insutype: '390', psnType: '1601' });
  const brother = person({ name: '张强', region: '620102', birth: '1990-03-11', sex: 'male', serial: 95, insutype: '310', psnType: '1101', admdvs: '610113', emp: '西安某制造有限公司', base: '5800' });
  const members = [
    { person: wife, relation: '10', boundAt: '2023-02-10' },
    { person: son, relation: '20', boundAt: '2023-02-10' },
    { person: girl, relation: '30', boundAt: '2023-02-10' },
    { person: father, relation: '51', boundAt: '2023-05-18' },
    { person: mother, relation: '52', boundAt: '2023-05-18' },
    // 张强 is the younger brother (73 弟), insured in 西安: cross-province, the 医保钱包 way.
    { person: brother, relation: '73', boundAt: '2026-03-02', channel: 'wallet' },
  ];
  const events = [];
  const base = { 2024: '5600', 2025: '6000', 2026: '6400' };
  for (const [y, m] of months(2024, 1, 2026, 11)) {
    const credit = yuan(fen(base[y]) * 2 / 100);
    events.push({ type: 'credit', time: `${y}-${m}-10 02:00:00`, amount: credit, period: `${y}-${m}` });
    const n = Number(m);
    if (n % 2 === 1) events.push({ type: 'settlement', who: '张子涵', at: 'lzChildren', med: '11', time: `${y}-${m}-0${(n % 8) + 1} 19:20:00`, mulaid: `${30 + n * 3}.20`, fund: `${40 + n}.00`, cash: '0.00' });
    if (n % 3 === 1) events.push({ type: 'settlement', who: '张雨桐', at: 'lzPharmacy', med: '41', time: `${y}-${m}-1${n % 9} 20:45:00`, mulaid: `${18 + n}.50`, cash: '0.00' });
    if (n % 4 === 2) events.push({ type: 'settlement', who: '张德明', at: 'yzClinic', med: '140104', time: `${y}-${m}-2${n % 8} 09:05:00`, mulaid: '72.30', fund: '210.00', cash: '15.70' });
    if (n % 5 === 0) events.push({ type: 'settlement', who: '赵桂英', at: 'lzPharmacy', med: '41', time: `${y}-${m}-1${n % 7} 15:10:00`, mulaid: '56.80', cash: '0.00' });
    if (n % 6 === 3) events.push({ type: 'settlement', who: '张伟', at: 'lzHospital', med: '12', time: `${y}-${m}-0${n % 9 + 1} 08:10:00`, acct: '25.00', cash: '0.00' });
    if (n === 8) events.push({ type: 'settlement', who: '刘芳', at: 'lzProvincial', med: '11', time: `${y}-${m}-21 10:30:00`, mulaid: '128.40', fund: '96.00', cash: '20.00' });
  }
  // An inpatient stay of the father: the fund pays most.
  events.push({ type: 'settlement', who: '张德明', at: 'lzProvincial', med: '21', time: '2025-03-17 14:00:00', mulaid: '600.00', fund: '8420.55', cash: '1312.45' });
  for (const [who, y, t] of [['张德明', 2025, '2024-12-15'], ['赵桂英', 2025, '2024-12-15'], ['张子涵', 2025, '2024-12-15'], ['张雨桐', 2025, '2024-12-15'],
    ['张德明', 2026, '2025-12-12'], ['赵桂英', 2026, '2025-12-12'], ['张子涵', 2026, '2025-12-12'], ['张雨桐', 2026, '2025-12-12']]) {
    events.push({ type: 'contribution', who, time: `${t} 11:00:00`, amount: y === 2025 ? '380.00' : '400.00', year: y });
  }
  const refunded = { type: 'settlement', who: '张雨桐', at: 'lzPharmacy', med: '41', time: '2026-09-04 18:30:00', mulaid: '89.90', cash: '0.00' };
  events.push(refunded, { type: 'refund', of: refunded, time: '2026-09-05 10:02:00' });
  // 医保钱包 transfers to the brother insured in Shaanxi (cross-province: wallet, not binding).
  events.push({ type: 'transfer', time: '2026-02-06 10:15:00', amount: '300.00', to: brother });
  events.push({ type: 'transfer', time: '2026-10-09 09:40:00', amount: '500.00', to: brother });
  // From the 2026 notice: a 共济额度 for the brother, raised once; he spends from it in 西安.
  events.push({ type: 'quota', action: 'set', who: '张强', time: '2026-03-02 09:30:00', amount: '600.00' });
  const fromQuota = [
    { type: 'settlement', who: '张强', at: 'xaPharmacy', med: '41', time: '2026-04-18 16:20:00', mulaid: '86.40', cash: '0.00' },
    { type: 'settlement', who: '张强', at: 'xaClinic', med: '11', time: '2026-08-23 10:05:00', mulaid: '152.00', fund: '210.00', cash: '0.00' },
  ];
  events.push(fromQuota[0], { type: 'quota', action: 'change', who: '张强', time: '2026-07-15 20:10:00', amount: '800.00' }, fromQuota[1]);
  const ledger = ledgerFor({ holder, members, openingBalc: '4380.00', openingDate: '2024-01-01', source: 'online', events });
  // What the wallet endpoint serves: the quota as set now and what was used of it (fen sums).
  const used = fromQuota.reduce((sum, e) => sum + fen(e.mulaid), 0);
  const quotas = [{
    psn_no: brother.baseinfo.psn_no, psn_name: brother.baseinfo.psn_name, certno: brother.baseinfo.certno, relation: '73',
    insuplc_admdvs: brother.insuinfo.insuplc_admdvs, amount: '800.00', used: yuan(used), set_at: '2026-03-02',
  }];
  return { holder, members, ledger, brother, quotas };
}

/**
 * Everything the endpoint knows: the two holders (who can log in), and the people a holder
 * may try to bind (found by ID number and name), each with their 1101-style insurance data.
 */
export function sampleData() {
  const dx = dingxiFamily();
  const lz = lanzhouFamily();
  const candidates = [
    // 定西: a grandson (近亲属 from 2024), a son-in-law (姻亲, never).
    person({ name: '王小明', region: '621102', birth: '2016-06-01', sex: 'male', serial: 105, insutype: '390', psnType: '1401' }),
    person({ name: '陈志刚', region: '621121', birth: '1980-10-10', sex: 'male', serial: 116, insutype: '310', psnType: '1101', base: '4800' }),
    // 兰州: a father-in-law (姻亲), a sister, a great-aunt whose insurance lapsed.
    person({ name: '刘建军', region: '620105', birth: '1960-04-22', sex: 'male', serial: 127, insutype: '390', psnType: '1601' }),
    person({ name: '张雪', region: '620102', birth: '1993-08-08', sex: 'female', serial: 138, insutype: '390', psnType: '1501' }),
    person({ name: '马秀英', region: '620121', birth: '1949-01-15', sex: 'female', serial: 149, insutype: '390', psnType: '1601', status: '4' }),
    lz.brother,
  ];
  return {
    holders: [
      { person: dx.holder, ledger: dx.ledger, members: dx.members, region: '定西' },
      { person: lz.holder, ledger: lz.ledger, members: lz.members, region: '兰州', quotas: lz.quotas },
      // Third, so the two families keep their places: the daughter who helps her father (代办).
      helperAccount(dx.daughter),
    ],
    people: [dx.holder, lz.holder, ...dx.members.map((m) => m.person), ...lz.members.filter((m) => m.person !== lz.brother).map((m) => m.person), ...candidates],
  };
}
