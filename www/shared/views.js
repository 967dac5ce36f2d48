// Page logic shared by the web portal and both mini-programs: each function turns what the
// endpoint sent (through the core) into plain view data — strings ready to show, amounts
// already formatted with their spoken form for screen readers. The web renders it to DOM,
// the mini-programs pass it to setData. Every rule, number and message comes from `core`
// (the gongji module); only chrome labels come from labels.js.

import { t } from './labels.js';

/** @typedef {typeof import('../../pkg/web/gongji.js')} Core */
/** @typedef {import('../../pkg/web/gongji.js').Ledger} Ledger */

/** China local time ("yyyy-MM-dd HH:mm:ss", UTC+8) of a JS time: what the core compares. */
export function chinaTime(ms = Date.now()) {
  return new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * The catalog text of a code, slots filled; the code itself if the catalog lacks it.
 * @param {Core} core
 * @param {string} code
 * @param {Record<string, string | number>} [slots]
 */
export function messageText(core, code, slots) {
  let text = core.messageFor(code) ?? code;
  if (slots) for (const [name, value] of Object.entries(slots)) text = text.split(`{${name}}`).join(String(value));
  return text;
}

/** A caught error as {code, message}: core errors carry their text, ShellErrors a code.
 * @param {Core} core
 */
export function errorView(core, error) {
  const code = (error && error.code) || 'BOUNDARY_INTERNAL';
  if (error && error.name === 'GongjiError') return { code, message: error.message };
  return { code, message: messageText(core, code) };
}

/** An amount for display: text, the spoken form (aria-label) and, on request, 大写.
 * @param {Core} core
 */
export function amountView(core, amount, { masked = false, upper = false } = {}) {
  if (amount === null || amount === undefined || amount === '') return { text: '—', spoken: '', amount: '' };
  const view = {
    amount: String(amount),
    text: core.formatYuan(String(amount), { masked }),
    spoken: masked ? t('hideAmounts') : core.toSpokenChinese(String(amount)),
    negative: String(amount).startsWith('-'),
  };
  if (upper) view.upper = core.toChineseUppercase(String(amount));
  return view;
}

/** Errors of the login form, by field, as the user types (empty fields stay quiet).
 * @param {Core} core
 */
export function loginErrors(core, values) {
  const result = core.validateForm('login', { certno: values.certno ?? '', phone: values.phone ?? '', smsCode: values.smsCode ?? '' }, undefined);
  const byField = {};
  for (const e of result.errors ?? []) {
    if ((values[e.field] ?? '') === '' && !values.submitted) continue;
    if (!byField[e.field]) byField[e.field] = e.message;
  }
  return { ok: Boolean(result.ok), byField };
}

const TYPE_LABELS = { credit: 'typeCredit', transfer: 'typeTransfer', settlement: 'typeSettlement', refund: 'typeRefund', contribution: 'typeContribution' };
export const RECORD_TYPES = Object.keys(TYPE_LABELS);
export const typeLabel = (type) => t(TYPE_LABELS[type] ?? 'typeSettlement');

/** A binding state's name (待确认, 审核中, 正常 …) from the core's lifecycle table.
 * @param {Core} core
 */
export function stateLabel(core, state) {
  const found = core.bindingStates().find((s) => s.state === state);
  return found ? found.label : state;
}

/** The relation name of a GB/T 4761 code, from the core's table.
 * @param {Core} core
 */
export function relationName(core, code) {
  return core.relationName(code) ?? code;
}

/** The relations a bind form offers: every code the core knows except 本人/户主 (its "self" group).
 * @param {Core} core
 */
export function relationList(core) {
  return core.relations().filter((r) => !(r.groups ?? []).includes('self')).map((r) => ({ code: r.code, name: r.name }));
}

/**
 * 首页: balance, what the family can still draw on, data freshness, the bound family.
 * @param {Core} core
 * @param {{person: any, ledger: Ledger, bindings: any[], now: string, masked?: boolean}} account
 */
export function homeView(core, { person, ledger, bindings, now, masked }) {
  const balc = ((person.insuinfo ?? [])[0] ?? {}).balc;
  const fresh = ledger.freshness(now);
  const active = (bindings ?? []).filter((b) => b.state === 'active');
  return {
    holderName: core.maskName(person.baseinfo.psn_name),
    balance: amountView(core, balc, { masked }),
    // The whole balance backs the bound relatives' self-pay costs (their own account first,
    // then the holder's): what they can still draw on is that balance.
    familyCanDraw: amountView(core, active.length ? balc : '0.00', { masked }),
    activeMembers: active.map((b) => ({ name: core.maskName(b.psn_name), relation: relationName(core, b.relation) })),
    freshness: {
      asOf: fresh.asOf ?? '—',
      source: fresh.source === 'counter' ? t('sourceCounter') : t('sourceOnline'),
      notices: (fresh.notices ?? []).map((n) => n.message),
    },
  };
}

/**
 * The query object the ledger takes, from the history filters a page holds.
 * @returns {import('../../pkg/web/gongji.js').Query}
 */
export function historyQuery(filters, { page = 1, pageSize = 20 } = {}) {
  /** @type {import('../../pkg/web/gongji.js').Query} */
  const query = { order: 'desc', offset: (page - 1) * pageSize, limit: pageSize };
  if (filters.from) query.from = filters.from;
  if (filters.to) query.to = filters.to;
  if (filters.member) query.members = [filters.member];
  if (filters.type) query.types = [filters.type];
  if (filters.institution) query.institution = filters.institution;
  return query;
}

/** 交易明细: one page of records, sums over the whole match, options for the filters.
 * @param {Core} core
 * @param {Ledger} ledger
 */
export function historyView(core, ledger, filters, { page = 1, pageSize = 20, masked = false } = {}) {
  const query = historyQuery(filters, { page, pageSize });
  const result = ledger.query(query);
  const pages = Math.max(1, Math.ceil(result.total / pageSize));
  return {
    total: result.total,
    page,
    pages,
    pageText: t('pageOf', { page, pages, total: result.total }),
    items: result.items.map((item) => ({
      key: String(item.index),
      index: item.index,
      time: item.time,
      type: item.type,
      typeName: item.typeName ?? typeLabel(item.type),
      who: item.memberName ?? '',
      relation: item.relationName ?? '',
      institution: item.institutionName ?? '',
      medType: item.medTypeName ?? '',
      // What the record did to the holder's account (signed); settlements also show the bill.
      amount: amountView(core, item.accountChange, { masked }),
      bill: item.type === 'settlement' || item.type === 'refund' ? amountView(core, item.amount, { masked }) : null,
    })),
    sums: Object.entries(result.sums).map(([key, value]) => ({ key, amount: amountView(core, value, { masked }) })),
  };
}

/** The member filter's options: the holder, then every bound (or once bound) relative.
 * @param {Core} core
 */
export function memberOptions(core, person, bindings) {
  return [
    { value: person.baseinfo.psn_no, label: `${core.maskName(person.baseinfo.psn_name)} · ${t('self')}` },
    ...(bindings ?? []).filter((b) => b.state === 'active' || b.state === 'unbound')
      .map((b) => ({ value: b.psn_no, label: `${core.maskName(b.psn_name)} · ${relationName(core, b.relation)}` })),
  ];
}

/**
 * The institution filter's options: every institution the history mentions, once.
 * @param {Ledger} ledger
 */
export function institutionOptions(ledger) {
  const seen = new Map();
  for (const item of ledger.query({ types: ['settlement'], offset: 0, limit: 10000 }).items) {
    const code = item.institutionCode;
    if (code && !seen.has(code)) seen.set(code, item.institutionName ?? code);
  }
  return [...seen].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'zh'));
}

