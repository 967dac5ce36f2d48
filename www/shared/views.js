// Page-level view functions. They run NEXT TO THE CORE, behind the core port
// (core-service.js calls them; shells never import this file): each takes the gongji module
// (`core`) and what the endpoint sent, and returns a whole view model — strings ready to
// show, amounts already formatted with their spoken form for screen readers — so that one
// port call builds one page, whether the core is in this thread or in a Worker. Every rule,
// number and message comes from `core`; only chrome labels come from labels.js.

import { currentScript, t } from './labels.js';
import { plainRelation } from './relation-picker.js';

/** @typedef {typeof import('../../pkg/web/gongji.js')} Core */
/** @typedef {import('../../pkg/web/gongji.js').Ledger} Ledger */

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

/** A caught error (as the port carries it: {name, code, message, slots}) as {code, message}
 * (and `hotline` when the message asks the user to call): core errors carry their text
 * already, ShellErrors a code and perhaps slots. `region`: the holder's insuplc_admdvs.
 * @param {Core} core
 */
export function errorView(core, error, { region = '' } = {}) {
  const code = (error && typeof error.code === 'string' && error.code) || 'BOUNDARY_INTERNAL';
  // The core's own guard decides (it reads a plain copy as well as a thrown Error).
  if (core.isGongjiError(error) && typeof error.message === 'string') return { code, message: error.message };
  // A message that says "call" names the hotline of the holder's region, with its area code,
  // and hands it to the shell to make tappable (tel:, makePhoneCall).
  if (String(core.messageFor(code) ?? '').includes('{hotline}')) {
    const hotline = core.hotlineFor(text(region));
    return { code, message: messageText(core, code, Object.assign({}, error && error.slots, { hotline })), hotline };
  }
  return { code, message: messageText(core, code, error && error.slots) };
}

const EMPTY_AMOUNT = Object.freeze({ text: '—', spoken: '', amount: '' });
const blank = (amount) => amount === null || amount === undefined || amount === '';

/**
 * Many amounts for display in one pass: the figures through one formatYuanMany call, the
 * spoken form (for screen readers) through one toSpokenChineseMany, and 大写 through one
 * toChineseUppercaseMany on request — a whole page in two or three crossings, whatever its
 * length. Hidden amounts are said as such, not spoken. Blank amounts show "—".
 * @param {Core} core
 * @param {Array<string | number | null | undefined>} amounts
 * @param {{masked?: boolean, upper?: boolean}} [options]
 */
export function amountViews(core, amounts, { masked = false, upper = false } = {}) {
  const present = amounts.filter((a) => !blank(a)).map(String);
  if (present.length === 0) return amounts.map(() => ({ ...EMPTY_AMOUNT }));
  const texts = core.formatYuanMany(present, { masked });
  const uppers = upper ? core.toChineseUppercaseMany(present) : null;
  const spoken = masked ? null : core.toSpokenChineseMany(present);
  const hidden = masked ? t('hideAmounts') : '';
  let next = 0;
  return amounts.map((raw) => {
    if (blank(raw)) return { ...EMPTY_AMOUNT };
    const at = next;
    next += 1;
    const amount = present[at];
    const view = { amount, text: texts[at], spoken: spoken ? spoken[at] : hidden, negative: amount.startsWith('-') };
    if (uppers) view.upper = uppers[at];
    return view;
  });
}

/** One amount for display (see amountViews).
 * @param {Core} core
 */
export function amountView(core, amount, options = {}) {
  return amountViews(core, [amount], options)[0];
}

/** Errors of a form by field, as the user types (empty fields stay quiet until submitted). */
function byField(result, values) {
  const fields = {};
  for (const e of result.errors ?? []) {
    if ((values[e.field] ?? '') === '' && !values.submitted) continue;
    if (!fields[e.field]) fields[e.field] = e.message;
  }
  return fields;
}

const text = (value) => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));

/**
 * The login form: errors by field, and what to send (trimmed, the ID number as the core
 * normalises it). `smsOnly` checks the two fields the SMS request needs.
 * @param {Core} core
 */
