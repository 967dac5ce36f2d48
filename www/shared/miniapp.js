// The WeChat and Alipay mini-programs' logic: App() and Page() options built on the same
// shared layer as the web portal — the core port (port.js), the session (session.js), the
// form flows (flows.js), labels — so a page here only turns flow results into setData. The
// platform object (`wx` or `my`) is passed in, never read as a global, so Node tests can run
// every page with a fake Page()/setData against the local server.
//
// How each reaches the core (decided once, at launch, by gate.js):
// - WeChat: WXWebAssembly in the logic layer, through the direct port;
// - Alipay: MYWebAssembly in a Worker (my.createWorker, experimental worker), through the
//   channel port; only where the client offers no Worker, the logic layer's standard
//   WebAssembly through the direct port — a fallback that the shell reports (关于 line,
//   `shell.corePath`);
// - a client too old for either: a plain, coded message (from the pre-core messages, as the
//   core's catalog cannot load), and no retry.
//
// www/scripts/sync-miniprogram.mjs bundles this file (ES2017, CommonJS) into each project's
// lib/shell.js; the core is WeChat's miniprogram_npm/gongji/ (构建 npm of the gongji package)
// or Alipay's lib/gongji/ (a copy of pkg/alipay) and, for Alipay, the Worker script
// (workers/core.js).

import { channelPort, directPort, METHODS, PortError } from './port.js';
import { createPrefs, createSession } from './session.js';
import { wxTransport, myTransport } from './transports.js';
import { setScript, t } from './labels.js';
import { checkClient, clientInfo, logicLayerWithoutJit, START_WASM_PATHS, WASM_PATHS, WORKER_SCRIPT } from './gate.js';
import { createPolicyUpdates } from './policy-updates.js';
import { relationChoices, plainRelation } from './relation-picker.js';
import { bannerData, bannerHandlers, countDown, proxyPageOptions } from './proxy-page.js';
import { chinaTime, orderDateRange, checkBind, checkLogin, checkQuota, checkTransfer, previewRelease, releaseQuota, requestSms, submitBind, submitLogin, submitQuota, submitTransfer, unbind } from './flows.js';

export const PAGES = ['login', 'home', 'history', 'family', 'credits', 'wallet', 'check', 'proxy', 'uses', 'statement'];

/** Synchronous storage over wx.*StorageSync (key, value) or my.*StorageSync({key, data}). */
function storageOf(api, platform) {
  if (platform === 'alipay') {
    return {
      get: (key) => { const r = api.getStorageSync({ key }); return r && r.data !== undefined ? r.data : null; },
      set: (key, data) => api.setStorageSync({ key, data }),
      remove: (key) => api.removeStorageSync({ key }),
    };
  }
  return {
    get: (key) => { const v = api.getStorageSync(key); return v === '' || v === undefined ? null : v; },
    set: (key, value) => api.setStorageSync(key, value),
    remove: (key) => api.removeStorageSync(key),
  };
}

/** The Alipay Worker as the channel port wants it. */
function spawnWorker(api) {
  return function spawn() {
    const worker = api.createWorker(WORKER_SCRIPT, { useExperimentalWorker: true });
    return {
      postMessage: (message) => worker.postMessage(message),
      onMessage: (cb) => worker.onMessage(cb),
      // iOS may reclaim an experimental worker when memory runs short.
      onDeath: (cb) => { if (typeof worker.onProcessKilled === 'function') worker.onProcessKilled(cb); },
      terminate: () => worker.terminate(),
    };
  };
}

/** A port for a client that cannot run the core: every call says why (the gate's code). */
function refusingPort(code) {
  const refuse = () => Promise.reject(new PortError({ name: 'PortError', code, message: code }));
  const port = { path: 'none', locale: 'zh-Hans', ready: refuse, setLocale: refuse, loadLedger: refuse, freeLedger: refuse };
  for (const method of METHODS) if (!(method in port)) port[method] = refuse;
  return port;
}

/**
 * The font size the user set in WeChat or Alipay (#14, 小程序适老化设计指南): WeChat's
 * getAppBaseInfo() gives fontSizeSetting in px (17 by default; 关怀模式 about 23.8) and
 * fontSizeScaleFactor, Alipay's getSystemInfoSync() fontSizeSetting. A setting of at least
 * LARGE_FONT_PX, or a scale of at least LARGE_FONT_SCALE, turns 长辈模式 on until the user
 * chooses otherwise — a user who made the whole app larger wants this one larger too.
 */
