// The core port: the one object through which the portal and both mini-programs reach the
// gongji core. Async by contract — every method returns a promise — so a page cannot tell
// whether the core runs in its own thread or in a Worker, and two implementations serve:
//
// - directPort: the core in this thread (portal, WeChat logic layer, Alipay's fallback);
// - channelPort: the core in a Worker, over postMessage/onMessage (Alipay's documented
//   way: MYWebAssembly lives only in a Worker). Each request carries an id; errors come
//   back coded; a call that gets no answer in time fails with SHELL_CORE_TIMEOUT; a Worker
//   that dies is started again once (its ledgers and locale restored, the calls in flight
//   sent again — every core method is pure) and a second death is said (SHELL_CORE_STOPPED)
//   to every later call, with no retry loop.
//
// The port owns the ledger ids (loadLedger returns one; pages hold the id, never a Ledger),
// the locale (set once with setLocale) and the applied policy set's text: all three travel
// into a restarted Worker.

import { METHODS, lazyService, plainError } from './core-service.js';
import { setScript } from './labels.js';

export { METHODS };

/** What a port rejects with: a real Error with the stable code and the fields that crossed.
 * Its name is the one the far end sent (core-service.js crossingError: 'GongjiError' when the
 * core's isGongjiError said so, else 'PortError'); this end decides nothing. */
export class PortError extends Error {
  constructor(plain) {
    super(plain.message || plain.code);
    this.name = plain.name || 'PortError';
    this.code = plain.code;
    if (plain.slots) this.slots = plain.slots;
    if (plain.status !== undefined) this.status = plain.status;
  }
}

/**
 * Builds the port object around `send(method, args) → Promise`, with the parts both
 * implementations share: the ledger ids, the locale, the view methods.
 */
function portFace({ send, ready, path, restore, columns }) {
  let nextLedger = 0;
  let locale = 'zh-Hans';
  const ledgerTexts = new Map(); // id → text, so a restarted Worker can be given them again
  let policyText = null; // the applied policy set's text, likewise
  const port = {
    /** 'direct' | 'worker' | 'logic-layer' …: which way this port reaches the core. */
    path,
    /** Loads the core (once; again after a failure). Resolves to {version, path, locale}. */
    ready: () => ready().then(() => send('info', {})),
    /** The locale (zh-Hans | zh-Hant) for every later call, labels included. */
    async setLocale(tag) {
      locale = tag === 'zh-Hant' ? 'zh-Hant' : 'zh-Hans';
      setScript(locale);
      return send('setLocale', { locale });
    },
    get locale() {
      return locale;
    },
    /** Parses a history's JSON text in the core; resolves to its id (the port's, not a handle). */
    async loadLedger(text) {
      nextLedger += 1;
      const id = `ledger-${nextLedger}`;
      await send('loadLedger', { id, text, columns });
      ledgerTexts.set(id, text);
      return id;
    },
    async freeLedger(id) {
      ledgerTexts.delete(id);
      return send('freeLedger', { id });
    },
    /** Applies a downloaded policy set when it is newer (core-service.js); kept for a restart. */
    async applyPolicySet({ text }) {
      const result = await send('applyPolicySet', { text });
      if (result && result.applied) policyText = text;
      return result;
    },
  };
  for (const method of METHODS) {
    if (!(method in port)) port[method] = (args = {}) => send(method, args);
  }
  // What a fresh core needs to answer as the old one did (used by channelPort after a restart).
  restore.state = () => ({ locale, ledgers: [...ledgerTexts], policyText });
  return port;
}

/**
 * The core in this thread. `load()` resolves to the initialised gongji module, `loadStart()`
 * (optional) to its start module (core-service.js lazyService); either may be called again
 * after it failed.
 * `columns`: load histories through the host's JSON.parse and columns (ledger-columns.js)
 * — where the engine has no JIT (gate.js logicLayerWithoutJit).
 * @param {{load: () => Promise<any>, loadStart?: () => Promise<any>, path?: string, defer?: (run: () => void) => void, columns?: boolean}} options
 */