export function loginForm(core, values, { smsOnly = false } = {}) {
  const form = { certno: text(values.certno), phone: text(values.phone), smsCode: smsOnly ? '000000' : text(values.smsCode) };
  const result = core.validateForm('login', form, undefined);
  const errors = byField(result, { ...form, submitted: values.submitted || smsOnly });
  if (smsOnly) delete errors.smsCode;
  const ok = Object.keys(errors).length === 0 && (smsOnly || Boolean(result.ok));
  const id = core.validateResidentId(form.certno);
  const payload = ok ? { certno: id.valid && id.normalized ? id.normalized : form.certno.trim(), phone: form.phone.trim(), smsCode: form.smsCode.trim() } : null;
  if (payload && smsOnly) delete payload.smsCode;
  return { ok, errors, payload };
}

/** The second login's form (身份证号 + 社保卡号 + 验证码): field errors from the core and the
 * payload with the ID and card numbers as the core normalises them.
 * @param {Core} core
 */
export function cardLoginForm(core, values) {
  const form = { certno: text(values.certno), cardNo: text(values.cardNo), captcha: text(values.captcha) };
  const result = core.validateForm('cardLogin', form, undefined);
  const errors = byField(result, { ...form, submitted: values.submitted });
  const ok = Boolean(result.ok);
  if (!ok) return { ok, errors, payload: null };
  const id = core.validateResidentId(form.certno);
  const card = core.validateCardNumber(form.cardNo);
  const answer = core.validateCaptchaAnswer(form.captcha);
  return { ok, errors, payload: { certno: id.normalized || form.certno.trim(), cardNo: card.normalized || form.cardNo.trim(), captcha: answer.normalized || form.captcha.trim() } };
}

/** The bind form: its own field errors (name, ID number, relation, phone) and what to send,
 * the ID number normalised by the core (never an upper-casing of the shell's own).
 * @param {Core} core
 */
export function bindForm(core, values) {
  const form = { name: text(values.name), certno: text(values.certno), relation: text(values.relation), phone: text(values.phone) };
  const result = core.validateForm('bind', form, undefined);
  const errors = byField(result, { ...form, submitted: values.submitted });
  const ok = Boolean(result.ok);
  if (!ok) return { ok, errors, payload: null };
  const id = core.validateResidentId(form.certno);
  const name = core.validateName(form.name);
  return {
    ok,
    errors,
    payload: { certno: id.normalized || form.certno.trim(), psn_name: name.normalized || form.name.trim(), relation: form.relation, phone: form.phone.trim() },
  };
}

const TYPE_LABELS = { credit: 'typeCredit', transfer: 'typeTransfer', settlement: 'typeSettlement', refund: 'typeRefund', contribution: 'typeContribution' };
export const RECORD_TYPES = Object.keys(TYPE_LABELS);
export const typeLabel = (type) => t(TYPE_LABELS[type] ?? 'typeSettlement');

/**
 * The lifecycle table from the core (`bindingStates()`): each state with its label, the events
 * allowed from it, and those the holder performs himself — the only buttons a shell offers
 * (the others are the relative's, the 经办机构's, or happen by themselves).
 * @param {Core} core
 * @returns {Record<string, {label: string, events: string[], holderEvents: string[]}>}
 */
export function lifecycleTable(core) {
  const table = {};
  for (const info of core.bindingStates()) {
    const allowed = info.events ?? [];
    table[info.state] = {
      label: info.label,
      events: allowed.map((e) => e.event),
      holderEvents: allowed.filter((e) => e.by === 'holder').map((e) => e.event),
    };
  }
  return table;
}

/** The relation name of a GB/T 4761 code, from the core's table.
 * @param {Core} core
 */
