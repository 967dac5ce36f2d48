// The far end of the core port: what runs next to the gongji module, in the same thread
// (port.js directPort) or inside a Worker (core-worker.js). It owns the loaded Ledgers, kept
// behind ids the port chose, and the locale; it answers one method per page-level need, each
// returning a whole view model built by views.js, so one page costs one crossing.
//
// Every method takes and returns plain data (structured-clone safe): no Ledger, no function,
// no class instance crosses. METHODS is the port's interface; port.js builds its methods
// from the same list.

import { setScript } from './labels.js';
import { ledgerFromText } from './ledger-columns.js';
import * as views from './views.js';
import { consentsView, viewingBanner } from './consents-view.js';

/** Names of the port's core methods, each `(args: object) => value`. */
export const METHODS = [
  'setLocale', 'info', 'message', 'errorView',
  'loginForm', 'cardLoginForm', 'bindForm', 'transferForm', 'walletCheck',
  'loadLedger', 'freeLedger',
  'homeView', 'historyOptions', 'historyView', 'statementView', 'statementFile', 'historyCsv',
  'bindingsView', 'lifecycle', 'relationList', 'eligibilityView',
  'creditsView', 'walletView', 'checkView', 'demoLogins',
  'quotaCheck', 'quotasView', 'quotaReleaseView',
  'policyInfo', 'applyPolicySet',
  'consentsView', 'viewingBanner',
  'usesView', 'paymentPreviewView',
];

/**
 * The methods the start module answers: identity, money and messages only (Cargo.toml's
 * `full` feature off) — what the login pages and the chrome need. Until the whole module is
 * loaded these go to the start module; every other method waits for the whole one.
 */
export const START_METHODS = ['setLocale', 'info', 'message', 'errorView', 'loginForm', 'cardLoginForm', 'demoLogins', 'consentsView', 'viewingBanner'];

/** An error as it crosses the port: its name, stable code, text and slots, nothing else
 * (a copy: it decides nothing; see crossingError for what the far end sends). */
export function plainError(error) {
  const out = { name: 'Error', code: 'BOUNDARY_INTERNAL', message: '' };
  if (error && typeof error === 'object') {
    if (typeof error.name === 'string') out.name = error.name;
    if (typeof error.code === 'string') out.code = error.code;
    if (typeof error.message === 'string') out.message = error.message;
    if (error.slots && typeof error.slots === 'object') out.slots = { ...error.slots };
    if (typeof error.status === 'number') out.status = error.status;
  }
  return out;
}

/**
 * An error as it leaves the far end of the port: the core's own guard, `isGongjiError`, is
 * the one function that decides whether it is the core's (it then crosses named
 * 'GongjiError', its catalog text kept); anything else crosses as a 'PortError'. The near end
 * (port.js PortError) takes the name as sent, and views.errorView asks the same guard.
 * @param {unknown} error
 * @param {{isGongjiError(error: unknown): boolean} | null} core  null when the core never loaded
 */
export function crossingError(error, core) {
  return { ...plainError(error), name: core && core.isGongjiError(error) ? 'GongjiError' : 'PortError' };
}

class PortFault extends Error {
  constructor(code, slots = undefined) {
    super(code);
    this.name = 'PortError';
    this.code = code;
    if (slots) this.slots = slots;
  }
}

// The rule functions a PolicySet answers itself: with an updated set applied, the views call
// these on the set instead of the module's (which use the built-in set).
const SET_RULES = ['checkBinding', 'nextBindingState', 'checkUse', 'checkWalletTransfer', 'estimateMonthlyCredit', 'checkQuota', 'relationEnd'];

/** The module as the views see it, with the rule functions answered by `set`. */
function underSet(module, set) {
  const ruled = Object.create(module);
  // Defined, not assigned: the module's exports are read-only (namespace) or getters (CJS).
  for (const name of SET_RULES) Object.defineProperty(ruled, name, { value: (...args) => set[name](...args) });
  return ruled;
}

/** What 关于 shows of a set: its version, issue date and sources. */
const aboutSet = (set, builtIn) => ({ version: set.version(), issued: set.issued(), sources: set.sources(), builtIn });

/**
 * The service over a loaded gongji module.
 * @param {typeof import('../../pkg/web/gongji.js')} module
 * @param {{path?: string, stage?: 'start' | 'whole'}} [options]  which way the core was loaded, for
 *   关于/diagnostics; `stage`: 'start' when `module` is the start module (then only
 *   START_METHODS may be called), for info().
 */
