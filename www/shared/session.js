// The session every shell keeps — portal and both mini-programs alike: the API client and
// its token, the account loaded once per session (person, ledger id, bindings), and the
// end of it all. A session ends everywhere at once, whichever way it ends:
// - on time: a timer set from the expiry the endpoint gave (login, then GET /session),
//   without waiting for a request;
// - when a re-check finds it over: the shells call check() when the user moves between pages
//   or comes back to the app (visibilitychange, onShow), which asks the endpoint;
// - on a 401 to any request, on logout.
// Ending clears the token, every cached account datum (the ledger freed in the core) and
// tells the shell (`onEnd(code)`) to clear its screen; a load still on its way when the
// session ended is not kept.
//
// Also the preferences (简/繁, 长辈模式), stored under the same keys on every platform.

import { createClient, memoryStorage, ShellError } from './client.js';
import { plainError } from './core-service.js';

const LOCALE_KEY = 'gongji.locale';
const ELDER_KEY = 'gongji.elder';
// 代办: whose account the session views (the endpoint's answer to POST /viewing), kept beside
// the token so a reload still shows the banner; null on the user's own account.
const VIEWING_KEY = 'gongji.viewing';
// A holder's consent ended while his account was on view: the endpoint has gone back to the
// helper's own account, and so does the session.
const VIEWING_ENDED = new Set(['SHELL_CONSENT_NONE', 'SHELL_CONSENT_EXPIRED', 'SHELL_CONSENT_WITHDRAWN']);
// setTimeout takes at most a signed 32-bit delay; a longer session re-arms on the way.
const LONGEST_TIMER = 0x7fffffff;

/** The insurance region (insuplc_admdvs) of a 1101 person, or '' before one is loaded. */
const regionOf = (person) => {
  const info = person && person.insuinfo;
  const first = Array.isArray(info) ? info[0] : info;
  return (first && typeof first.insuplc_admdvs === 'string' && first.insuplc_admdvs) || '';
};

/**
 * 简/繁 and 长辈模式, persisted in `storage` ({get, set}). Until the user chooses, 长辈模式
 * follows `elderByDefault` (a mini-program: the WeChat/Alipay font size the user has set);
 * once chosen, the choice stays whatever the platform says.
 */
export function createPrefs(storage, { elderByDefault = false } = {}) {
  const storedElder = storage.get(ELDER_KEY);
  const prefs = {
    locale: storage.get(LOCALE_KEY) === 'zh-Hant' ? 'zh-Hant' : 'zh-Hans',
    elder: storedElder === '1' || ((storedElder === null || storedElder === undefined || storedElder === '') && Boolean(elderByDefault)),
    set(change) {
      if ('locale' in change) prefs.locale = change.locale === 'zh-Hant' ? 'zh-Hant' : 'zh-Hans';
      if ('elder' in change) prefs.elder = Boolean(change.elder);
      storage.set(LOCALE_KEY, prefs.locale);
      storage.set(ELDER_KEY, prefs.elder ? '1' : '0');
      return prefs;
    },
    toggleLocale: () => prefs.set({ locale: prefs.locale === 'zh-Hant' ? 'zh-Hans' : 'zh-Hant' }),
    toggleElder: () => prefs.set({ elder: !prefs.elder }),
  };
  return prefs;
}

/**
 * @param {object} options
 * @param {any} options.port   the core port (port.js)
 * @param {Parameters<typeof createClient>[0]} options.client   createClient's options (transport, storage, …)
 * @param {(code: string) => void} [options.onEnd]   the shell clears its screen
 * @param {() => number} [options.now]
 * @param {Function} [options.setTimer]
 * @param {Function} [options.clearTimer]
 */