const LARGE_FONT_PX = 20;
const LARGE_FONT_SCALE = 1.2;
function platformFontIsLarge(api, platform) {
  const info = clientInfo(api, platform);
  const px = Number(info.fontSizeSetting);
  const scale = Number(info.fontSizeScaleFactor);
  return (Number.isFinite(px) && px >= LARGE_FONT_PX) || (Number.isFinite(scale) && scale >= LARGE_FONT_SCALE);
}

/**
 * What the history page's pickers show (#14): each option picker its chosen label and its
 * index (0 is 全部…, the way back), so the user sees what is selected — a bare picker shows
 * only its own name.
 */
function pickerState(options, filters) {
  const chosen = {};
  const pick = {};
  for (const [key, list] of [['member', options.members], ['type', options.types], ['institution', options.institutions]]) {
    const at = Math.max(0, (list || []).findIndex((o) => o.value === (filters[key] || '')));
    pick[key] = at;
    chosen[key] = list && list[at] ? list[at].label : '';
  }
  return { chosen, pick };
}

/**
 * The shell one mini-program keeps on its App instance: the port, the session, the
 * preferences. `loadCore()` returns the gongji module and `loadStartCore()` its start module
 * (both required lazily: on Alipay's Worker path the logic layer never needs them).
 */
export function createMiniShell({ api, platform, loadCore, loadStartCore, baseUrl, timeoutMs = 10000, sleep, precore = {}, hasWebAssembly = typeof WebAssembly !== 'undefined', coreTimeoutMs = 15000 }) {
  const storage = storageOf(api, platform);
  const gate = checkClient(api, platform, { hasWebAssembly });
  // Histories through the host's JSON.parse where the engine interprets (iOS), as text elsewhere.
  const columns = logicLayerWithoutJit(api, platform);
  let port;
  if (!gate.ok) port = refusingPort(gate.code);
  else if (gate.path === 'worker') port = channelPort({ spawn: spawnWorker(api), path: 'worker', timeoutMs: coreTimeoutMs, columns });
  else {
    port = directPort({
      path: gate.path,
      columns,
      load: () => {
        const gongji = loadCore();
        return gongji.init(WASM_PATHS[platform]).then(() => gongji);
      },
      // The start module first, where there is one to load the platform's way; Alipay's
      // fallback (a standard WebAssembly reading the uncompressed module) has only the whole one.
      loadStart: loadStartCore && gate.path !== 'logic-layer-fallback' ? () => {
        const start = loadStartCore();
        return start.init(START_WASM_PATHS[platform]).then(() => start);
      } : undefined,
    });
  }
  const shell = {
    platform,
    api,
    port,
    gate,
    /** Which way this shell reaches the core: 'logic-layer' (WeChat), 'worker' or 'logic-layer-fallback' (Alipay), 'none'. */
    corePath: gate.ok ? gate.path : 'none',
    prefs: createPrefs(storage, { elderByDefault: platformFontIsLarge(api, platform) }),
    session: null,
    coreLoaded: false, // without the core there is no catalog: errors fall back to a chrome label
    info: null,
    ready: null,
    /** Loads the core once (again after a failure, on the page's retry) and applies the locale. */
    init() {
      if (!gate.ok) return Promise.reject(new PortError({ name: 'PortError', code: gate.code, message: gate.code }));
      if (!shell.ready) {
        shell.ready = port.ready().then(async () => {
          shell.coreLoaded = true;
          await port.setLocale(shell.prefs.locale);
          shell.info = await port.ready();
          // The last good policy set before any account page computes (page() waits for it;
          // the login page does not: it computes no rule, and the start module answers it
          // while the whole one loads). The download runs on its own.
          shell.policies.restore().catch(() => {});
          shell.policies.start().catch(() => {});
        }, (error) => {
          shell.ready = null;
          throw error;
        });
      }
      return shell.ready;
    },
    async setPrefs(change) {
      shell.prefs.set(change);
      if (shell.coreLoaded) await port.setLocale(shell.prefs.locale);
      else setScript(shell.prefs.locale);
    },
    /** A caught error as the page shows it: {code, message, retry}. */
    async errorFor(error) {
      const code = error && error.code;
      // What must be said without a core: too old a client, a Worker that stopped twice.
      if (code && precore[code]) return { code, message: precore[code][shell.prefs.locale === 'zh-Hant' ? 1 : 0], retry: false };
      if (!shell.coreLoaded) return { code: '', message: t('loadFailed'), retry: true };
      const view = await shell.session.describe(error);
      return { code: view.code, message: view.message, retry: true, hotline: view.hotline || '' };
    },
    go(page) {
      api.reLaunch({ url: `/pages/${page}/index` });
    },
    /** 关于's policy lines (policy-updates.js describe), in the current script. */
    policyAbout: null,
    async describePolicy() {
      try {
        shell.policyAbout = await shell.policies.describe(t);
      } catch {
        shell.policyAbout = null;
      }
      return shell.policyAbout;
    },
    /** Set by the page on screen: redraws its 关于 when a downloaded set changed it. */
    repaintAbout: null,
  };
  shell.session = createSession({
    port,
    client: { baseUrl, transport: platform === 'alipay' ? myTransport(api) : wxTransport(api), storage, timeoutMs, sleep },
    // reLaunch closes every page: what the session showed leaves the screen with them.
    onEnd: () => {
      // Nothing of the last person's stays for the next one: not even the history filters.
      shell.historyFilters = null;
      shell.go('login');
    },
  });
  shell.policies = createPolicyUpdates({
    port,
    client: shell.session.client,
    storage,
    onChange: () => shell.describePolicy().then(() => { if (shell.repaintAbout) shell.repaintAbout(); }),
  });
  return shell;
}

