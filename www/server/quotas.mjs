//! The stand-in endpoint's 共济额度 (quota) state and actions, for cross-province sharing
//! through the 医保钱包 (国家医保局、财政部 2026-01-09 notice): list, set or change, release.
//! Like the rest of the stand-in it holds no 家庭共济 rule of its own: api.mjs checks each
//! request with the core's checkBinding and checkQuota (the shells' rules) before this file
//! keeps the state consistent and writes each action into the
//! holder's history as a `quota` record, which never changes the balance.

const DECIMAL = /^\d{1,14}(\.\d{1,2})?$/;

const fen = (yuan) => {
  const [whole, part = ''] = String(yuan).split('.');
  return Number(whole) * 100 + Number((part + '00').slice(0, 2));
};
const yuan = (f) => `${Math.floor(f / 100)}.${String(f % 100).padStart(2, '0')}`;

/** The holder's quotas as the endpoint serves them (GET /wallet/quotas). */
export function listQuotas(holder, quotas, now) {
  return { server_time: now, balc: holder.ledger.account.balc, quotas: quotas.map((q) => ({ ...q })) };
}

/**
 * POST /wallet/quotas {certno, psn_name, relation, amount}: sets a quota for a relative (201)
 * or changes the one they have (200). A relative not yet in the history joins its members as a
 * wallet relation.
 */
export function setQuota(holder, quotas, person, body, now) {
  const amount = String(body.amount ?? '');
  if (!DECIMAL.test(amount) || fen(amount) === 0) return { status: 400, body: { code: 'SHELL_REQUEST_REJECTED' } };
  const { psn_no: psnNo, psn_name: name, certno } = person.baseinfo;
  const existing = quotas.find((q) => q.psn_no === psnNo);
  const ledger = holder.ledger;
  if (!ledger.members.some((m) => m.psn_no === psnNo)) {
    ledger.members.push({ psn_no: psnNo, psn_name: name, certno, relation: String(body.relation ?? ''), status: 'active', bound_at: now.slice(0, 10), unbound_at: null, channel: 'wallet' });
  }
  ledger.records.push({ type: 'quota', time: now, action: existing ? 'change' : 'set', psn_no: psnNo, psn_name: name, amount: yuan(fen(amount)) });
  if (existing) {
    existing.amount = yuan(fen(amount));
    return { status: 200, body: { quota: { ...existing } } };
  }
  const quota = { psn_no: psnNo, psn_name: name, certno, relation: String(body.relation ?? ''), insuplc_admdvs: person.insuinfo.insuplc_admdvs, amount: yuan(fen(amount)), used: '0.00', set_at: now.slice(0, 10) };
  quotas.push(quota);
  return { status: 201, body: { quota: { ...quota } } };
}

/** DELETE /wallet/quotas/{psn_no}: the unused part returns to the holder. */
export function releaseQuota(holder, quotas, psnNo, now) {
  const index = quotas.findIndex((q) => q.psn_no === psnNo);
  if (index < 0) return { status: 404, body: { code: 'SHELL_NOT_FOUND' } };
  const [quota] = quotas.splice(index, 1);
  const returned = yuan(Math.max(0, fen(quota.amount) - fen(quota.used)));
  holder.ledger.records.push({ type: 'quota', time: now, action: 'release', psn_no: quota.psn_no, psn_name: quota.psn_name, amount: returned });
  return { status: 200, body: { quota, returned } };
}