export function directPort({ load, loadStart, path = 'direct', defer, columns = false }) {
  const core = lazyService({ load, loadStart, path, defer });
  const send = async (method, args) => {
    const answer = await core.run(method, args);
    if (!answer.ok) throw new PortError(answer.error);
    return answer.value;
  };
  return portFace({ send, ready: () => core.run('init', {}), path, restore: {}, columns });
}

/**
 * The core in a Worker. `spawn()` starts one and returns its end of the channel:
 * `{postMessage(msg), onMessage(cb), onDeath?(cb), terminate?()}`. The Worker side is
 * core-worker.js (serveCore).
 * `columns` as for directPort.
 * @param {{spawn: () => any, path?: string, timeoutMs?: number, setTimer?: Function, clearTimer?: Function, columns?: boolean}} options
 */
export function channelPort({ spawn, path = 'worker', timeoutMs = 15000, setTimer = setTimeout, clearTimer = clearTimeout, columns = false }) {
  const restore = {};
  let channel = null;
  let generation = 0;
  let restarts = 0;
  let stopped = false;
  let nextId = 0;
  let booting = null;
  const pending = new Map(); // id → {method, args, resolve, reject, timer, generation}

  const fail = (entry, code) => {
    clearTimer(entry.timer);
    entry.reject(new PortError({ name: 'PortError', code, message: code }));
  };

  function post(id, entry) {
    entry.generation = generation;
    clearTimer(entry.timer);
    entry.timer = setTimer(() => {
      if (!pending.has(id)) return;
      // No answer in time: the Worker is stuck or gone. This call fails; the Worker is
      // replaced (once) so that the next calls have a live core.
      pending.delete(id);
      fail(entry, 'SHELL_CORE_TIMEOUT');
      died(entry.generation);
    }, timeoutMs);
    try {
      channel.postMessage({ id, method: entry.method, args: entry.args });
    } catch {
      died(entry.generation);
    }
  }

  function start() {
    generation += 1;
    const mine = generation;
    channel = spawn();
    channel.onMessage((message) => {
      if (mine !== generation || !message || typeof message.id !== 'number') return;
      const entry = pending.get(message.id);
      if (!entry) return;
      pending.delete(message.id);
      clearTimer(entry.timer);
      if (message.ok) entry.resolve(message.value);
      else entry.reject(new PortError(plainError(message.error)));
    });
    if (typeof channel.onDeath === 'function') channel.onDeath(() => died(mine));
  }

  /** The Worker of `which` generation died: start another once, else stop for good. */
  function died(which) {
    if (which !== generation || stopped) return;
    try {
      if (channel && typeof channel.terminate === 'function') channel.terminate();
    } catch {
      // already gone
    }
    if (restarts >= 1) {
      stopped = true;
      channel = null;
      for (const [id, entry] of pending) {
        pending.delete(id);
        fail(entry, 'SHELL_CORE_STOPPED');
      }
      return;
    }
    restarts += 1;
    const inFlight = [...pending].filter(([, entry]) => entry.generation === which);
    start();
    // The new core gets the locale and the ledgers first (those messages go first on the
    // channel), then every call that was in flight.
    const { locale, ledgers, policyText } = restore.state();
    booting = null;
    request('setLocale', { locale }).catch(() => {});
    if (policyText !== null) request('applyPolicySet', { text: policyText }).catch(() => {});
    for (const [id, text] of ledgers) request('loadLedger', { id, text, columns }).catch(() => {});
    for (const [id, entry] of inFlight) post(id, entry);
  }

  function request(method, args) {
    if (stopped) return Promise.reject(new PortError({ name: 'PortError', code: 'SHELL_CORE_STOPPED', message: 'SHELL_CORE_STOPPED' }));
    if (!channel) start();
    nextId += 1;
    const id = nextId;
    return new Promise((resolve, reject) => {
      const entry = { method, args, resolve, reject, timer: null, generation };
      pending.set(id, entry);
      post(id, entry);
    });
  }

  const ready = () => {
    if (!booting) {
      booting = request('init', {}).catch((error) => {
        booting = null;
        throw error;
      });
    }
    return booting;
  };
  const send = async (method, args) => {
    await ready();
    return request(method, args);
  };
  const port = portFace({ send, ready, path, restore, columns });
  /** For diagnostics and tests: how many times the Worker was started again. */
  Object.defineProperty(port, 'restarts', { get: () => restarts });
  return port;
}