export function createSession({ port, client: clientOptions, onEnd = () => {}, now = () => Date.now(), setTimer = setTimeout, clearTimer = clearTimeout }) {
  // The region of the person record last loaded in this session (see load), or null.
  let personRegion = null;
  const currentRegion = () => (personRegion && personRegion.counter === session.counter ? personRegion.region : '');
  let timer = null;
  let noticeCode = '';
  // 代办: why the viewing ended when a re-check found it over; the next load says it once.
  let viewingEnded = '';
  const storage = (clientOptions && clientOptions.storage) || memoryStorage();
  const readViewing = () => {
    try {
      const viewing = JSON.parse(storage.get(VIEWING_KEY) || 'null');
      return viewing && typeof viewing.psn_no === 'string' ? viewing : null;
    } catch {
      return null;
    }
  };
  const session = {
    /** 代办: {psn_no, psn_name, certno} of the holder whose account is on view, or null. */
    viewing: readViewing(),
    /** Switches the account on view (null: the user's own); what was loaded is dropped. */
    setViewing(viewing) {
      session.viewing = viewing && typeof viewing.psn_no === 'string' ? viewing : null;
      if (session.viewing) storage.set(VIEWING_KEY, JSON.stringify(session.viewing));
      else storage.remove(VIEWING_KEY);
      session.counter += 1;
      session.loading = null;
      session.forget();
    },
    /** Counts ended sessions: a load started in an earlier one is not kept. */
    counter: 0,
    /** {person, ledger (a port ledger id), bindings} once loaded. */
    data: null,
    loading: null,
    client: null,
    isLoggedIn: () => session.client.isLoggedIn(),

    /** Loads (once per session, or again on `force`) what every page reads; one load at a time. */
    load({ force = false } = {}) {
      if (viewingEnded) {
        const code = viewingEnded;
        viewingEnded = '';
        return Promise.reject(new ShellError(code));
      }
      if (session.data && !force) return Promise.resolve(session.data);
      if (!session.loading) {
        const counter = session.counter;
        const loading = (async () => {
          // The 共济额度 (GET /wallet/quotas) come along; when they cannot be read the pages
          // show "—" for the figures that depend on them (null), never a guess.
          // The holder's region as soon as his person record arrives: an error in the rest of
          // the load can then still name his own hotline.
          const personArrived = session.client.person().then((p) => {
            personRegion = { counter, region: regionOf(p) };
            return p;
          });
          const [person, ledgerText, bindings, wallet] = await Promise.all([personArrived, session.client.ledgerText(), session.client.bindings(),
            session.client.quotas().catch(() => null)]).catch((error) => {
            if (error && VIEWING_ENDED.has(error.code) && counter === session.counter) session.setViewing(null);
            throw error;
          });
          const ledger = await port.loadLedger(ledgerText);
          // The session ended while this was on its way: the account is not kept for whoever
          // logs in next.
          if (counter !== session.counter) {
            port.freeLedger(ledger).catch(() => {});
            return { person: null, ledger: null, bindings: [], wallet: null };
          }
          session.forget();
          const quotas = wallet && Array.isArray(wallet.quotas) ? wallet : null;
          session.data = { person, ledger, bindings: (bindings && bindings.bindings) || [], wallet: quotas };
          return session.data;
        })();
        const settle = () => { if (session.loading === loading) session.loading = null; };
        loading.then(settle, settle);
        session.loading = loading;
      }
      return session.loading;
    },

    /** Drops the loaded account (and the core's memory for it). */
    forget() {
      const data = session.data;
      session.data = null;
      if (data && data.ledger) port.freeLedger(data.ledger).catch(() => {});
    },

    /**
     * Ends the session here and now: token, account, timer; then the shell clears its
     * screen. `code` (SHELL_SESSION_EXPIRED, SHELL_LOGGED_OUT …) is the notice the login
     * page shows next; without one nothing is said.
     */
    end(code = '') {
      session.counter += 1;
      session.loading = null;
      session.forget();
      session.viewing = null;
      viewingEnded = '';
      storage.remove(VIEWING_KEY);
      disarm();
      session.client.forgetSession();
      if (code) noticeCode = code;
      onEnd(code);
    },

    /** Logs in (by SMS code, or `by: 'card'` with the 社保卡 number and an image code); on
     * success the expiry timer runs. Resolves to the endpoint's answer. */
    async login(payload, { by = 'sms' } = {}) {
      const answer = await (by === 'card' ? session.client.loginByCard(payload) : session.client.login(payload));
      session.counter += 1; // nothing from before this login is kept
      session.forget();
      session.viewing = null; // a new session starts on the user's own account
      storage.remove(VIEWING_KEY);
      arm();
      return answer;
    },

    /** Logs out, even when the endpoint cannot be told. */
    async logout() {
      await session.client.logout();
      session.end('SHELL_LOGGED_OUT');
    },

    /**
     * Is the session still on? Ends it when the client's own expiry has passed (with a notice
     * if there was anything to clear). With `remote`, asks the endpoint too (GET /session):
     * its expiry replaces ours; a 401 ends the session through the client. Unreachable
     * endpoint: the session stays, and the timer still ends it on time.
     */
    async check({ remote = false } = {}) {
      if (!session.client.isLoggedIn()) {
        if (session.data || session.loading || session.client.hasToken()) session.end('SHELL_SESSION_EXPIRED');
        return false;
      }
      if (remote) {
        try {
          await session.client.checkSession();
          if (session.viewing) await recheckViewing();
        } catch (error) {
          if (!session.client.isLoggedIn()) return false;
          if (error && (error.code === 'SHELL_SESSION_EXPIRED' || error.code === 'SHELL_NOT_LOGGED_IN')) return false;
        }
        arm();
      }
      return session.client.isLoggedIn();
    },

    /** The code of what the login page should say (once), or ''. */
    takeNotice() {
      const code = noticeCode;
      noticeCode = '';
      return code;
    },
    /** Sets the notice the next page shows (a bind submitted, an unbind done …). */
    say(code) {
      noticeCode = code;
    },

    /** A caught error as {code, message} from the core's catalog, through the port. */
    // The holder's region (the viewed holder's in 代办) names the hotline in the text: kept
    // from the person record of this session's last load (see load).
    describe: (error) => port.errorView({ error: plainError(error), region: currentRegion() }),
  };

  /**
   * 代办: is the holder's consent still in force? Asked on every re-check (a move between
   * pages, the app shown again), since the pages read the account loaded before: without it a
   * withdrawn consent would leave his account on screen until the next load.
   */
  async function recheckViewing() {
    const holder = session.viewing.psn_no;
    const answer = await session.client.consents();
    if (answer && answer.viewing && answer.viewing.psn_no === holder) return;
    if (!session.viewing || session.viewing.psn_no !== holder) return; // switched meanwhile
    const consent = (answer && Array.isArray(answer.mine) ? answer.mine : []).find((c) => c && c.holder_psn_no === holder);
    const state = consent ? consent.state : '';
    viewingEnded = state === 'withdrawn' ? 'SHELL_CONSENT_WITHDRAWN' : state === 'expired' ? 'SHELL_CONSENT_EXPIRED' : 'SHELL_CONSENT_NONE';
    session.setViewing(null);
  }

  function disarm() {
    if (timer !== null) clearTimer(timer);
    timer = null;
  }
  /** Sets the timer that ends the session when its time is up. */
  function arm() {
    disarm();
    const expiresAt = session.client.expiresAt();
    if (expiresAt === null) return;
    const left = Math.max(0, expiresAt - now());
    timer = setTimer(() => {
      timer = null;
      if (session.client.isLoggedIn()) arm();
      else session.end('SHELL_SESSION_EXPIRED');
    }, Math.min(left, LONGEST_TIMER));
  }

  session.client = createClient({
    now,
    ...clientOptions,
    storage,
    onSessionEnd(code) {
      session.end(code);
    },
  });
  // A token kept from before (a reload of the portal, the mini-program coming back): its
  // expiry is known, so the timer runs from the start.
  if (session.client.isLoggedIn()) arm();
  return session;
}