/** App() options: the shell is created at launch and kept as `this.shell`; coming back to
 * the app re-checks the session with the endpoint (a lapsed one ends there and then). */
export function appOptions(config) {
  return {
    onLaunch() {
      this.shell = createMiniShell(config);
      this.shell.init().catch(() => {});
    },
    onShow() {
      if (this.shell && this.shell.coreLoaded) {
        // Back in front: the daily policy download, if a day has passed since the last one.
        this.shell.policies.refreshIfDue().catch(() => {});
        return this.shell.session.check({ remote: true });
      }
      return undefined;
    },
  };
}

/**
 * The chrome every page shows: labels in the current script, the 长辈模式 flag, the 关于 line.
 * `shell` is whatever holds {prefs, corePath, info, policyAbout}: the shell itself, or FIRST_PAINT.
 */
function chrome(keys, { prefs, corePath, info, policyAbout }) {
  const labels = {};
  for (const key of keys) labels[key] = t(key);
  const pathName = { worker: t('coreWorker'), 'logic-layer': t('coreLogicLayer'), 'logic-layer-fallback': t('coreFallback') }[corePath] || '';
  return {
    labels,
    elder: prefs.elder,
    locale: prefs.locale,
    scriptSwitch: prefs.locale === 'zh-Hant' ? t('hans') : t('hant'),
    elderSwitch: prefs.elder ? t('standardMode') : t('elderMode'),
    about: Object.assign({ version: info ? info.version : '', path: corePath, pathName }, policyLines(policyAbout)),
  };
}

/** 关于's policy set line and the quiet notice (empty strings before they are known). */
function policyLines(policy) {
  return {
    policyVersion: policy ? policy.version : '',
    policyLine: policy ? policy.line : '',
    policyNotice: policy && policy.notice ? policy.notice.text : '',
    policyCause: policy && policy.notice ? policy.notice.cause : '',
  };
}

const COMMON = ['logout', 'loading', 'retry', 'hideAmounts', 'version', 'callHotline'];

/** The first frame, before the shell has read the preferences or loaded the core: 简体 and
 * standard mode, no core path or policy set yet — the same keys as later, so no template path is empty. */
const FIRST_PAINT = Object.freeze({ prefs: { elder: false, locale: 'zh-Hans' }, corePath: '', info: null, policyAbout: null });

/**
 * Behaviour every page shares: wait for the core, render, show coded errors with a retry,
 * switch 简/繁 and 长辈模式, log out. `render(shell)` returns the page's data; `empty` is
 * what the page shows before it has any (first paint, and a page left for login), so every
 * path its template reads exists from the first frame.
 */