export function createCoreService(module, { path = 'direct', stage = 'whole' } = {}) {
  // `core` is what the views compute with: the module, or the module under an applied set.
  let core = module;
  let builtInSet = null;
  let appliedSet = null; // an updated PolicySet (applyPolicySet), or null: the built-in one
  const currentSet = () => appliedSet ?? (builtInSet ??= module.PolicySet.builtIn());
  const ledgers = new Map();
  let lifecycle = null;
  let locale = 'zh-Hans';

  const ledgerOf = (id) => {
    const ledger = ledgers.get(id);
    // A ledger id the port no longer holds (freed, or from before a Worker restart).
    if (!ledger) throw new PortFault('SHELL_CORE_LEDGER_GONE');
    return ledger;
  };
  const lifecycleTable = () => {
    if (!lifecycle) lifecycle = views.lifecycleTable(core);
    return lifecycle;
  };

  /** @type {Record<string, (args: any) => any>} */
  const methods = {
    setLocale({ locale: tag }) {
      locale = tag === 'zh-Hant' ? 'zh-Hant' : 'zh-Hans';
      core.setLocale(locale);
      setScript(locale);
      lifecycle = null; // its labels are in the locale
      return { locale };
    },
    // `stage`: 'start' while the start module answers, 'whole' once the whole one does.
    info: () => ({ version: core.version(), path, locale, ledgers: ledgers.size, stage }),
    message: ({ code, slots }) => views.messageText(core, code, slots),
    errorView: ({ error, region }) => views.errorView(core, error, { region }),
    loginForm: ({ values, smsOnly }) => views.loginForm(core, values ?? {}, { smsOnly: Boolean(smsOnly) }),
    cardLoginForm: ({ values }) => views.cardLoginForm(core, values ?? {}),
    bindForm: ({ values }) => views.bindForm(core, values ?? {}),
    transferForm: ({ values, wallet }) => views.transferForm(core, { values: values ?? {}, wallet }),
    walletCheck: ({ amountText, wallet }) => views.walletCheck(core, { amountText, wallet }),
    // `columns`: through the host's JSON.parse and columns (ledger-columns.js), which the port
    // asks for where the engine has no JIT (gate.js logicLayerWithoutJit): a 10k history is
    // ~2.5× faster so on an iPhone, and ~5× slower on V8, whose JIT makes the text path as
    // fast as JSON.parse. The same ledger either way.
    loadLedger({ id, text, columns }) {
      const ledger = columns === true ? ledgerFromText(core, text) : core.Ledger.fromJson(text);
      if (ledgers.has(id)) ledgers.get(id).free();
      ledgers.set(id, ledger);
      return { id, size: ledger.size };
    },
    freeLedger({ id }) {
      const ledger = ledgers.get(id);
      if (ledger) ledger.free();
      return ledgers.delete(id);
    },
    homeView: ({ ledger, person, bindings, wallet, now, masked }) => views.homeView(core, { person, ledger: ledgerOf(ledger), bindings, wallet, now, masked }),
    historyOptions: ({ ledger, person, bindings }) => views.historyOptions(core, ledgerOf(ledger), person, bindings),
    historyView: ({ ledger, filters, page, pageSize, masked, chart }) => views.historyView(core, ledgerOf(ledger), filters, { page, pageSize, masked, chart }),
    // `now` (a JS timestamp) is the shell's clock; the core turns it into China time.
    statementView: ({ ledger, person, filters, now, rows }) => views.statementView(core, ledgerOf(ledger), person, filters, now ?? Date.now(), { rows: rows !== false }),
    statementFile: ({ ledger, filters, now }) => views.statementFile(core, ledgerOf(ledger), filters, now ?? Date.now()),
    historyCsv: ({ ledger, filters }) => ledgerOf(ledger).toCsv(views.matchQuery(filters)),
    bindingsView: ({ bindings }) => views.bindingsView(core, bindings, lifecycleTable()),
    lifecycle: () => lifecycleTable(),
    relationList: () => views.relationList(core),
    eligibilityView: ({ holder, member, relation, date, bindings }) => views.eligibilityView(core, {
      holder: views.personForRules(holder), member: views.personForRules(member), relation, date, bindings,
    }),
    creditsView: ({ ledger, person, date, masked }) => views.creditsView(core, ledgerOf(ledger), person, { date, masked }),
    walletView: ({ wallet, masked }) => views.walletView(core, wallet, { masked }),
    checkView: ({ ledger }) => views.checkView(core, ledgerOf(ledger)),
    demoLogins: ({ logins }) => views.demoLogins(core, logins),
    // 共济额度 (2026): the live check, the list with the core's figures, a release's effect.
    quotaCheck: ({ amountText, psnNo, wallet, date, region }) => views.quotaCheck(core, { amountText, psnNo, wallet: wallet ?? {}, date, region }),
    quotasView: ({ wallet, masked }) => views.quotasView(core, { wallet: wallet ?? null, masked }),
    quotaReleaseView: ({ wallet, psnNo }) => views.quotaReleaseView(core, { wallet: wallet ?? {}, psnNo }),
    // Rule updates without a release (#15): which set is in use; a downloaded set's text.
    policyInfo: () => aboutSet(currentSet(), appliedSet === null),
    /**
     * Validates a set's text (PolicySet.fromJson: POLICY_SET_INVALID, coded) and applies it
     * when its version is newer than the set in use. A set older than the built-in one is
     * refused (POLICY_SET_OLDER); one not newer than the set in use changes nothing.
     * Resolves to {applied, ...policyInfo}.
     */
    applyPolicySet({ text }) {
      const candidate = module.PolicySet.fromJson(text);
      const builtIn = (builtInSet ??= module.PolicySet.builtIn());
      if (candidate.compareVersion(builtIn.version()) < 0) {
        const slots = { version: candidate.version(), builtIn: builtIn.version() };
        candidate.free();
        throw new PortFault('POLICY_SET_OLDER', slots);
      }
      if (candidate.compareVersion(currentSet().version()) <= 0) {
        candidate.free();
        return { applied: false, ...aboutSet(currentSet(), appliedSet === null) };
      }
      if (appliedSet) appliedSet.free();
      appliedSet = candidate;
      core = underSet(module, candidate);
      lifecycle = null; // the lifecycle table follows the set's rules
      return { applied: true, ...aboutSet(candidate, false) };
    },
    // 钱能用在哪 (#14): the uses under the set in use, its guidance, and a payment preview.
    usesView: ({ person, bindings, wallet, date }) => views.usesView(core, currentSet(), { person, bindings, wallet, date }),
    paymentPreviewView: ({ person, wallet, patient, selfPay, ownBalance }) => views.paymentPreviewView(core, { person, wallet, patient, selfPay, ownBalance }),
    // 代办: the consents listed, and the banner while viewing another's account.
    consentsView: ({ answer }) => consentsView(core, answer ?? null),
    viewingBanner: ({ viewing }) => viewingBanner(core, viewing ?? null),
  };

  return {
    /** Runs one method; throws (a GongjiError, a PortError) as the port's caller should see. */
    call(method, args) {
      if (!Object.prototype.hasOwnProperty.call(methods, method)) throw new PortFault('SHELL_CORE_NO_METHOD');
      return methods[method](args ?? {});
    },
    /** An error `call` threw, as it crosses the port (crossingError, with this core). */
    crossing: (error) => crossingError(error, core),
  };
}

