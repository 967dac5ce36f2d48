//! The local stand-in for the Gansu provincial endpoints (documented in www/openapi.json):
//! SMS login with a fixed test code, the second login by 社保卡 card number and an image code
//! (or its text alternative, captcha.mjs), the holder's 1101-style person record, the account
//! history as the ledger's JSON text, bindings, the relative look-up a bind form needs, and
//! 医保钱包 transfers. It keeps state in memory (fresh on every start).
//!
//! It applies no 家庭共济 eligibility rule of its own — the shells do, through the core — so a
//! test can prove the shell checks before it submits. What a real endpoint would refuse, it
//! refuses: typed request bodies and the size limit (requests.mjs), a lockout after wrong SMS
//! codes (lockout.mjs), and a binding event its lifecycle does not allow — that table is the
//! core's own (pkg/node's nextBindingState), loaded here rather than copied, so the endpoint
//! and the shells cannot disagree about it. With `faults` on (tests and `make demo`) a test
//! can switch on slow answers, 500s, a malformed record, expired or short sessions and a
//! fixed clock through POST /__faults (faults.mjs); they are off unless asked for.

import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { sampleData, TEST_SMS_CODE } from './sample-data.mjs';
import { listQuotas, setQuota, releaseQuota } from './quotas.mjs';
import { RequestProblem, SCHEMAS, checkBody, readBody, readJsonObject } from './requests.mjs';
import { createLockout } from './lockout.mjs';
import { parseFaults } from './faults.mjs';
import { policySetText } from './policies.mjs';
import { createConsents } from './consents.mjs';
import { createCaptchas } from './captcha.mjs';

// The built core, through the package's public Node entry (pkg/ is built before the server runs).
const core = createRequire(import.meta.url)('../../pkg/node/index.cjs');

const API = '/api/v1';
const SESSION_SECONDS = 15 * 60;