/** Monthly bars: one entry per month with credited and spent, heights relative to the max.
 * @param {Core} core
 * @param {Ledger} ledger
 */
export function monthlyView(core, ledger, filters, { masked = false } = {}) {
  const { limit, offset, order, ...query } = historyQuery(filters);
  const months = ledger.monthly(query);
  const fen = (v) => Math.abs(Math.round(Number(v) * 100)); // for bar heights only, never shown
  const max = Math.max(1, ...months.map((m) => Math.max(fen(m.credited), fen(m.spentOwn) + fen(m.spentFamily))));
  return months.map((m) => ({
    month: m.month,
    credited: amountView(core, m.credited, { masked }),
    spentOwn: amountView(core, m.spentOwn, { masked }),
    spentFamily: amountView(core, m.spentFamily, { masked }),
    creditedRatio: fen(m.credited) / max,
    spentOwnRatio: fen(m.spentOwn) / max,
    spentFamilyRatio: fen(m.spentFamily) / max,
  }));
}

/** 家庭成员: the bindings with masked ID numbers, relation names and states.
 * @param {Core} core
 */
export function bindingsView(core, bindings) {
  return (bindings ?? []).map((b) => ({
    psnNo: b.psn_no,
    name: core.maskName(b.psn_name),
    certno: core.maskResidentId(b.certno),
    relation: relationName(core, b.relation),
    state: b.state,
    stateName: stateLabel(core, b.state),
    since: b.bound_at ?? b.invited_at ?? '',
    until: b.unbound_at ?? '',
    canUnbind: b.state === 'active' || b.state === 'invited' || b.state === 'reviewing',
  }));
}