export function relationName(core, code) {
  return core.relationName(text(code)) ?? text(code);
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
 * @param {{person: any, ledger: Ledger, bindings: any[], wallet?: {balc?: string, quotas?: any[]} | null, now: string, masked?: boolean}} account
 */
export function homeView(core, { person, ledger, bindings, wallet, now, masked }) {
  const balc = ((person.insuinfo ?? [])[0] ?? {}).balc;
  const fresh = ledger.freshness(now);
  const active = (bindings ?? []).filter((b) => b.state === 'active');
  // The quotas (2026): the balance less the unused quotas is what the holder — and the
  // relatives bound in the province, who spend from his account — can still use; the
  // quotas are kept for the relatives in other provinces. The core computes both
  // (quotaSummary); quotas that could not be read show "—", never a guess.
  const quotas = quotasView(core, { wallet: wallet === undefined ? { balc, quotas: [] } : wallet && { ...wallet, balc }, masked });
  const [balance, familyCanDraw] = amountViews(core, [balc, active.length ? (quotas.known ? quotas.available.amount : null) : '0.00'], { masked });
  return {
    holderName: core.maskName(person.baseinfo.psn_name),
    balance,
    familyCanDraw,
    quotasSet: quotas.unusedTotal,
    holderCanUse: quotas.available,
    quotaCount: quotas.quotas.length,
    quotaProblems: quotas.problems,
    // What each figure is, in the core's words (#14): the balance, what the family can use.
    balanceMeans: messageText(core, 'SHELL_HOME_BALANCE_MEANS'),
    familyMeans: messageText(core, 'SHELL_HOME_FAMILY_MEANS'),
    // What each bound relative can use: in the province, the holder's balance; a relative
    // with a 共济额度 (another province, through the 医保钱包), what is left of it.
    // Relatives shared with only through the wallet are listed too (they have no binding here).
    activeMembers: [
      ...active.map((b) => {
        const quota = quotas.quotas.find((q) => q.psnNo === b.psn_no);
        return {
          name: core.maskName(b.psn_name),
          relation: relationName(core, b.relation),
          canUse: quota ? messageText(core, 'SHELL_HOME_MEMBER_QUOTA', { unused: quota.unused.text }) : messageText(core, 'SHELL_HOME_MEMBER_BALANCE'),
        };
      }),
      ...quotas.quotas.filter((q) => !active.some((b) => b.psn_no === q.psnNo)).map((q) => ({
        name: q.name,
        relation: q.relation,
        canUse: messageText(core, 'SHELL_HOME_MEMBER_QUOTA', { unused: q.unused.text }),
      })),
    ],
    freshness: {
      asOf: fresh.asOf ?? '—',
      source: fresh.source === 'counter' ? t('sourceCounter') : t('sourceOnline'),
      notices: (fresh.notices ?? []).map((n) => n.message),
      taken: messageText(core, 'SHELL_HOME_TAKEN', { source: fresh.source === 'counter' ? t('sourceCounter') : t('sourceOnline'), asOf: fresh.asOf ?? '—' }),
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
  const f = filters ?? {};
  if (f.from) query.from = f.from;
  if (f.to) query.to = f.to;
  if (f.member) query.members = [f.member];
  if (f.type) query.types = [f.type];
  if (f.institution) query.institution = f.institution;
  return query;
}

/** The same filters without paging, for sums, months and exports. */
export function matchQuery(filters) {
  const { limit, offset, order, ...query } = historyQuery(filters);
  return query;
}

/** 交易明细: one page of records, sums over the whole match, options for the filters.
 * With `chart`, the monthly bars of the same match come along (one port call per page).
 * @param {Core} core
 * @param {Ledger} ledger
 */
export function historyView(core, ledger, filters, { page = 1, pageSize = 20, masked = false, upper = false, chart = false } = {}) {
  const result = ledger.query(historyQuery(filters, { page, pageSize }));
  const pages = Math.max(1, Math.ceil(result.total / pageSize));
  const billed = (item) => item.type === 'settlement' || item.type === 'refund';
  const sums = Object.entries(result.sums);
  // Every amount of the page in one batch: each item's change, the bills, then the sums.
  const amounts = [
    ...result.items.map((item) => item.accountChange),
    ...result.items.filter(billed).map((item) => item.amount),
    ...sums.map(([, value]) => value),
  ];
  const views = amountViews(core, amounts, { masked, upper });
  const changes = views.slice(0, result.items.length);
  const bills = views.slice(result.items.length, amounts.length - sums.length);
  const sumViews = views.slice(amounts.length - sums.length);
  let bill = 0;
  const view = {
    total: result.total,
    page,
    pages,
    pageText: t('pageOf', { page, pages, total: result.total }),
    items: result.items.map((item, i) => ({
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
      amount: changes[i],
      bill: billed(item) ? bills[bill++] : null,
    })),
    sums: sums.map(([key], i) => ({ key, amount: sumViews[i] })),
  };
  if (chart) return { ...view, months: monthlyView(core, ledger, filters, { masked }) };
  return view;
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

/** The history page's filter options: members, record types, institutions.
 * @param {Core} core
 * @param {Ledger} ledger
 */
export function historyOptions(core, ledger, person, bindings) {
  return {
    members: memberOptions(core, person, bindings),
    types: RECORD_TYPES.map((k) => ({ value: k, label: typeLabel(k) })),
    institutions: institutionOptions(ledger),
  };
}

/** Monthly bars: one entry per month with credited and spent, heights relative to the max.
 * @param {Core} core
 * @param {Ledger} ledger
 */
export function monthlyView(core, ledger, filters, { masked = false } = {}) {
  const months = ledger.monthly(matchQuery(filters));
  const fen = (v) => Math.abs(Math.round(Number(v) * 100)); // for bar heights only, never shown
  const max = Math.max(1, ...months.map((m) => Math.max(fen(m.credited), fen(m.spentOwn) + fen(m.spentFamily))));
  const views = amountViews(core, months.flatMap((m) => [m.credited, m.spentOwn, m.spentFamily]), { masked });
  return months.map((m, i) => ({
    month: m.month,
    credited: views[3 * i],
    spentOwn: views[3 * i + 1],
    spentFamily: views[3 * i + 2],
    creditedRatio: fen(m.credited) / max,
    spentOwnRatio: fen(m.spentOwn) / max,
    spentFamilyRatio: fen(m.spentFamily) / max,
  }));
}

/** The print view of 交易明细 — the statement a counter hands out: the period, the holder
 * (masked name and ID number), the opening balance, credits, debits by kind, the closing
 * balance (every total also in 人民币大写), the issue time in China time (all from the core's
 * `Ledger#statement`, which reads only the period of the filters), then every selected row (up
 * to the ledger's 10,000-row page), each amount also in 大写.
 * @param {Core} core
 * @param {Ledger} ledger
 * @param {number|string} now  a JS timestamp (or China-time text), for the issue time
 * @param {{rows?: boolean}} [options]  `rows: false` leaves the rows out (a mini-program page)
 */
export function statementView(core, ledger, person, filters, now, options = {}) {
  const { rows = true } = options;
  const statement = ledger.statement(matchQuery(filters), now);
  const totals = [statement.openingBalance, statement.credits, ...statement.debits.map((d) => d.amount), statement.debitsTotal, statement.closingBalance];
  const views = amountViews(core, totals, { upper: true });
  const debits = statement.debits.map((d, i) => ({ kind: d.kind, name: d.name, amount: views[2 + i] }));
  // A mini-program page holds only the head (its data must stay small); the rows go in the file.
  const view = rows ? historyView(core, ledger, filters, { page: 1, pageSize: 10000, upper: true }) : { items: [], pageText: '' };
  return {
    holderName: core.maskName(person.baseinfo.psn_name),
    holderId: core.maskResidentId(person.baseinfo.certno),
    from: statement.from ?? '',
    to: statement.to ?? '',
    issuedAt: statement.issuedAt,
    opening: views[0],
    credits: views[1],
    debits,
    debitsTotal: views[views.length - 2],
    closing: views[views.length - 1],
    records: statement.records,
    notice: statement.notice ?? null,
    items: view.items,
    pageText: view.pageText,
  };
}

/** 家庭成员: the bindings with masked ID numbers, relation names and states; the holder's
 * buttons (unbind) follow from the core's lifecycle table, never from a list of our own.
 * @param {Core} core
 * @param {Record<string, {label: string, events: string[], holderEvents: string[]}>} lifecycle
 */
export function bindingsView(core, bindings, lifecycle) {
  return (bindings ?? []).map((b) => {
    const entry = lifecycle[b.state];
    const events = entry ? entry.holderEvents : [];
    return {
      psnNo: b.psn_no,
      name: core.maskName(b.psn_name),
      certno: core.maskResidentId(b.certno),
      relation: relationName(core, b.relation),
      state: b.state,
      stateName: entry ? entry.label : text(b.state),
      since: b.bound_at ?? b.invited_at ?? '',
      until: b.unbound_at ?? '',
      events,
      canUnbind: events.includes('unbind'),
    };
  });
}

/** The eligibility decision for binding `member`, as the bind form shows it.
 * @param {Core} core
 */
export function eligibilityView(core, { holder, member, relation, date, bindings }) {
  const existing = (bindings ?? []).map((b) => ({ holderCertno: holder.certno, memberCertno: b.certno, state: b.state }));
  const decision = core.checkBinding({ holder, member, relation, date, bindings: existing });
  const channel = decision.channel === 'wallet' ? 'wallet' : 'province';
  const eligible = Boolean(decision.eligible);
  return {
    eligible,
    // "wallet": a relative insured in another province, who shares through the holder's
    // 医保钱包 and a 共济额度 (2026 notice) — the shell offers the quota form, not a binding.
    channel,
    memberName: member && typeof member.psn_name === 'string' ? core.maskName(member.psn_name) : '',
    verdict: eligible ? t(channel === 'wallet' ? 'eligibleWallet' : 'eligible') : t('notEligible'),
    reasons: (decision.reasons ?? []).map((r) => ({ code: r.code, message: r.message })),
    warnings: (decision.warnings ?? []).map((w) => ({ code: w.code, message: w.message })),
    policy: policyView(decision.policy),
    needsFaceCheck: Boolean(decision.needsFaceCheck),
    retry: false,
  };
}

/** The policy a decision applied ({id, title, document, effective} from the core), with the
 * one line every shell shows beside the answer — so an old screenshot cannot pass for the
 * rule in force. */
export function policyView(policy) {
  if (!policy) return null;
  return { ...policy, text: `${policy.title}（${policy.document}，${t('effectiveFrom')} ${policy.effective}）` };
}

/** The quota entries as the core reads them, from the endpoint's GET /wallet/quotas. */
const quotaEntries = (quotas) => (quotas ?? []).map((q) => ({ psn_no: q.psn_no, amount: q.amount, used: q.used }));

const sentAmount = (core, typed) => {
  const parsed = core.checkYuan(typed);
  return parsed.valid && parsed.value ? parsed.value : typed;
};

/**
 * 共济额度 as the user types an amount for `psnNo` (new or changed): the core's checkQuota
 * against the balance and the other quotas, with the policy it applied.
 * @param {Core} core
 * @param {{amountText: string, psnNo: string, wallet: {balc: string, quotas: any[]}, date: string, region: string}} request
 */
export function quotaCheck(core, { amountText, psnNo, wallet, date, region }) {
  const typed = text(amountText).trim();
  const decision = core.checkQuota({ balance: wallet.balc, quotas: quotaEntries(wallet.quotas), psnNo: text(psnNo), amount: typed, date, region: text(region) });
  const [amount, maxAmount, availableBefore, availableAfter] = amountViews(core, [decision.allowed ? typed : null, decision.maxAmount, decision.availableBefore, decision.availableAfter]);
  return {
    ok: Boolean(decision.allowed),
    amount: decision.allowed ? amount : null,
    maxAmount,
    availableBefore,
    availableAfter,
    reasons: (decision.reasons ?? []).map((r) => ({ code: r.code, message: r.message })),
    policy: policyView(decision.policy),
    // What the endpoint is sent: the amount as the core reads it (full-width digits or a
    // stray space typed on a phone become the plain decimal string the endpoint expects).
    payload: decision.allowed ? { amount: sentAmount(core, typed) } : null,
  };
}

/**
 * The quotas set (relative's masked name, relation, set / used / unused) and the figures the
 * core derives from them: the balance, Σ unused, what the holder can still use himself.
 * `wallet` null (the quotas could not be read) shows "—" rather than a guess.
 * @param {Core} core
 */
export function quotasView(core, { wallet, masked = false }) {
  const known = wallet && Array.isArray(wallet.quotas);
  const summary = core.quotaSummary({ balance: known ? wallet.balc : undefined, quotas: known ? quotaEntries(wallet.quotas) : [] });
  const rows = known ? wallet.quotas : [];
  const byPsn = new Map((summary.quotas ?? []).map((q) => [q.psnNo, q]));
  const amounts = rows.flatMap((q) => {
    const read = byPsn.get(q.psn_no);
    return [read ? read.amount : null, read ? read.used : null, read ? read.unused : null];
  });
  const views = amountViews(core, [summary.balance, summary.unusedTotal, summary.available, ...amounts], { masked });
  return {
    known: Boolean(known),
    balance: views[0],
    unusedTotal: views[1],
    available: views[2],
    explained: messageText(core, 'QUOTA_EXPLAINED'),
    problems: (summary.problems ?? []).map((p) => ({ code: p.code, message: p.message })),
    quotas: rows.map((q, i) => ({
      psnNo: q.psn_no,
      name: core.maskName(q.psn_name),
      relation: relationName(core, q.relation),
      since: q.set_at ?? '',
      amount: views[3 + 3 * i],
      used: views[4 + 3 * i],
      unused: views[5 + 3 * i],
    })),
  };
}

/**
 * Before a release, what it does (the core's releaseQuota): the unused part that returns and
 * what the holder can use afterwards — the confirmation says it, since it cannot be undone.
 * @param {Core} core
 */
export function quotaReleaseView(core, { wallet, psnNo }) {
  const release = core.releaseQuota({ balance: wallet.balc, quotas: quotaEntries(wallet.quotas), psnNo: text(psnNo) });
  const [returned, availableAfter] = amountViews(core, [release.returned, release.availableAfter]);
  const confirm = release.released ? t('confirmRelease', { returned: returned.text, available: availableAfter.text }) : '';
  return {
    released: Boolean(release.released),
    returned,
    availableAfter,
    confirm,
    reasons: (release.reasons ?? []).map((r) => ({ code: r.code, message: r.message })),
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
  const views = amountViews(core, [...result.items.map((item) => item.amount), result.sums.credit, estimate.amount ?? null], { masked });
  return {
    history: result.items.map((item, i) => ({ period: item.period ?? item.time.slice(0, 7), time: item.time, amount: views[i] })),
    total: views[result.items.length],
    estimate: {
      status: estimate.status,
      amount: estimate.amount ? views[result.items.length + 1] : null,
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
  const typed = core.checkYuan(text(amountText));
  if (!typed.valid) return { ok: false, amount: null, amountView: null, reasons: [{ code: typed.code, message: typed.message }], document: '' };
  const decision = core.checkWalletTransfer({ amount: typed.value, at: wallet.server_time, transfersToday: wallet.transfers_today, pending: wallet.pending });
  return {
    ok: Boolean(decision.allowed),
    amount: typed.value,
    amountView: amountView(core, typed.value),
    reasons: (decision.reasons ?? []).map((r) => ({ code: r.code, message: r.message })),
    document: decision.document ?? '',
  };
}

/** 医保钱包 submit: the payee's name and ID number and every wallet rule, checked at once;
 * the payload is what the endpoint is sent (the ID number as the core normalises it).
 * @param {Core} core
 */
export function transferForm(core, { values, wallet }) {
  const id = core.validateResidentId(text(values.certno));
  const name = core.validateName(text(values.name));
  const check = walletCheck(core, { amountText: values.amount, wallet });
  const errors = { certno: id.valid ? '' : id.message, name: name.valid ? '' : name.message };
  // An empty amount is said at its field once the user submits.
  if (check.amount === null && text(values.amount) === '') errors.amount = check.reasons[0] ? check.reasons[0].message : '';
  const ok = check.ok && id.valid && name.valid;
  return {
    ok,
    errors,
    check,
    payload: ok ? { amount: check.amount, payee_certno: id.normalized, payee_name: name.normalized || text(values.name).trim() } : null,
  };
}

/** 医保钱包: the transfers already made, names masked, amounts (hideable) formatted.
 * @param {Core} core
 */
export function walletView(core, wallet, { masked = false } = {}) {
  const transfers = wallet.transfers ?? [];
  const views = amountViews(core, transfers.map((tr) => tr.amount), { masked });
  return {
    transfersToday: wallet.transfers_today,
    pending: Boolean(wallet.pending),
    transfers: transfers.map((tr, i) => ({ id: tr.id, time: tr.time, name: core.maskName(tr.to_psn_name), amount: views[i], pending: tr.state === 'pending' })),
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

/** The demo server's sample logins (demo mode only), ID numbers and phones masked.
 * @param {Core} core
 */
export function demoLogins(core, logins) {
  return (logins ?? []).map((login) => ({ certno: login.certno, phone: login.phone, card_no: login.card_no ?? '', label: `${login.label}：${core.maskResidentId(login.certno)} / ${core.maskPhone(login.phone)}` }));
}

/**
 * 钱能用在哪 (#14): what the shared account may pay for under the policy in force for the
 * holder today (his region, the set's use categories through checkUse — an updated set
 * changes the lists), the set's guidance beside the rules (the card rule, 亲情账户 and 家庭共济,
 * 提取) with its sources, the deduction order in the core's words, and who can be chosen in
 * the payment preview: the holder himself, each bound relative, each relative with a 共济额度.
 * @param {Core} core
 * @param {any} set  the PolicySet in use
 */
export function usesView(core, set, { person, bindings, wallet, date }) {
  const region = text(((person.insuinfo ?? [])[0] ?? {}).insuplc_admdvs);
  const allowed = [];
  const never = [];
  let policy = null;
  for (const category of set.useCategories()) {
    const decision = core.checkUse({ use: category.id, date, region });
    (decision.allowed ? allowed : never).push({ id: category.id, name: decision.categoryName });
    policy = policy ?? decision.policy ?? null;
  }
  return {
    allowed,
    never,
    policy,
    order: messageText(core, 'PAY_ORDER_EXPLAINED'),
    guidance: set.guidance(),
    patients: patientsOf(core, bindings, wallet),
  };
}

/** Who may be the patient of a preview: the holder, bound relatives, quota relatives. */
function patientsOf(core, bindings, wallet) {
  const active = (bindings ?? []).filter((b) => b.state === 'active');
  const quotas = wallet && Array.isArray(wallet.quotas) ? wallet.quotas : [];
  // The relation in the words people use (儿子, not 子), as the picker and 首页 say it.
  const label = (p) => `${core.maskName(p.psn_name)}（${plainRelation(relationName(core, p.relation), currentScript())}）`;
  return [
    { value: 'self', label: t('patientSelf') },
    ...active.map((b) => ({ value: b.psn_no, label: label(b) })),
    ...quotas.filter((q) => !active.some((b) => b.psn_no === q.psn_no)).map((q) => ({ value: q.psn_no, label: label(q) })),
  ];
}

/**
 * The payment preview (#14), through the core's previewPayment: the patient's own account
 * first, then the holder's account — within the province his balance, less the quotas he
 * keeps for relatives elsewhere; for a relative with a 共济额度, at most what is left of it —
 * then cash. A typed amount the core refuses comes back as a field error, not a throw.
 * @param {Core} core
 */
export function paymentPreviewView(core, { person, wallet, patient, selfPay, ownBalance }) {
  const balc = ((person.insuinfo ?? [])[0] ?? {}).balc;
  const quotas = wallet && Array.isArray(wallet.quotas) ? wallet.quotas : [];
  const forSelf = !patient || patient === 'self';
  // What the user typed, read by the core as a form reads money (¥, commas, full-width digits);
  // the relative's own balance may stay empty (not known to the holder).
  const errors = {};
  const typed = core.checkYuan(text(selfPay));
  if (!typed.valid) errors.selfPay = typed.message;
  let typedOwn = null;
  if (!forSelf && text(ownBalance).trim() !== '') {
    typedOwn = core.checkYuan(text(ownBalance));
    if (!typedOwn.valid) errors.ownBalance = typedOwn.message;
  }
  if (Object.keys(errors).length) return { ok: false, errors, lines: [] };
  // What the holder keeps for relatives other than `except` (never drawn here).
  const reservedBut = (except) => core.quotaSummary({ balance: balc, quotas: quotaEntries(quotas.filter((q) => q.psn_no !== except)) }).unusedTotal;
  const quota = forSelf ? null : quotas.find((q) => q.psn_no === patient) ?? null;
  const request = forSelf
    ? { selfPay: typed.value, ownBalance: balc, ownReserved: reservedBut(null), holders: [] }
    : {
      selfPay: typed.value,
      ownBalance: typedOwn ? typedOwn.value : undefined,
      holders: [{
        psn_no: person.baseinfo.psn_no,
        psn_name: person.baseinfo.psn_name,
        balc,
        reserved: reservedBut(patient),
        quota: quota ? core.quotaSummary({ balance: balc, quotas: quotaEntries([quota]) }).quotas[0].unused : undefined,
      }],
    };
  // A negative amount passes checkYuan; previewPayment names it (PAY_AMOUNT_NEGATIVE).
  let split;
  try {
    split = core.previewPayment(request);
  } catch (error) {
    return { ok: false, errors: { selfPay: errorView(core, error).message }, lines: [] };
  }
  const [own, shared, cash, total] = amountViews(core, [split.ownAccount, split.sharedTotal, split.cash, split.selfPay]);
  const wallet2026 = Boolean(quota);
  return {
    ok: true,
    errors: {},
    total,
    lines: [
      { key: 'own', label: t('payOwn'), amount: own },
      ...(forSelf ? [] : [{ key: 'shared', label: wallet2026 ? t('payQuota') : t('payShared'), amount: shared }]),
      { key: 'cash', label: t('payCash'), amount: cash },
    ],
  };
}

/**
 * The statement as a file's text (the mini-programs' 对账单, #14): the core's
 * Ledger#statementCsv — the head with every total in 大写, then the rows the filters select.
 * @param {Core} core
 */
export function statementFile(core, ledger, filters, now) {
  return ledger.statementCsv(matchQuery(filters), now);
}
