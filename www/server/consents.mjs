//! 代办 (helper mode) on the stand-in endpoint: a relative logged in with her own ID number and
//! SMS code views a holder's account once the holder has consented, by his own SMS code sent
//! to his own phone. Owns the consent records (who may view whose account, since when, until
//! when, withdrawn or not), the switch of a session to the account it views and back, and the
//! refusals, each with a stable code (data/messages/50-shell.tsv):
//! - SHELL_CONSENT_CODE_WRONG  the holder's code (or ID number / phone) did not match — one
//!   answer for all three, so the endpoint never says whether a number belongs to someone;
//! - SHELL_CONSENT_LOCKED      too many wrong holder codes (429, with the seconds left);
//! - SHELL_CONSENT_SELF        a consent to view one's own account;
//! - SHELL_CONSENT_NONE / _EXPIRED / _WITHDRAWN   viewing without a consent in force;
//! - SHELL_PROXY_READ_ONLY     anything but a read while viewing someone else's account.
//! Viewing is read-only: a helper may not bind, unbind, transfer or set quotas for the holder
//! (he does those himself, with his own login) — the safer choice for an elderly holder.
//! How long a consent lasts is data (consent-terms.json), UNVERIFIED: no published term found.

import fs from 'node:fs';
import { createLockout } from './lockout.mjs';

export const CONSENT_TERMS = JSON.parse(fs.readFileSync(new URL('./consent-terms.json', import.meta.url), 'utf8'));
const DAY_MS = 24 * 3600 * 1000;

/** What a helper viewing a holder's account may still do: read it, nothing else. */
const READS_WHILE_VIEWING = new Set(['GET /person', 'GET /ledger', 'GET /bindings', 'GET /wallet', 'GET /wallet/quotas']);

/**
 * @param {object} options
 * @param {() => number} options.now        ms since the epoch
 * @param {(ms: number) => string} options.chinaTime
 * @param {() => any} options.data           the endpoint's sample data (holders, people)
 * @param {string} options.smsCode          the code the stand-in accepts
 * @param {Function} options.send
 * @param {Function} options.error
 */