/** China local time ("yyyy-MM-dd HH:mm:ss", UTC+8, no zone) of a JS time. */
export function chinaTime(ms) {
  return new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

function send(res, status, body, extra = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(text);
}

const error = (res, status, code, extra = {}) => send(res, status, { code, ...extra });
/** A refused request: its status, code and (never the value of) the field at fault. */
const refuse = (res, problem) => error(res, problem.status, problem.code, problem.field ? { field: problem.field } : {});

export function createProvince({ faults: faultsEnabled = false, now = () => Date.now() } = {}) {
  let data;
  let sessions;
  let bindings;
  let wallet;
  let quotas;
  let faults;
  const lockout = createLockout(now);
  const captchas = createCaptchas(now);
  // 代办: consents, and a session viewing the account of the holder who gave one (consents.mjs).
  const consents = createConsents({ now, chinaTime, data: () => data, smsCode: TEST_SMS_CODE, send, error });

  function reset() {
    data = sampleData();
    sessions = new Map();
    lockout.reset();
    captchas.reset();
    consents.reset();
    faults = { slow: null, fail: null, malformed: false, clock: null, sessionSeconds: null, policySet: null };
    bindings = new Map();
    wallet = new Map();
    quotas = new Map();
    for (const holder of data.holders) {
      const psn = holder.person.baseinfo.psn_no;
      quotas.set(psn, structuredClone(holder.quotas ?? []));
      // Wallet (cross-province) relations are listed with their quotas, not as bindings.
      bindings.set(psn, holder.ledger.members.filter((m) => m.channel !== 'wallet').map((m) => ({
        psn_no: m.psn_no,
        psn_name: m.psn_name,
        certno: m.certno,
        relation: m.relation,
        state: m.status === 'active' ? 'active' : 'unbound',
        bound_at: m.bound_at,
        unbound_at: m.unbound_at,
      })));
      wallet.set(psn, { transfers: [] });
    }
  }
  reset();

  const clock = () => faults.clock ?? chinaTime(now());
  const holderOf = (session) => data.holders.find((h) => h.person.baseinfo.psn_no === session.psn_no);
  const findPerson = (certno, name) => data.people.find((p) => p.baseinfo.certno === certno && (name === undefined || p.baseinfo.psn_name === name));

  function session(req) {
    const auth = req.headers.authorization ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    const found = sessions.get(token);
    if (!found) return { missing: true };
    if (found.expires <= now()) {
      sessions.delete(token);
      return { expired: true };
    }
    return found;
  }

  function ledgerText(holder) {
    const ledger = structuredClone(holder.ledger);
    ledger.account.as_of = clock();
    // The endpoint reports the balance it holds, which follows the history.
    if (faults.malformed) {
      // What a provincial system has been seen to send now and then: an amount that is not
      // a number and a settlement without its time. The shell must show them, not drop them.
      ledger.records.splice(3, 0, { type: 'credit', time: '2024-02-30 09:00:00', amount: '9８.5.0', period: '2024-02' });
      ledger.records.splice(7, 0, { type: 'settlement', setl_id: 'X-BROKEN-1', psn_no: ledger.account.psn_no, psn_name: ledger.account.psn_name, fixmedins_code: 'H62110200011', fixmedins_name: '定西市人民医院', med_type: '11', medfee_sumamt: '10.00', fund_pay_sumamt: '0.00', acct_pay: '10.00', acct_mulaid_pay: '0.00', psn_cash_pay: '0.00' });
    }
    return JSON.stringify(ledger);
  }

  function publicPerson(p) {
    const insuinfo = { ...p.insuinfo };
    return { baseinfo: { ...p.baseinfo }, insuinfo: [insuinfo] };
  }

  /** Routes that need a logged-in holder. */
  const routes = {
    'GET /person': (req, res, s) => {
      const holder = holderOf(s);
      const out = publicPerson(holder.person);
      out.insuinfo[0].balc = holder.ledger.account.balc;
      send(res, 200, out);
    },
    'GET /ledger': (req, res, s) => send(res, 200, ledgerText(holderOf(s))),
    'GET /bindings': (req, res, s) => send(res, 200, { bindings: bindings.get(s.psn_no) }),
    'POST /persons/query': async (req, res, s, body) => {
      const found = findPerson(body.certno, body.psn_name);
      if (!found) return error(res, 404, 'SHELL_PERSON_NOT_FOUND');
      send(res, 200, publicPerson(found));
    },
    'POST /bindings': async (req, res, s, body) => {
      const found = findPerson(body.certno, body.psn_name);
      if (!found) return error(res, 404, 'SHELL_PERSON_NOT_FOUND');
      const list = bindings.get(s.psn_no);
      const existing = list.find((b) => b.certno === found.baseinfo.certno && b.state !== 'unbound' && b.state !== 'rejected');
      if (existing) return error(res, 409, 'SHELL_CONFLICT');
      // A new binding waits for the relative to confirm (and, 16 and over, face recognition).
      const binding = {
        psn_no: found.baseinfo.psn_no, psn_name: found.baseinfo.psn_name, certno: found.baseinfo.certno,
        relation: String(body.relation ?? ''), state: 'invited', bound_at: null, unbound_at: null, invited_at: clock().slice(0, 10),
      };
      list.push(binding);
      send(res, 201, { binding });
    },
    'DELETE /bindings/': (req, res, s, body, rest) => {
      const list = bindings.get(s.psn_no);
      const binding = list.find((b) => b.psn_no === rest && b.state !== 'unbound');
      if (!binding) return error(res, 404, 'SHELL_NOT_FOUND');
      // The core's lifecycle decides (unbind only from 正常, after any cool-down): the same
      // table the shells draw their buttons from.
      const today = clock().slice(0, 10);
      const step = core.nextBindingState(binding.state, 'unbind', { date: today, boundAt: binding.bound_at ?? undefined, region: holderOf(s).person.insuinfo.insuplc_admdvs });
      if (!step.allowed) return error(res, 409, 'SHELL_UNBIND_REFUSED', { reason: step.reason ? step.reason.code : '' });
      binding.state = step.state;
      binding.unbound_at = today;
      send(res, 200, { binding });
    },
    'GET /wallet': (req, res, s) => {
      const w = wallet.get(s.psn_no);
      const today = clock().slice(0, 10);
      send(res, 200, {
        server_time: clock(),
        transfers_today: w.transfers.filter((t) => t.time.startsWith(today)).length,
        pending: w.transfers.some((t) => t.state === 'pending'),
        transfers: w.transfers,
      });
    },
    'POST /wallet/transfers': async (req, res, s, body) => {
      const w = wallet.get(s.psn_no);
      const payee = findPerson(body.payee_certno, body.payee_name);
      if (!payee) return error(res, 404, 'SHELL_PERSON_NOT_FOUND');
      const transfer = { id: crypto.randomUUID(), time: clock(), amount: String(body.amount), to_psn_name: payee.baseinfo.psn_name, to_admdvs: payee.insuinfo.insuplc_admdvs, state: 'pending' };
      w.transfers.push(transfer);
      send(res, 201, { transfer });
    },
    // 共济额度 (2026): list, set or change, release — www/server/quotas.mjs.
    'GET /wallet/quotas': (req, res, s) => send(res, 200, listQuotas(holderOf(s), quotas.get(s.psn_no), clock())),
    'POST /wallet/quotas': async (req, res, s, body) => {
      const found = findPerson(body.certno, body.psn_name);
      if (!found) return error(res, 404, 'SHELL_PERSON_NOT_FOUND');
      // The core's rules, as the shells apply them (never a second copy here): the relative
      // must be eligible through the wallet (checkBinding, channel "wallet"), and the amount
      // must fit the balance and the other quotas (checkQuota).
      const holder = holderOf(s);
      const list = quotas.get(s.psn_no);
      const today = clock().slice(0, 10);
      const rules = (p) => ({ ...p.baseinfo, ...p.insuinfo });
      const binding = core.checkBinding({ holder: rules(holder.person), member: rules(found), relation: String(body.relation ?? ''), date: today, bindings: [] });
      if (!binding.eligible || binding.channel !== 'wallet') return error(res, 409, 'SHELL_REQUEST_REJECTED', { reason: (binding.reasons[0] ?? {}).code ?? 'BIND_CHANNEL_PROVINCE' });
      const existing = list.find((q) => q.psn_no === found.baseinfo.psn_no);
      const decision = core.checkQuota({ balance: holder.ledger.account.balc, quotas: list.map((q) => ({ psn_no: q.psn_no, amount: q.amount, used: q.used })), psnNo: found.baseinfo.psn_no, amount: body.amount, date: today, region: holder.person.insuinfo.insuplc_admdvs });
      if (!decision.allowed) {
        const code = (decision.reasons[0] ?? {}).code ?? 'QUOTA_AMOUNT_INVALID';
        return error(res, 409, code, { slots: { max: decision.maxAmount ?? '0.00', used: existing ? existing.used : '0.00' } });
      }
      const out = setQuota(holder, list, found, body, clock());
      send(res, out.status, out.body);
    },
    'DELETE /wallet/quotas/': (req, res, s, body, rest) => {
      const out = releaseQuota(holderOf(s), quotas.get(s.psn_no), rest, clock());
      send(res, out.status, out.body);
    },
  };

  /** 429 while `certno`'s login is locked, with the seconds left. */
  const lockedOut = (res, certno) => error(res, 429, 'SHELL_LOGIN_LOCKED', { retry_after_seconds: lockout.secondsLeft(certno) });

  /** A failed login (wrong SMS code or card number), counted whoever the number belongs to:
   * the count says nothing; the failure that locks is answered as the lock. */
  function refuseLogin(res, certno, code) {
    lockout.fail(certno);
    if (lockout.secondsLeft(certno) > 0) return lockedOut(res, certno);
    return error(res, 400, code);
  }

  /** A login that succeeded, by SMS code or by card: a new session for `holder`. */
  function openSession(res, holder) {
    const token = crypto.randomBytes(24).toString('base64url');
    const seconds = faults.sessionSeconds ?? SESSION_SECONDS;
    sessions.set(token, { psn_no: holder.person.baseinfo.psn_no, expires: now() + seconds * 1000 });
    return send(res, 201, { token, expires_in: seconds, psn_name: holder.person.baseinfo.psn_name });
  }

  async function handleApi(req, res, pathname) {
    const route = pathname.slice(API.length);
    if (faults.slow && (!faults.slow.path || route.startsWith(faults.slow.path)) && faults.slow.times !== 0) {
      if (faults.slow.times > 0) faults.slow.times -= 1;
      await new Promise((resolve) => setTimeout(resolve, faults.slow.ms));
    }
    if (faults.fail && (!faults.fail.path || route.startsWith(faults.fail.path)) && faults.fail.times !== 0) {
      if (faults.fail.times > 0) faults.fail.times -= 1;
      return send(res, faults.fail.status ?? 500, faults.fail.body ?? { code: 'UPSTREAM_FAILURE' });
    }
    const key = `${req.method} ${route}`;
    let body = {};
    if (req.method === 'POST') {
      try {
        body = await readJsonObject(req);
        if (SCHEMAS[key]) checkBody(SCHEMAS[key], body);
      } catch (problem) {
        if (problem instanceof RequestProblem) return refuse(res, problem);
        throw problem;
      }
    }
    if (key === 'GET /meta') {
      const meta = { server_time: clock(), session_seconds: SESSION_SECONDS };
      // Demo and test mode only: the sample logins, so the login page can offer them.
      if (faultsEnabled) {
        meta.demo = {
          sms_code: TEST_SMS_CODE,
          logins: data.holders.map((h) => ({ label: `${h.region} · ${h.person.baseinfo.psn_name}`, certno: h.person.baseinfo.certno, phone: h.person.phone, card_no: h.person.card_no })),
        };
      }
      return send(res, 200, meta);
    }
    if (key === 'GET /policies/current') {
      // Public, like the rules it carries: the shells ask before anyone logs in.
      return send(res, 200, policySetText(core, faults.policySet));
    }
    if (key === 'POST /session/sms') {
      // Always "sent": whether a number belongs to someone is not the caller's business.
      return send(res, 200, { sent: true, resend_after_seconds: 60 });
    }
    // The second login (#14): 身份证号 + 社保卡号 + an image code or its text alternative.
    if (key === 'POST /captcha') {
      return send(res, 201, captchas.issue(body.kind === 'question' ? 'question' : 'image'));
    }
    if (req.method === 'GET' && route.startsWith('/captcha/') && route.endsWith('.svg')) {
      const svg = captchas.svg(route.slice('/captcha/'.length, -'.svg'.length));
      if (!svg) return error(res, 404, 'SHELL_CAPTCHA_EXPIRED');
      return send(res, 200, svg, { 'content-type': 'image/svg+xml; charset=utf-8' });
    }
    if (key === 'POST /session/card') {
      const certno = body.certno.trim().toUpperCase();
      if (lockout.secondsLeft(certno) > 0) return lockedOut(res, certno);
      // The code first: a wrong or lapsed one is spent, and says nothing about the card.
      const verdict = captchas.check(body.captcha_id, body.captcha);
      if (verdict === 'expired') return error(res, 400, 'SHELL_CAPTCHA_EXPIRED');
      if (verdict === 'wrong') return error(res, 400, 'SHELL_CAPTCHA_WRONG');
      const holder = data.holders.find((h) => h.person.baseinfo.certno === certno && h.person.card_no === body.card_no.trim().toUpperCase());
      if (!holder) {
        // Counted like a wrong SMS code: guessing card numbers locks the login too.
        return refuseLogin(res, certno, 'SHELL_CARD_LOGIN_FAILED');
      }
      lockout.clear(certno);
      return openSession(res, holder);
    }
    if (key === 'POST /session') {
      const certno = body.certno.trim().toUpperCase();
      if (lockout.secondsLeft(certno) > 0) return lockedOut(res, certno);
      const holder = data.holders.find((h) => h.person.baseinfo.certno === certno && h.person.phone === body.phone.trim());
      if (body.sms_code !== TEST_SMS_CODE) {
        // Counted whether or not the number belongs to someone: the count says nothing.
        return refuseLogin(res, certno, 'SHELL_LOGIN_FAILED');
      }
      if (!holder) return error(res, 400, 'SHELL_LOGIN_FAILED');
      lockout.clear(certno);
      return openSession(res, holder);
    }
    const s = session(req);
    if (s.expired) return error(res, 401, 'SHELL_SESSION_EXPIRED');
    if (s.missing) return error(res, 401, 'SHELL_NOT_LOGGED_IN');
    if (key === 'GET /session') {
      // Whether the session is still on, and for how long: the shells re-arm their timers.
      return send(res, 200, { expires_in: Math.max(0, Math.ceil((s.expires - now()) / 1000)), server_time: clock() });
    }
    if (key === 'DELETE /session') {
      for (const [token, value] of sessions) if (value === s) sessions.delete(token);
      res.writeHead(204, { 'cache-control': 'no-store' });
      return res.end();
    }
    // The consent routes act for the caller herself; every other route for the account the
    // session views (her own, or — read-only — a holder's who consented).
    const routeOf = (table) => {
      if (table[key]) return (session) => table[key](req, res, session, body);
      const prefix = Object.keys(table).find((k) => k.endsWith('/') && key.startsWith(k));
      return prefix ? (session) => table[prefix](req, res, session, body, decodeURIComponent(key.slice(prefix.length))) : null;
    };
    const own = routeOf(consents.routes);
    if (own) return own(s);
    const handler = routeOf(routes);
    if (!handler) return error(res, 404, 'SHELL_NOT_FOUND');
    const acting = consents.acting(s, key);
    if (!acting.session) return error(res, acting.status, acting.code);
    return handler(acting.session);
  }

  async function handleFaults(req, res) {
    if (req.method === 'POST' && req.url.startsWith('/__reset')) {
      reset();
      return send(res, 200, { reset: true });
    }
    if (req.method === 'GET') return send(res, 200, faults);
    let body;
    try {
      const text = await readBody(req);
      try {
        body = JSON.parse(text);
      } catch {
        throw new RequestProblem(400, 'SHELL_REQUEST_REJECTED');
      }
      parseFaults(body);
    } catch (problem) {
      if (problem instanceof RequestProblem) return refuse(res, problem);
      throw problem;
    }
    for (const name of ['slow', 'fail', 'malformed', 'clock', 'sessionSeconds', 'policySet']) if (name in body) faults[name] = body[name];
    if (body.expireSessions) for (const value of sessions.values()) value.expires = 0;
    send(res, 200, faults);
  }

  /** Returns true when it handled the request. */
  return async function handle(req, res, pathname) {
    if (pathname.startsWith(API + '/')) {
      await handleApi(req, res, pathname);
      return true;
    }
    if (faultsEnabled && (pathname === '/__faults' || pathname === '/__reset')) {
      await handleFaults(req, res);
      return true;
    }
    return false;
  };
}

export { TEST_SMS_CODE };
