// The API client every shell uses for the provincial endpoints (www/openapi.json). The
// transport is injected per platform (shared/transports.js: browser fetch, wx.request,
// my.request), so this file holds the behaviour all three share:
// - a timeout on every request; retries (with a short back-off) only for idempotent reads,
//   and only on offline / timeout / 5xx — never for a bind, an unbind or a transfer;
// - every failure is a ShellError with a stable code from the core's catalog
//   (data/messages/50-shell.tsv); the text comes from the core via messageFor;
// - the session token is kept in the injected storage; it expires (locally, and when the
//   server says 401) and logout forgets it even when the server cannot be reached.

export const API_PREFIX = '/api/v1';

/** An error with a stable code; `status` is the HTTP status when there was one. */
export class ShellError extends Error {
  /**
   * @param {string} code
   * @param {{status?: number, cause?: unknown, slots?: Record<string, string | number>}} [details]
   */
  constructor(code, { status = undefined, cause = undefined, slots = undefined } = {}) {
    super(code);
    this.name = 'ShellError';
    this.code = code;
    if (status !== undefined) this.status = status;
    if (cause !== undefined) this.cause = cause;
    // Values for the catalog text's {slots} (the minutes of a lockout); never personal data.
    if (slots !== undefined) this.slots = slots;
  }
}

const SESSION_KEY = 'gongji.session';

/** Storage held in memory only (tests, or a platform without one). */
export function memoryStorage() {
  const map = new Map();
  return {
    get: (key) => (map.has(key) ? map.get(key) : null),
    set: (key, value) => map.set(key, value),
    remove: (key) => map.delete(key),
  };
}

const RETRYABLE = new Set(['SHELL_OFFLINE', 'SHELL_TIMEOUT', 'SHELL_SERVER_ERROR']);

/**
 * @typedef {(req: {method: string, url: string, headers: Record<string, string>, body?: string, timeoutMs: number}) => Promise<{status: number, text: string}>} Transport
 * @typedef {{get(k: string): string|null, set(k: string, v: string): void, remove(k: string): void}} Storage
 * @param {object} [options]
 * @param {string} [options.baseUrl]        origin of the provincial endpoint ('' for same origin)
 * @param {Transport} [options.transport]   required: one of shared/transports.js
 * @param {Storage} [options.storage]
 * @param {number} [options.timeoutMs]
 * @param {number} [options.retries]        extra attempts for idempotent reads
 * @param {number} [options.retryDelayMs]
 * @param {(ms: number) => Promise<void>} [options.sleep]
 * @param {() => number} [options.now]
 * @param {(code: string) => void} [options.onSessionEnd]  called when the session expires
 */