/**
 * The core behind either end of the port (directPort in this thread, serveCore in a Worker),
 * loaded on first use in two stages: `loadStart()` gives the start module, which answers
 * START_METHODS (and 'init', the Worker's first message); `load()` gives the whole module,
 * loaded for the first other method — and in the background (`defer`) as soon as the start
 * module is up, so that it is usually there before the user leaves the login page. From then
 * on the whole module answers everything, in the locale the start one was given. Without
 * `loadStart` (Alipay's fallback path, tests) the whole module answers from the first call.
 * A load that failed is tried again on the next call; a start module that fails to load
 * leaves every call to the whole one.
 * @param {{load: () => any, loadStart?: () => any, path?: string, defer?: (run: () => void) => void}} options
 */
export function lazyService({ load, loadStart, path, defer = (run) => { setTimeout(run, 0); } }) {
  let whole = null;
  let wholeLoading = null;
  let start = null;
  let startLoading = null;
  let startFailed = !loadStart;

  const loadWhole = () => {
    if (!wholeLoading) {
      wholeLoading = Promise.resolve().then(load).then((module) => {
        const service = createCoreService(module, { path });
        // Taken over in the same turn as `whole` is set, so no later setLocale is lost.
        if (start) service.call('setLocale', { locale: start.call('info', {}).locale });
        whole = service;
        start = null;
      }, (error) => {
        wholeLoading = null;
        throw error;
      });
    }
    return wholeLoading;
  };
  const loadStartModule = () => {
    if (!startLoading) {
      startLoading = Promise.resolve().then(loadStart).then((module) => {
        if (!whole) start = createCoreService(module, { path, stage: 'start' });
        defer(() => loadWhole().catch(() => {}));
      }, () => {
        startFailed = true;
        return loadWhole();
      });
    }
    return startLoading;
  };
  /** Resolves when a module that answers `method` is loaded. */
  const loaded = (method) => {
    if (whole) return Promise.resolve();
    const startCan = method === 'init' || START_METHODS.includes(method);
    if (!startCan || startFailed) return loadWhole();
    return start ? Promise.resolve() : loadStartModule().then(() => (whole || start ? undefined : loadWhole()));
  };

  return {
    /**
     * Runs one method on the stage that answers it, chosen in the same turn as the call:
     * resolves to {ok: true, value} or {ok: false, error} (the error as it crosses the port,
     * crossingError with that stage's core). Rejects only when no module loads.
     */
    async run(method, args) {
      try {
        await loaded(method);
      } catch (error) {
        // The whole module did not load while the start one answers: a coded error, which the
        // start module's catalog can put in words (the page offers its retry).
        if (start) return { ok: false, error: start.crossing(new PortFault('SHELL_CORE_LOAD_FAILED')) };
        throw error;
      }
      const service = whole ?? start;
      if (method === 'init') return { ok: true, value: null };
      try {
        return { ok: true, value: service.call(method, args) };
      } catch (error) {
        return { ok: false, error: service.crossing(error) };
      }
    },
  };
}