function page(name, getApp, keys, render, extra = {}, empty = {}) {
  return Object.assign({
    data: Object.assign({ loading: true, error: null, banner: null }, chrome(COMMON.concat(keys), FIRST_PAINT), empty),
    async refresh() {
      const shell = getApp().shell;
      try {
        await shell.init();
        // Asked again each time: a restore that failed (the whole module did not load) is
        // tried again, and a done one answers at once.
        if (name !== 'login') await shell.policies.restore().catch(() => {});
        // The title in the chosen script (index.json holds the 简体 one for the first paint).
        const title = t(name === 'login' ? 'appName' : name);
        if (shell.platform === 'alipay' && shell.api.setNavigationBar) shell.api.setNavigationBar({ title });
        if (shell.platform === 'wechat' && shell.api.setNavigationBarTitle) shell.api.setNavigationBarTitle({ title });
        shell.repaintAbout = () => this.setData({ about: chrome([], shell).about });
        // 关于's policy line needs the whole module: the login page draws without waiting.
        if (name === 'login') shell.describePolicy().then(() => { if (shell.repaintAbout) shell.repaintAbout(); });
        else await shell.describePolicy();
        this.setData(Object.assign({ loading: true, error: null }, chrome(COMMON.concat(keys), shell)));
        const data = await render.call(this, shell);
        // 代办: whose account is on view (after the render: its load may have ended the viewing).
        this.setData(Object.assign({ loading: false, error: null }, data, await bannerData(shell)));
      } catch (error) {
        const view = await shell.errorFor(error);
        this.setData(Object.assign(chrome(COMMON.concat(keys), shell), { loading: false, error: view }, shell.coreLoaded ? await bannerData(shell) : { banner: null }));
      }
    },
    onShow() {
      return this.refresh();
    },
    onRetry() {
      return this.refresh();
    },
    async onToggleScript() {
      await getApp().shell.setPrefs({ locale: getApp().shell.prefs.locale === 'zh-Hant' ? 'zh-Hans' : 'zh-Hant' });
      return this.refresh();
    },
    async onToggleElder() {
      await getApp().shell.setPrefs({ elder: !getApp().shell.prefs.elder });
      return this.refresh();
    },
    onLogout() {
      return getApp().shell.session.logout();
    },
    onNav(event) {
      getApp().shell.go(event.currentTarget.dataset.page);
    },
    /** The hotline an error names, called (wx.makePhoneCall takes phoneNumber, my number). */
    onCallHotline(event) {
      const hotline = event.currentTarget.dataset.tel;
      if (hotline) getApp().shell.api.makePhoneCall({ phoneNumber: hotline, number: hotline });
    },
  }, bannerHandlers(getApp), extra);
}

/** Needs a session: without one (lapsed, or ended by the endpoint: asked on every page
 * shown) the page sends the user to login, and the session module has cleared the rest. */
function guarded(render) {
  return async function (shell) {
    if (!(await shell.session.check({ remote: true }))) {
      shell.go('login');
      return {};
    }
    return render.call(this, shell);
  };
}

/**
 * Asks before an irreversible action, with the platform's own modal (wx.showModal,
 * my.confirm): resolves true only for the confirming button; a failed or missing modal
 * means no, so nothing irreversible happens unasked.
 */
function askFirst(shell, { title, content, confirmText, cancelText }) {
  const { api, platform } = shell;
  return new Promise((resolve) => {
    const done = (res) => resolve(Boolean(res && res.confirm));
    const no = () => resolve(false);
    if (platform === 'alipay' && typeof api.confirm === 'function') {
      api.confirm({ title, content, confirmButtonText: confirmText, cancelButtonText: cancelText, success: done, fail: no });
    } else if (platform !== 'alipay' && typeof api.showModal === 'function') {
      api.showModal({ title, content, confirmText, cancelText, confirmColor: '#8b0000', success: done, fail: no });
    } else no();
  });
}

/** 解除绑定 asks first, naming the relative and what ends from this moment. */
function confirmUnbind(shell, bindings, psnNo) {
  const binding = (bindings || []).find((b) => b.psnNo === psnNo);
  const name = binding ? binding.name : '';
  return askFirst(shell, {
    title: t('confirmUnbindTitle', { name }),
    content: t('confirmUnbindBody', { name }),
    confirmText: t('unbind'),
    cancelText: t('cancel'),
  });
}

const value = (event) => (event && event.detail ? event.detail.value : '');
const field = (event) => event.currentTarget.dataset.field;

const PAGE_SIZE = 20;
const NO_DECISION = null;

