// Rule updates without a release (#15), for all three shells: the regional policy set is
// downloaded from the provincial endpoint (GET /policies/current) at start and once a day,
// checked and applied by the core through the port (applyPolicySet: PolicySet.fromJson, then
// the version compared with PolicySet#compareVersion), and the last good set is kept in the
// shell's storage (localStorage in the portal, wx/my storage in the mini-programs) so that an
// offline start still uses it.
//
// When a download or its check fails, the set in use stays (the built-in one or the last
// good one) and the shell says so once, quietly: one notice line (SHELL_POLICY_KEPT) in 关于,
// not an error screen; it goes when a later download succeeds. A set older than the built-in
// one is never applied (the core refuses it: POLICY_SET_OLDER), nor is one not newer than
// the set in use (a correction is published as a new version, never as an old number).

/** Where the last good set's text is kept, and when the endpoint was last asked (ms). */
export const POLICY_TEXT_KEY = 'gongji.policySet';
export const POLICY_CHECKED_KEY = 'gongji.policyCheckedAt';
export const POLICY_PATH = '/policies/current';
export const DAY_MS = 24 * 3600 * 1000;

/**
 * @typedef {{get(k: string): string|null, set(k: string, v: string): void, remove(k: string): void}} Storage
 * @typedef {{version: string, issued: string, sources: string[], builtIn: boolean}} SetInfo
 * @typedef {{code: string, cause: string}} Notice
 * @param {object} options
 * @param {any} options.port         the core port (port.js)
 * @param {{request: Function}} options.client  the API client (client.js), for the download
 * @param {Storage} options.storage  persistent storage (kept across starts)
 * @param {() => number} [options.now]
 * @param {Function} [options.setTimer]
 * @param {Function} [options.clearTimer]
 * @param {(state: {set: SetInfo|null, notice: Notice|null}) => void} [options.onChange]
 */
export function createPolicyUpdates({ port, client, storage, now = () => Date.now(), setTimer = setTimeout, clearTimer = clearTimeout, onChange = () => {} }) {
  /** @type {{set: SetInfo|null, notice: Notice|null}} */
  const state = { set: null, notice: null };
  let timer = null;
  let running = null;
  // Set by stop(): a download still under way then arms no new timer.
  let stopped = false;

  const keep = (info) => {
    state.set = { version: info.version, issued: info.issued, sources: info.sources, builtIn: info.builtIn };
  };
  const changed = () => {
    try {
      onChange(state);
    } catch {
      // a shell's redraw failing must not stop the updates
    }
  };

  /** The stored last good set, applied before anything is downloaded; a stale one goes. */
  async function restoreStored() {
    let text = null;
    try {
      text = storage.get(POLICY_TEXT_KEY);
    } catch {
      text = null;
    }
    if (typeof text !== 'string' || text === '') return;
    try {
      const result = await port.applyPolicySet({ text });
      // Not newer than the built-in one (this build brought a newer set): no longer needed.
      if (!result.applied) storage.remove(POLICY_TEXT_KEY);
    } catch (error) {
      // Refused by the core (damaged, or older than this build's built-in set): forgotten.
      // Anything else (the core's whole module did not load) keeps it, and the restore fails,
      // to be tried again.
      if (error && typeof error.code === 'string' && error.code.startsWith('POLICY_')) storage.remove(POLICY_TEXT_KEY);
      else throw error;
    }
  }

  /** One download and check; the set in use stays whatever goes wrong. */
  async function download() {
    try {
      storage.set(POLICY_CHECKED_KEY, String(now()));
    } catch {
      // storage full: the daily timer still runs
    }
    try {
      const text = await client.request('GET', POLICY_PATH, { raw: true, auth: false, retries: 0 });
      const result = await port.applyPolicySet({ text });
      if (result.applied) {
        try {
          storage.set(POLICY_TEXT_KEY, text);
        } catch {
          // storage full: the set applies now, and is downloaded again at the next start
        }
      }
      keep(result);
      state.notice = null;
    } catch (error) {
      const cause = (error && typeof error.code === 'string' && error.code) || 'SHELL_BAD_RESPONSE';
      // Said once: the line stays while downloads keep failing, and is not said again.
      state.notice = { code: 'SHELL_POLICY_KEPT', cause };
      try {
        keep(await port.policyInfo());
      } catch {
        // the core itself is unreachable: the page says that on its own
      }
    }
  }

  function arm() {
    if (timer !== null) clearTimer(timer);
    timer = null;
    if (stopped) return;
    timer = setTimer(() => {
      timer = null;
      updates.refresh();
    }, DAY_MS);
  }

  let restoring = null;
  const updates = {
    state,
    /** The last good set from storage, applied (once): a start, online or not, begins here. */
    restore() {
      if (!restoring) {
        restoring = (async () => {
          await restoreStored();
          keep(await port.policyInfo());
          changed();
          return state;
        })();
        restoring.catch(() => {
          restoring = null;
        });
      }
      return restoring;
    },
    /** At start: the stored set first (so an offline start uses it), then the endpoint. */
    start() {
      stopped = false;
      if (!running) {
        running = (async () => {
          // A restore that fails (the core's whole module did not load) does not stop the
          // download and the daily timer; a page asks for the restore again before it computes.
          await updates.restore().catch(() => {});
          await download();
          changed();
          arm();
          return state;
        })().finally(() => {
          running = null;
        });
      }
      return running;
    },
    /** Downloads again now (the daily timer, a test). */
    refresh() {
      if (!running) {
        running = download().then(() => {
          changed();
          arm();
          return state;
        }).finally(() => {
          running = null;
        });
      }
      return running;
    },
    /** Downloads again if the last attempt is a day old (a shell coming back to the front). */
    refreshIfDue() {
      const last = Number(storage.get(POLICY_CHECKED_KEY));
      if (Number.isFinite(last) && now() - last < DAY_MS) return Promise.resolve(state);
      return updates.refresh();
    },
    /**
     * What 关于 shows, in the port's current script: the set's version line and the notice
     * text (or null). `label` is the shell's label function (labels.js t).
     */
    async describe(label) {
      const set = state.set ?? (await port.policyInfo());
      const line = label('policySetVersion', { version: set.version, issued: set.issued });
      const notice = state.notice
        ? { code: state.notice.code, cause: state.notice.cause, text: await port.message({ code: state.notice.code, slots: { version: set.version } }) }
        : null;
      return { version: set.version, issued: set.issued, sources: set.sources, builtIn: set.builtIn, line, notice };
    },
    /** No more daily downloads (the shell ends; a test's app is done), even if one is under way. */
    stop() {
      stopped = true;
      if (timer !== null) clearTimer(timer);
      timer = null;
    },
  };
  return updates;
}