export function createClient({
  baseUrl = '',
  transport,
  storage = memoryStorage(),
  timeoutMs = 10000,
  retries = 2,
  retryDelayMs = 400,
  sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now = () => Date.now(),
  onSessionEnd = () => {},
} = {}) {
  if (typeof transport !== 'function') throw new TypeError('createClient needs a transport');

  function readSession() {
    try {
      const text = storage.get(SESSION_KEY);
      const session = text ? JSON.parse(text) : null;
      return session && typeof session.token === 'string' ? session : null;
    } catch {
      return null;
    }
  }

  function endSession(code) {
    storage.remove(SESSION_KEY);
    if (code) onSessionEnd(code);
  }

  async function once(method, path, { body, auth }) {
    const headers = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let sentToken = null;
    if (auth) {
      const session = readSession();
      if (!session) throw new ShellError('SHELL_NOT_LOGGED_IN');
      if (session.expiresAt <= now()) {
        endSession('SHELL_SESSION_EXPIRED');
        throw new ShellError('SHELL_SESSION_EXPIRED');
      }
      headers.authorization = `Bearer ${session.token}`;
      sentToken = session.token;
    }
    let response;
    try {
      response = await transport({
        method,
        url: baseUrl + API_PREFIX + path,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        timeoutMs,
      });
    } catch (problem) {
      throw new ShellError(problem && problem.code === 'SHELL_TIMEOUT' ? 'SHELL_TIMEOUT' : 'SHELL_OFFLINE', { cause: problem });
    }
    const { status, text } = response;
    if (status >= 200 && status < 300) return text;
    let code;
    let answer = null;
    try {
      answer = JSON.parse(text);
      code = answer && answer.code;
    } catch {
      code = undefined;
    }
    if (status === 401) {
      const ended = code === 'SHELL_NOT_LOGGED_IN' ? 'SHELL_NOT_LOGGED_IN' : 'SHELL_SESSION_EXPIRED';
      // Only the session this request was sent with ends: a late answer to a session that
      // was already logged out must not end the next person's.
      if (auth && readSession()?.token === sentToken) endSession(ended);
      throw new ShellError(ended, { status });
    }
    if (status >= 500) throw new ShellError('SHELL_SERVER_ERROR', { status });
    // Too many wrong SMS codes (the login's, or a holder's consent code): the endpoint says
    // how long the lock lasts.
    if (code === 'SHELL_LOGIN_LOCKED' || code === 'SHELL_CONSENT_LOCKED') {
      const seconds = Number(answer && answer.retry_after_seconds);
      const minutes = Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : 10;
      throw new ShellError(code, { status, slots: { minutes } });
    }
    // A 共济额度 the endpoint refused by the core's own rule (checkQuota): the core's code,
    // and the figures its text needs (the largest quota, the amount used).
    if (typeof code === 'string' && /^QUOTA_[A-Z_]+$/.test(code)) {
      const slots = {};
      for (const [name, value] of Object.entries((answer && answer.slots) || {})) if (/^[a-z]+$/.test(name) && /^-?\d+(\.\d+)?$/.test(String(value))) slots[name] = String(value);
      throw new ShellError(code, { status, slots });
    }
    // 4xx: the endpoint's own code when it is one of ours, else a generic refusal.
    throw new ShellError(typeof code === 'string' && /^SHELL_[A-Z_]+$/.test(code) ? code : 'SHELL_REQUEST_REJECTED', { status });
  }

  /**
   * One call. `idempotent` reads are retried on offline, timeout and 5xx; anything that
   * changes state is sent once, so a slow answer never becomes a double transfer.
   * Resolves to the response text (`raw`) or its parsed JSON.
   * @param {string} method
   * @param {string} path
   * @param {{body?: object, idempotent?: boolean, auth?: boolean, raw?: boolean, retries?: number}} [options]
   * @returns {Promise<any>}
   */
  async function request(method, path, { body = undefined, idempotent = method === 'GET', auth = true, raw = false, retries: extra = retries } = {}) {
    const attempts = idempotent ? extra + 1 : 1;
    let last;
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      if (attempt > 0) await sleep(retryDelayMs * attempt);
      try {
        const text = await once(method, path, { body, auth });
        if (raw) return text;
        if (text === '') return null;
        try {
          return JSON.parse(text);
        } catch (cause) {
          throw new ShellError('SHELL_BAD_RESPONSE', { cause });
        }
      } catch (problem) {
        last = problem;
        if (!(problem instanceof ShellError) || !RETRYABLE.has(problem.code)) throw problem;
      }
    }
    throw last;
  }

  /** Keeps the token with the expiry the endpoint gave, in seconds from now. */
  function keepSession(token, expiresIn) {
    const seconds = Number(expiresIn);
    const expiresAt = now() + (Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0);
    storage.set(SESSION_KEY, JSON.stringify({ token, expiresAt }));
  }

  return {
    request,
    isLoggedIn() {
      const session = readSession();
      return Boolean(session && session.expiresAt > now());
    },
    /** Whether a token is kept at all (expired or not). */
    hasToken: () => readSession() !== null,
    /** When the kept session ends (ms since the epoch), or null without one. */
    expiresAt() {
      const session = readSession();
      return session && Number.isFinite(session.expiresAt) ? session.expiresAt : null;
    },
    /** Forgets the token here without telling anyone (the session module ends the rest). */
    forgetSession: () => endSession(),
    /**
     * Asks the endpoint whether the session is still on (GET /session) and keeps the expiry
     * it gives; a session it has ended answers 401, which ends it here too.
     */
    async checkSession() {
      const token = readSession()?.token;
      const answer = await request('GET', '/session', { retries: 0 });
      if (token && readSession()?.token === token && answer && answer.expires_in !== undefined) keepSession(token, answer.expires_in);
      return answer;
    },
    /** Asks for the SMS code (the sample server's code is fixed: see www/README.md). */
    sendSmsCode({ certno, phone }) {
      return request('POST', '/session/sms', { body: { certno, phone }, auth: false, idempotent: false });
    },
    async login({ certno, phone, smsCode }) {
      const answer = await request('POST', '/session', { body: { certno, phone, sms_code: smsCode }, auth: false, idempotent: false });
      if (!answer || typeof answer.token !== 'string') throw new ShellError('SHELL_BAD_RESPONSE');
      keepSession(answer.token, answer.expires_in);
      return answer;
    },
    /** A new image code, or its text alternative (`kind` "question"), for the second login. */
    captcha(kind = 'image') {
      return request('POST', '/captcha', { body: { kind }, auth: false, idempotent: false });
    },
    /** The second login: 身份证号 + 社保卡号 + the image code's answer. */
    async loginByCard({ certno, cardNo, captchaId, captcha }) {
      const answer = await request('POST', '/session/card', { body: { certno, card_no: cardNo, captcha_id: captchaId, captcha }, auth: false, idempotent: false, retries: 0 });
      if (!answer || typeof answer.token !== 'string') throw new ShellError('SHELL_BAD_RESPONSE');
      keepSession(answer.token, answer.expires_in);
      return answer;
    },
    /** Ends the session here even when the server cannot be told (offline, expired). */
    async logout() {
      try {
        if (readSession()) await request('DELETE', '/session', { idempotent: false });
      } catch {
        // Forgetting the token locally is what protects a shared phone; the server lets
        // the session lapse on its own.
      } finally {
        endSession();
      }
    },
    person: () => request('GET', '/person'),
    /** The account history as the JSON text the core parses (amounts stay exact). */
    ledgerText: () => request('GET', '/ledger', { raw: true }),
    bindings: () => request('GET', '/bindings'),
    /** Looks up a relative's insurance by ID number and name: a read, so it may be retried. */
    queryPerson: ({ certno, psn_name }) => request('POST', '/persons/query', { body: { certno, psn_name }, idempotent: true }),
    bind: ({ certno, psn_name, relation, phone }) => request('POST', '/bindings', { body: { certno, psn_name, relation, phone } }),
    unbind: (psnNo) => request('DELETE', `/bindings/${encodeURIComponent(psnNo)}`),
    wallet: () => request('GET', '/wallet'),
    transfer: ({ amount, payee_certno, payee_name }) => request('POST', '/wallet/transfers', { body: { amount, payee_certno, payee_name } }),
    /** 共济额度 (2026): the quotas set, with the balance they are checked against. */
    quotas: () => request('GET', '/wallet/quotas'),
    /** Sets or changes a relative's quota: sent once, never retried. */
    setQuota: ({ certno, psn_name, relation, amount }) => request('POST', '/wallet/quotas', { body: { certno, psn_name, relation, amount } }),
    releaseQuota: (psnNo) => request('DELETE', `/wallet/quotas/${encodeURIComponent(psnNo)}`),
    // 代办 (www/server/consents.mjs): the holder's consent code goes to the holder's phone; his
    // code given, the session may view his account (read-only), and back; he may withdraw.
    consents: () => request('GET', '/consents'),
    sendConsentCode: ({ certno, phone }) => request('POST', '/consents/sms', { body: { certno, phone }, idempotent: false }),
    giveConsent: ({ certno, phone, smsCode }) => request('POST', '/consents', { body: { certno, phone, sms_code: smsCode } }),
    withdrawConsent: (helperPsnNo) => request('DELETE', `/consents/${encodeURIComponent(helperPsnNo)}`),
    viewAccountOf: (holderPsnNo) => request('POST', `/viewing/${encodeURIComponent(holderPsnNo)}`),
    viewOwnAccount: () => request('DELETE', '/viewing'),
  };
}