/** Page() options for `name`, for the platform whose App holds the shell. */
export function pageOptions(name, getApp) {
  const ctx = () => getApp().shell;
  const noticeOf = async (shell) => {
    const code = shell.session.takeNotice();
    return code ? shell.port.message({ code }) : '';
  };
  const builders = {
    login: () => page('login', getApp, ['appName', 'certno', 'phone', 'smsCode', 'smsNeverTell', 'sendSms', 'submitLogin'], async function (shell) {
      const notice = await noticeOf(shell);
      if (shell.session.isLoggedIn()) shell.go('home');
      return { form: { certno: '', phone: '', smsCode: '' }, errors: {}, notice, noticeCode: '', sendLabel: this.data.resendLeft > 0 ? t('resendIn', { seconds: this.data.resendLeft }) : t('sendSms') };
    }, {
      async onInput(event) {
        const form = Object.assign({}, this.data.form, { [field(event)]: value(event) });
        this.setData({ form });
        const checked = await checkLogin(ctx(), form);
        this.setData({ errors: checked.errors });
      },
      async onSendSms() {
        if (this.data.resendLeft > 0) return; // still counting down: a tap would only be refused
        const result = await requestSms(ctx(), this.data.form);
        this.setData({ errors: result.errors });
        if (result.notice) this.setData({ notice: result.notice.message, noticeCode: result.notice.code });
        if (result.notice && result.notice.code === 'SHELL_SMS_SENT') countDown(this);
      },
      onUnload() {
        this.unloaded = true;
      },
      async onSubmit() {
        const shell = ctx();
        const result = await submitLogin(shell, this.data.form);
        this.setData({ errors: result.errors });
        if (result.ok) shell.go('home');
        else if (result.error) this.setData({ notice: result.error.message, noticeCode: result.error.code });
      },
    }, { form: { certno: '', phone: '', smsCode: '' }, errors: {}, notice: '', noticeCode: '', sendLabel: t('sendSms'), resendLeft: 0 }),

    home: () => page('home', getApp, ['balance', 'familyCanDraw', 'activeMembers', 'asOf', 'source', 'none', 'history', 'family', 'credits', 'wallet', 'check', 'proxy', 'uses', 'quotasSet', 'holderCanUse'], guarded(async function (shell) {
      const data = await shell.session.load();
      const view = await shell.port.homeView({ ledger: data.ledger, person: data.person, bindings: data.bindings, wallet: data.wallet, now: chinaTime() });
      view.activeMembers = view.activeMembers.map((m) => Object.assign({}, m, { relation: plainRelation(m.relation, shell.prefs.locale) }));
      return { view };
    })),

    history: () => page('history', getApp, ['statement', 'from', 'to', 'anyDate', 'clearDates', 'member', 'allMembers', 'type', 'allTypes', 'institution', 'search', 'previous', 'next', 'credited', 'spentOwn', 'spentFamily', 'medfeeTotal'], guarded(async function (shell) {
      const data = await shell.session.load();
      const filters = this.data.filters || { from: '', to: '', member: '', type: '', institution: '' };
      const options = await shell.port.historyOptions({ ledger: data.ledger, person: data.person, bindings: data.bindings });
      const members = [{ value: '', label: t('allMembers') }].concat(options.members);
      const types = [{ value: '', label: t('allTypes') }].concat(options.types);
      const institutions = [{ value: '', label: t('allInstitutions') }].concat(options.institutions);
      return Object.assign({ filters, members, types, institutions, datesNote: '' }, pickerState({ members, types, institutions }, filters), await this.show(shell, filters, this.data.page || 1));
    }), {
      /** One port call: the page of records with their amounts formatted, and the sums. */
      async show(shell, filters, pageNo) {
        // The filters shown are the ones 对账单 reads (every change passes through here).
        shell.historyFilters = filters;
        const view = await shell.port.historyView({ ledger: shell.session.data.ledger, filters, page: pageNo, pageSize: PAGE_SIZE });
        return { page: pageNo, view };
      },
      async onDate(event) {
        const ordered = orderDateRange(Object.assign({}, this.data.filters, { [field(event)]: value(event) }));
        const filters = ordered.filters;
        this.setData(Object.assign({ filters, datesNote: ordered.swapped ? t('datesSwapped') : '' }, await this.show(ctx(), filters, 1)));
      },
      async onPick(event) {
        const key = field(event);
        const options = { member: this.data.members, type: this.data.types, institution: this.data.institutions }[key];
        const chosen = options[Number(value(event))];
        const filters = Object.assign({}, this.data.filters, { [key]: chosen ? chosen.value : '' });
        this.setData(Object.assign({ filters }, pickerState(this.data, filters), await this.show(ctx(), filters, 1)));
      },
      /** A date cannot be un-picked in a date picker: this clears both, back to the whole history. */
      async onClearDates() {
        const filters = Object.assign({}, this.data.filters, { from: '', to: '' });
        this.setData(Object.assign({ filters, datesNote: '' }, await this.show(ctx(), filters, 1)));
      },
      async onPrev() {
        if (this.data.page > 1) this.setData(await this.show(ctx(), this.data.filters, this.data.page - 1));
      },
      async onNext() {
        if (this.data.page < this.data.view.pages) this.setData(await this.show(ctx(), this.data.filters, this.data.page + 1));
      },
    }),

    family: () => page('family', getApp, ['bindings', 'bindNew', 'name', 'certno', 'relation', 'phone', 'submitBind', 'unbind', 'policyUsed', 'effectiveFrom', 'faceCheck',
      'quotas', 'quotaAmount', 'submitQuota', 'changeQuota', 'releaseQuota', 'quotaSet', 'quotaUsed', 'quotaUnused', 'quotaMax', 'availableAfter'], guarded(async function (shell) {
      const data = await shell.session.load();
      const [bindings, table, quotas, explained, notice] = await Promise.all([shell.port.bindingsView({ bindings: data.bindings }), shell.port.relationList(),
        shell.port.quotasView({ wallet: data.wallet }), shell.port.message({ code: 'QUOTA_EXPLAINED' }), noticeOf(shell)]);
      // The common relations in plain words first, then the whole table (其他关系).
      const choices = relationChoices(table, shell.prefs.locale);
      for (const b of bindings) b.relation = plainRelation(b.relation, shell.prefs.locale);
      const relations = choices.common.concat(choices.others.map((r) => ({ code: r.code, name: `${t('otherRelations')} · ${r.name}` })));
      return { bindings, relations, quotas, quota: null, explained, form: { name: '', certno: '', relation: '', phone: '' }, relationIndex: -1, errors: {}, decision: NO_DECISION, notice };
    }), {
      onInput(event) {
        const form = Object.assign({}, this.data.form, { [field(event)]: value(event) });
        this.setData({ form });
        return this.evaluate(form);
      },
      onRelation(event) {
        const index = Number(value(event));
        const chosen = this.data.relations[index];
        const form = Object.assign({}, this.data.form, { relation: chosen ? chosen.code : '' });
        this.setData({ form, relationIndex: index });
        return this.evaluate(form);
      },
      async evaluate(form) {
        this.setData({ decision: NO_DECISION });
        const result = await checkBind(ctx(), form);
        this.setData({ errors: result.errors, decision: result.decision });
        const decision = result.decision;
        // A relative insured in another province: the quota form instead of a binding.
        if (decision && decision.eligible && decision.channel === 'wallet' && result.relative) {
          const existing = ((this.data.quotas && this.data.quotas.quotas) || []).filter((q) => q.psnNo === result.relative.psnNo)[0];
          await this.openQuota(Object.assign({}, result.relative, { name: existing ? existing.name : decision.memberName }), existing);
        } else if (this.data.quota) this.setData({ quota: null });
        return Boolean(decision && decision.eligible);
      },
      /** Opens the quota form for `relative` {certno, psn_name, relation, psnNo, name}. */
      async openQuota(relative, existing) {
        const amount = existing ? existing.amount.amount : '';
        const check = await checkQuota(ctx(), amount, relative.psnNo);
        this.setData({ quota: { relative, title: t('quotaFor', { name: relative.name }), amount, existing: Boolean(existing), check, error: '' } });
      },
      onChangeQuota(event) {
        const psn = event.currentTarget.dataset.psn;
        const existing = this.data.quotas.quotas.filter((q) => q.psnNo === psn)[0];
        const source = (ctx().session.data.wallet.quotas || []).filter((q) => q.psn_no === psn)[0] || {};
        if (!existing) return undefined;
        return this.openQuota({ certno: source.certno, psn_name: source.psn_name, relation: source.relation, psnNo: psn, name: existing.name }, existing);
      },
      async onQuotaInput(event) {
        const amount = value(event);
        const quota = Object.assign({}, this.data.quota, { amount });
        this.setData({ quota });
        const check = await checkQuota(ctx(), amount, quota.relative.psnNo);
        // A later keystroke may have landed meanwhile: only the answer for what is shown.
        if (this.data.quota && this.data.quota.amount === amount) this.setData({ quota: Object.assign({}, this.data.quota, { check }) });
      },
      async onSubmitQuota() {
        const quota = this.data.quota;
        const result = await submitQuota(ctx(), quota.relative, quota.amount);
        if (result.ok) return this.refresh();
        this.setData({ quota: Object.assign({}, quota, { check: result.check, error: result.error ? result.error.message : '' }) });
        return undefined;
      },
      /** 释放额度: says what returns and asks first (it cannot be undone); no yes, nothing sent. */
      async onReleaseQuota(event) {
        const shell = ctx();
        const psn = event.currentTarget.dataset.psn;
        const preview = await previewRelease(shell, psn);
        if (!preview || !preview.released) return false;
        if (!(await askFirst(shell, { title: t('releaseQuota'), content: preview.confirm, confirmText: t('releaseQuota'), cancelText: t('cancel') }))) return false;
        const result = await releaseQuota(shell, psn);
        if (result.ok) {
          await this.refresh();
          return true;
        }
        this.setData({ notice: result.error.message });
        return false;
      },
      onRetryLookup() {
        return this.evaluate(this.data.form);
      },
      async onSubmitBind() {
        const result = await submitBind(ctx(), this.data.form);
        if (result.ok) return this.refresh();
        this.setData({ errors: result.errors, decision: result.decision });
        if (result.error) this.setData({ notice: result.error.message });
        return undefined;
      },
      async onUnbind(event) {
        const psn = event.currentTarget.dataset.psn;
        if (!(await confirmUnbind(ctx(), this.data.bindings, psn))) return undefined;
        const result = await unbind(ctx(), psn);
        if (result.ok) return this.refresh();
        this.setData({ notice: result.error.message });
        return undefined;
      },
    }, { bindings: [], quotas: null, quota: null }), // the bind form appears with the relation list

    credits: () => page('credits', getApp, ['creditEstimate', 'creditHistory', 'sums', 'policyUsed'], guarded(async function (shell) {
      const data = await shell.session.load();
      return { view: await shell.port.creditsView({ ledger: data.ledger, person: data.person, date: chinaTime().slice(0, 10) }) };
    })),

    wallet: () => page('wallet', getApp, ['payeeName', 'payeeCertno', 'amount', 'submitTransfer', 'transfersToday', 'pendingTransfer', 'walletHistory', 'quotas', 'holderCanUse', 'quotaUnused', 'family'], guarded(async function (shell) {
      const data = await shell.session.load();
      const wallet = await shell.session.client.wallet();
      const [view, quotas, notice] = await Promise.all([shell.port.walletView({ wallet }), shell.port.quotasView({ wallet: data.wallet }), noticeOf(shell)]);
      return { wallet, transfers: view.transfers, quotas, form: { name: '', certno: '', amount: '' }, errors: {}, check: null, notice };
    }), {
      async onInput(event) {
        const form = Object.assign({}, this.data.form, { [field(event)]: value(event) });
        this.setData({ form });
        const result = form.amount ? await checkTransfer(ctx(), form, this.data.wallet) : null;
        this.setData({ check: result ? result.check : null });
      },
      async onSubmitTransfer() {
        const result = await submitTransfer(ctx(), this.data.form, this.data.wallet);
        this.setData({ check: result.check, errors: { certno: result.errors.certno || '', name: result.errors.name || '' } });
        if (result.ok) {
          await this.refresh();
          return true;
        }
        if (result.error) this.setData({ notice: result.error.message });
        return false;
      },
    }, { transfers: [], quotas: null }), // the transfer form appears with the wallet's data

    check: () => page('check', getApp, ['reconcileOk', 'reconcileDiff', 'anomalies', 'noAnomalies', 'rejectedRecords', 'hotline', 'callHotline'], guarded(async function (shell) {
      const data = await shell.session.load();
      return { view: await shell.port.checkView({ ledger: data.ledger }) };
    }), {
      onCall() {
        // wx.makePhoneCall takes phoneNumber, my.makePhoneCall number.
        const hotline = this.data.view.hotline;
        getApp().shell.api.makePhoneCall({ phoneNumber: hotline, number: hotline });
      },
    }),
    // 代办查看 (shared/proxy-page.js).
    proxy: () => proxyPageOptions({ page, guarded, askFirst, getApp }),
    // 对账单 (#14): the statement a counter would hand out for the history's filters — the head
    // and totals on the page, and the whole statement (rows included) as a file to send: on
    // WeChat written to the user's file folder and handed to wx.shareFileMessage (a chat, or
    // 文件传输助手 to keep it). Alipay documents no way to hand a file to the user, so there the
    // page says so and points to the portal's print view.
    statement: () => page('statement', getApp, ['statementPeriod', 'holder', 'certno', 'issuedAt', 'openingBalance', 'creditsIn', 'debitsTotal', 'closingBalance', 'shareStatement', 'statementNoShare'], guarded(async function (shell) {
      const data = await shell.session.load();
      const filters = shell.historyFilters || {};
      const now = Date.now();
      const [view, text] = await Promise.all([
        shell.port.statementView({ ledger: data.ledger, person: data.person, filters, now, rows: false }),
        shell.port.statementFile({ ledger: data.ledger, filters, now }),
      ]);
      // Named with the issue day in China time (the core's clock, whatever the phone's zone).
      const file = { text, fileName: `${t('statementTitle')}-${view.issuedAt.slice(0, 10)}.csv` };
      // Off the page data (setData has a size limit; the file may hold 10,000 rows).
      this.statementFile = file;
      const canShare = typeof shell.api.shareFileMessage === 'function' && typeof shell.api.getFileSystemManager === 'function' && Boolean(shell.api.env && shell.api.env.USER_DATA_PATH);
      return { view, records: t('statementRecordsFile', { records: view.records }), canShare, shareNote: '', fileName: file.fileName };
    }), {
      /** On the tap itself (WeChat lets shareFileMessage run only from one): write, then hand over. */
      onShareFile() {
        const api = getApp().shell.api;
        const file = this.statementFile;
        if (!file || !this.data.canShare) return false;
        const filePath = `${api.env.USER_DATA_PATH}/${file.fileName}`;
        try {
          api.getFileSystemManager().writeFileSync(filePath, file.text, 'utf8');
        } catch (error) {
          this.setData({ shareNote: t('statementShareFailed') });
          return false;
        }
        api.shareFileMessage({ filePath, fileName: file.fileName, fail: () => this.setData({ shareNote: t('statementShareFailed') }) });
        return true;
      },
    }, { view: null, canShare: false, shareNote: '', records: '', fileName: '' }),
    // 钱能用在哪 (#14): the uses under the policy in force, the deduction order with a preview
    // of one bill (previewPayment through the port), and the set's guidance with its sources.
    uses: () => page('uses', getApp, ['usesAllowed', 'usesNever', 'policyUsed', 'payPreview', 'patient', 'selfPayAmount', 'relativeOwnBalance', 'previewNow', 'payTotal', 'guidanceUnverified', 'basedOn'], guarded(async function (shell) {
      const data = await shell.session.load();
      const view = await shell.port.usesView({ person: data.person, bindings: data.bindings, wallet: data.wallet, date: chinaTime().slice(0, 10) });
      view.guidance = view.guidance.map((g) => Object.assign({}, g, { basis: g.sources.join('；') }));
      return { view, patientIndex: 0, form: { selfPay: '', ownBalance: '' }, errors: {}, preview: null };
    }), {
      onPatient(event) {
        // The relative's own balance is asked only for a relative; a new choice clears the answer.
        this.setData({ patientIndex: Number(value(event)) || 0, preview: null, errors: {} });
      },
      onInput(event) {
        this.setData({ form: Object.assign({}, this.data.form, { [field(event)]: value(event) }) });
      },
      async onPreview() {
        const shell = getApp().shell;
        const data = shell.session.data;
        const chosen = this.data.view.patients[this.data.patientIndex] || this.data.view.patients[0];
        const preview = await shell.port.paymentPreviewView({
          person: data.person,
          wallet: data.wallet,
          patient: chosen.value,
          selfPay: this.data.form.selfPay,
          ownBalance: chosen.value === 'self' ? '' : this.data.form.ownBalance,
        });
        this.setData({ errors: preview.errors, preview: preview.ok ? preview : null });
        return preview;
      },
    }, { view: null, patientIndex: 0, form: { selfPay: '', ownBalance: '' }, errors: {}, preview: null }),
  };
  if (!builders[name]) throw new Error(`no page ${name}`);
  return builders[name]();
}