/** The bind form's own field errors (name, ID number, relation, phone), by field.
 * @param {Core} core
 */
export function bindFormErrors(core, values) {
  const result = core.validateForm('bind', { name: values.name ?? '', certno: values.certno ?? '', relation: values.relation ?? '', phone: values.phone ?? '' }, undefined);
  const byField = {};
  for (const e of result.errors ?? []) {
    if ((values[e.field] ?? '') === '' && !values.submitted) continue;
    if (!byField[e.field]) byField[e.field] = e.message;
  }
  return { ok: Boolean(result.ok), byField };
}

/** The eligibility decision for binding `member`, as the bind form shows it.
 * @param {Core} core
 */
export function eligibilityView(core, { holder, member, relation, date, bindings }) {
  const existing = (bindings ?? []).map((b) => ({ holderCertno: holder.certno, memberCertno: b.certno, state: b.state }));
  const decision = core.checkBinding({ holder, member, relation, date, bindings: existing });
  return {
    eligible: Boolean(decision.eligible),
    verdict: decision.eligible ? t('eligible') : t('notEligible'),
    reasons: (decision.reasons ?? []).map((r) => ({ code: r.code, message: r.message })),
    warnings: (decision.warnings ?? []).map((w) => ({ code: w.code, message: w.message })),
    policy: decision.policy ?? null,
    needsFaceCheck: Boolean(decision.needsFaceCheck),
  };
}

/** The holder as checkBinding reads it: the 1101 record flattened to national field names. */
export function personForRules(person) {
  const info = (person.insuinfo ?? [])[0] ?? {};
  return { ...person.baseinfo, ...info };
}

/** 每月到账: the credits in the history and the core's estimate for this holder.
 * @param {Core} core
 * @param {Ledger} ledger
 */
export function creditsView(core, ledger, person, { date = undefined, masked = false } = {}) {
  const result = ledger.query({ types: ['credit'], order: 'desc', offset: 0, limit: 120 });
  const info = personForRules(person);
  const estimate = core.estimateMonthlyCredit({ psnType: info.psn_type, contributionBase: info.clct_base ?? undefined, region: info.insuplc_admdvs, date });
  return {
    history: result.items.map((item) => ({ period: item.period ?? item.time.slice(0, 7), time: item.time, amount: amountView(core, item.amount, { masked }) })),
    total: amountView(core, result.sums.credit, { masked }),
    estimate: {
      status: estimate.status,
      amount: estimate.amount ? amountView(core, estimate.amount, { masked }) : null,
      basis: estimate.basis ? estimate.basis.message : '',
      policy: estimate.policy ?? null,
      seeHistory: Boolean(estimate.seeAccountHistory),
    },
  };
}

/** 医保钱包: the transfer form's checks (amount, then every wallet rule) before submitting.
 * @param {Core} core
 */
export function walletCheck(core, { amountText, wallet }) {
  const typed = core.checkYuan(amountText ?? '');
  if (!typed.valid) return { ok: false, amount: null, reasons: [{ code: typed.code, message: typed.message }] };
  const decision = core.checkWalletTransfer({ amount: typed.value, at: wallet.server_time, transfersToday: wallet.transfers_today, pending: wallet.pending });
  return {
    ok: Boolean(decision.allowed),
    amount: typed.value,
    amountView: amountView(core, typed.value),
    reasons: (decision.reasons ?? []).map((r) => ({ code: r.code, message: r.message })),
    document: decision.document ?? '',
  };
}

/** 异常核对: the reconcile result, the anomalies, the records set aside, the hotline.
 * @param {Core} core
 * @param {Ledger} ledger
 */
export function checkView(core, ledger) {
  const result = ledger.reconcile();
  const rejected = ledger.rejected();
  return {
    ok: Boolean(result.ok) && rejected.length === 0,
    balanced: !result.notice && /^-?0(\.0+)?$/.test(String(result.difference)),
    difference: amountView(core, result.difference ?? '0.00'),
    notice: result.notice ? result.notice.message : '',
    anomalies: (result.anomalies ?? []).map((a) => ({ code: a.code, message: a.message, time: a.time ?? '', setlId: a.setlId ?? '' })),
    rejected: rejected.map((r) => ({ index: r.index, section: r.section, indexText: t('recordIndex', { index: r.index + 1 }), code: r.code, message: r.message })),
    rejectedNotice: rejected.length ? messageText(core, 'SHELL_RECORDS_SET_ASIDE', { count: rejected.length, hotline: result.hotline }) : '',
    hotline: result.hotline,
  };
}