export function createConsents({ now, chinaTime, data, smsCode, send, error }) {
  let records = [];
  const lockout = createLockout(now, { max: CONSENT_TERMS.max_wrong_codes, windowMs: CONSENT_TERMS.wrong_code_window_minutes * 60 * 1000 });

  const holderByPsn = (psn) => data().holders.find((h) => h.person.baseinfo.psn_no === psn);
  const stateOf = (r) => (r.withdrawn_at !== null ? 'withdrawn' : r.expires_at <= now() ? 'expired' : 'active');
  /** The latest consent between a holder and a helper (a new one replaces the old). */
  const latest = (holderPsn, helperPsn) => records.filter((r) => r.holder_psn_no === holderPsn && r.helper_psn_no === helperPsn).at(-1) ?? null;
  const shown = (r) => ({
    holder_psn_no: r.holder_psn_no, holder_name: r.holder_name, holder_certno: r.holder_certno,
    helper_psn_no: r.helper_psn_no, helper_name: r.helper_name, helper_certno: r.helper_certno,
    granted_at: chinaTime(r.granted_at), expires_at: chinaTime(r.expires_at),
    withdrawn_at: r.withdrawn_at === null ? null : chinaTime(r.withdrawn_at), state: stateOf(r),
  });
  const REFUSAL = { withdrawn: 'SHELL_CONSENT_WITHDRAWN', expired: 'SHELL_CONSENT_EXPIRED' };
  /** Why `helperPsn` may not view `holderPsn` now, or null when she may. */
  function refusal(holderPsn, helperPsn) {
    const record = latest(holderPsn, helperPsn);
    if (!record) return 'SHELL_CONSENT_NONE';
    return REFUSAL[stateOf(record)] ?? null;
  }

  const routes = {
    // Always "sent", as for a login: whether a number belongs to someone is not the caller's.
    'POST /consents/sms': (req, res) => send(res, 200, { sent: true, resend_after_seconds: 60 }),
    'POST /consents': (req, res, s, body) => {
      const certno = body.certno.trim().toUpperCase();
      const left = lockout.secondsLeft(certno);
      if (left > 0) return error(res, 429, 'SHELL_CONSENT_LOCKED', { retry_after_seconds: left });
      const holder = data().holders.find((h) => h.person.baseinfo.certno === certno && h.person.phone === body.phone.trim());
      if (body.sms_code !== smsCode || !holder) {
        lockout.fail(certno);
        const after = lockout.secondsLeft(certno);
        if (after > 0) return error(res, 429, 'SHELL_CONSENT_LOCKED', { retry_after_seconds: after });
        return error(res, 400, 'SHELL_CONSENT_CODE_WRONG');
      }
      lockout.clear(certno);
      const helper = holderByPsn(s.psn_no).person.baseinfo;
      if (holder.person.baseinfo.psn_no === helper.psn_no) return error(res, 409, 'SHELL_CONSENT_SELF');
      const at = now();
      const record = {
        holder_psn_no: holder.person.baseinfo.psn_no, holder_name: holder.person.baseinfo.psn_name, holder_certno: holder.person.baseinfo.certno,
        helper_psn_no: helper.psn_no, helper_name: helper.psn_name, helper_certno: helper.certno,
        granted_at: at, expires_at: at + CONSENT_TERMS.valid_days * DAY_MS, withdrawn_at: null,
      };
      records.push(record);
      send(res, 201, { consent: shown(record) });
    },
    // Both sides of the caller's own consents: those that let her view others' accounts, and
    // those others hold on hers (so the holder sees who may view his account).
    'GET /consents': (req, res, s) => {
      // A viewing whose consent has ended is over here too (as on the next read).
      if (s.viewing && refusal(s.viewing, s.psn_no)) s.viewing = null;
      const pairs = new Map();
      for (const r of records) pairs.set(`${r.holder_psn_no}|${r.helper_psn_no}`, r);
      const all = [...pairs.values()];
      send(res, 200, {
        valid_days: CONSENT_TERMS.valid_days,
        viewing: s.viewing ? viewingOf(s.viewing) : null,
        mine: all.filter((r) => r.helper_psn_no === s.psn_no).map(shown),
        on_my_account: all.filter((r) => r.holder_psn_no === s.psn_no).map(shown),
      });
    },
    // The holder withdraws: from this moment the helper's reads of his account are refused.
    'DELETE /consents/': (req, res, s, body, helperPsn) => {
      const record = latest(s.psn_no, helperPsn);
      if (!record || stateOf(record) !== 'active') return error(res, 404, 'SHELL_CONSENT_NONE');
      record.withdrawn_at = now();
      send(res, 200, { consent: shown(record) });
    },
    'POST /viewing/': (req, res, s, body, holderPsn) => {
      const refused = refusal(holderPsn, s.psn_no);
      if (refused) return error(res, 403, refused);
      s.viewing = holderPsn;
      send(res, 200, { viewing: viewingOf(holderPsn) });
    },
    'DELETE /viewing': (req, res, s) => {
      s.viewing = null;
      send(res, 200, { viewing: null });
    },
  };

  function viewingOf(holderPsn) {
    const holder = holderByPsn(holderPsn).person.baseinfo;
    return { psn_no: holder.psn_no, psn_name: holder.psn_name, certno: holder.certno };
  }

  return {
    routes,
    reset() {
      records = [];
      lockout.reset();
    },
    /**
     * The session a route sees: the caller's own, or — while she views a holder's account —
     * the holder's, for reads only, with his consent checked again on every request (a
     * withdrawn or expired consent ends the viewing there and then).
     * @returns {{session: any} | {status: number, code: string}}
     */
    acting(s, key) {
      if (!s.viewing) return { session: s };
      const refused = refusal(s.viewing, s.psn_no);
      if (refused) {
        s.viewing = null;
        return { status: 403, code: refused };
      }
      if (!READS_WHILE_VIEWING.has(key)) return { status: 403, code: 'SHELL_PROXY_READ_ONLY' };
      return { session: { ...s, psn_no: s.viewing } };
    },
  };
}
