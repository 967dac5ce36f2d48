// The WeChat and Alipay mini-programs' logic: App() and Page() options built from the same
// shared layer as the web portal (client, transports, views, labels). The platform object
// (`wx` or `my`) is passed in, never read as a global, so Node tests can run every page with
// a fake Page()/setData and a fake wx.request/my.request against the local server.
//
// www/scripts/sync-miniprogram.mjs bundles this file (ES2017, CommonJS) into each project's
// lib/shell.js beside lib/gongji/ (a copy of pkg/wechat or pkg/alipay).

import { createClient } from './client.js';
import { wxTransport, myTransport } from './transports.js';
import { setScript, t } from './labels.js';
import {
  amountView, bindFormErrors, bindingsView, checkView, chinaTime, creditsView, eligibilityView, errorView, historyView,
  homeView, institutionOptions, loginErrors, memberOptions, messageText, personForRules, relationList, RECORD_TYPES,
  typeLabel, walletCheck,
} from './views.js';

export const PAGES = ['login', 'home', 'history', 'family', 'credits', 'wallet', 'check'];

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

/**
 * The shell one mini-program keeps on its App instance: the core, the API client, the
 * loaded account and the preferences. `init` loads the wasm from the code package.
 */
export function createMiniShell({ api, platform, gongji, baseUrl, wasmPath = 'lib/gongji/gongji.wasm.br', timeoutMs = 10000, sleep }) {
  const storage = storageOf(api, platform);
  const shell = {
    core: gongji,
    platform,
    api,
    data: null,
    loading: null,
    session: 0, // counts ended sessions: a load started in an earlier one is not kept
    coreLoaded: false, // without the core there is no catalog: errors fall back to a chrome label
    notice: '',
    prefs: { locale: storage.get('gongji.locale') || 'zh-Hans', elder: storage.get('gongji.elder') === '1' },
    ready: null,
    init() {
      if (!shell.ready) {
        shell.ready = gongji.init(wasmPath).then(() => { shell.coreLoaded = true; shell.applyPrefs(); }, (error) => {
          // Not loaded: the next refresh (the page's retry) tries again.
          shell.ready = null;
          throw error;
        });
      }
      return shell.ready;
    },
    applyPrefs() {
      gongji.setLocale(shell.prefs.locale);
      setScript(shell.prefs.locale);
    },
    setPrefs(change) {
      Object.assign(shell.prefs, change);
      storage.set('gongji.locale', shell.prefs.locale);
      storage.set('gongji.elder', shell.prefs.elder ? '1' : '0');
      shell.applyPrefs();
    },
    load(force) {
      if (shell.data && !force) return Promise.resolve(shell.data);
      if (!shell.loading) {
        const session = shell.session;
        const loading = Promise.all([shell.client.person(), shell.client.ledgerText(), shell.client.bindings()]).then(([person, ledgerText, bindings]) => {
          const ledger = gongji.Ledger.fromJson(ledgerText);
          if (shell.loading === loading) shell.loading = null;
          // The session ended while this was on its way: nothing is kept for whoever logs
          // in next.
          if (session !== shell.session) {
            ledger.free();
            return { person, ledger: null, bindings: [] };
          }
          shell.forget();
          shell.data = { person, ledger, bindings: bindings.bindings || [] };
          return shell.data;
        }, (error) => {
          if (shell.loading === loading) shell.loading = null;
          throw error;
        });
        shell.loading = loading;
      }
      return shell.loading;
    },
    forget() {
      if (shell.data && shell.data.ledger && shell.data.ledger.free) shell.data.ledger.free();
      shell.data = null;
    },
    /** Ends what a session left behind, a load still on its way included. */
    endSession() {
      shell.session += 1;
      shell.loading = null;
      shell.forget();
    },
    go(page) {
      api.reLaunch({ url: `/pages/${page}/index` });
    },
  };
  shell.client = createClient({
    baseUrl,
    transport: platform === 'alipay' ? myTransport(api) : wxTransport(api),
    storage,
    timeoutMs,
    sleep,
    onSessionEnd(code) {
      shell.endSession();
      shell.notice = messageText(gongji, code);
      shell.go('login');
    },
  });
  return shell;
}

/** App() options: the shell is created at launch and kept as `this.shell`. */
export function appOptions(config) {
  return {
    onLaunch() {
      this.shell = createMiniShell(config);
      this.shell.init();
    },
  };
}

/** The chrome every page shows: labels in the current script, and the 长辈模式 flag. */
function chrome(shell, keys) {
  const labels = {};
  for (const key of keys) labels[key] = t(key);
  return { labels, elder: shell.prefs.elder, locale: shell.prefs.locale, scriptSwitch: shell.prefs.locale === 'zh-Hant' ? t('hans') : t('hant'), elderSwitch: shell.prefs.elder ? t('standardMode') : t('elderMode') };
}

const COMMON = ['logout', 'loading', 'retry', 'hideAmounts'];

/**
 * Behaviour every page shares: wait for the core, render, show coded errors with a retry,
 * switch 简/繁 and 长辈模式, log out. `render(shell)` returns the page's data.
 */
function page(name, getApp, keys, render, extra = {}) {
  return Object.assign({
    data: { loading: true, error: null },
    async refresh() {
      const shell = getApp().shell;
      try {
        await shell.init();
        // The title in the chosen script (index.json holds the 简体 one for the first paint).
        const title = t(name === 'login' ? 'appName' : name);
        if (shell.platform === 'alipay' && shell.api.setNavigationBar) shell.api.setNavigationBar({ title });
        if (shell.platform === 'wechat' && shell.api.setNavigationBarTitle) shell.api.setNavigationBarTitle({ title });
        this.setData(Object.assign({ loading: true, error: null }, chrome(shell, COMMON.concat(keys))));
        const data = await render.call(this, shell);
        this.setData(Object.assign({ loading: false, error: null }, data));
      } catch (error) {
        this.setData({ loading: false, error: shell.coreLoaded ? errorView(shell.core, error) : { code: '', message: t('loadFailed') }, labels: Object.assign({}, this.data.labels, { retry: t('retry') }) });
      }
    },
    onShow() {
      return this.refresh();
    },
    onRetry() {
      return this.refresh();
    },
    onToggleScript() {
      const shell = getApp().shell;
      shell.setPrefs({ locale: shell.prefs.locale === 'zh-Hant' ? 'zh-Hans' : 'zh-Hant' });
      return this.refresh();
    },
    onToggleElder() {
      const shell = getApp().shell;
      shell.setPrefs({ elder: !shell.prefs.elder });
      return this.refresh();
    },
    async onLogout() {
      const shell = getApp().shell;
      await shell.client.logout();
      shell.endSession();
      shell.notice = messageText(shell.core, 'SHELL_LOGGED_OUT');
      shell.go('login');
    },
    onNav(event) {
      getApp().shell.go(event.currentTarget.dataset.page);
    },
  }, extra);
}

/** Needs a session: without one the page sends the user to login. */
function guarded(render) {
  return async function (shell) {
    if (!shell.client.isLoggedIn()) {
      // The session lapsed with no request to notice it (its time ran out while the
      // mini-program sat in the background): drop the account it loaded and say why.
      if (shell.data) {
        shell.endSession();
        shell.notice = messageText(shell.core, 'SHELL_SESSION_EXPIRED');
      }
      shell.go('login');
      return {};
    }
    return render.call(this, shell);
  };
}

const value = (event) => (event && event.detail ? event.detail.value : '');
const field = (event) => event.currentTarget.dataset.field;

const PAGE_SIZE = 20;

/** Page() options for `name`, for the platform whose App holds the shell. */
export function pageOptions(name, getApp) {
  const builders = {
    login: () => page('login', getApp, ['appName', 'certno', 'phone', 'smsCode', 'sendSms', 'submitLogin'], async function (shell) {
      const notice = shell.notice;
      shell.notice = '';
      if (shell.client.isLoggedIn()) shell.go('home');
      return { form: { certno: '', phone: '', smsCode: '' }, errors: {}, notice };
    }, {
      onInput(event) {
        const shell = getApp().shell;
        const form = Object.assign({}, this.data.form, { [field(event)]: value(event) });
        this.setData({ form, errors: loginErrors(shell.core, form).byField });
      },
      async onSendSms() {
        const shell = getApp().shell;
        const form = this.data.form;
        const errors = loginErrors(shell.core, Object.assign({}, form, { smsCode: '000000', submitted: true })).byField;
        if (errors.certno || errors.phone) return this.setData({ errors });
        try {
          await shell.client.sendSmsCode({ certno: form.certno.trim(), phone: form.phone.trim() });
          this.setData({ notice: messageText(shell.core, 'SHELL_SMS_SENT') });
        } catch (error) {
          this.setData({ notice: errorView(shell.core, error).message });
        }
      },
      async onSubmit() {
        const shell = getApp().shell;
        const form = this.data.form;
        const check = loginErrors(shell.core, Object.assign({}, form, { submitted: true }));
        this.setData({ errors: check.byField });
        if (!check.ok) return;
        try {
          await shell.client.login({ certno: form.certno.trim(), phone: form.phone.trim(), smsCode: form.smsCode.trim() });
          shell.go('home');
        } catch (error) {
          this.setData({ notice: errorView(shell.core, error).message, noticeCode: errorView(shell.core, error).code });
        }
      },
    }),

    home: () => page('home', getApp, ['balance', 'familyCanDraw', 'activeMembers', 'asOf', 'source', 'none', 'history', 'family', 'credits', 'wallet', 'check'], guarded(async function (shell) {
      const data = await shell.load();
      return { view: homeView(shell.core, { person: data.person, ledger: data.ledger, bindings: data.bindings, now: chinaTime() }) };
    })),

    history: () => page('history', getApp, ['from', 'to', 'member', 'allMembers', 'type', 'allTypes', 'institution', 'search', 'previous', 'next', 'credited', 'spentOwn', 'spentFamily', 'medfeeTotal'], guarded(async function (shell) {
      const data = await shell.load();
      const filters = this.data.filters || { from: '', to: '', member: '', type: '', institution: '' };
      const members = [{ value: '', label: t('allMembers') }].concat(memberOptions(shell.core, data.person, data.bindings));
      const types = [{ value: '', label: t('allTypes') }].concat(RECORD_TYPES.map((k) => ({ value: k, label: typeLabel(k) })));
      const institutions = [{ value: '', label: t('allInstitutions') }].concat(institutionOptions(data.ledger));
      return Object.assign({ filters, members, types, institutions }, this.show(shell, filters, this.data.page || 1));
    }), {
      show(shell, filters, pageNo) {
        const view = historyView(shell.core, shell.data.ledger, filters, { page: pageNo, pageSize: PAGE_SIZE });
        return { page: pageNo, view };
      },
      onDate(event) {
        const filters = Object.assign({}, this.data.filters, { [field(event)]: value(event) });
        this.setData(Object.assign({ filters }, this.show(getApp().shell, filters, 1)));
      },
      onPick(event) {
        const key = field(event);
        const options = { member: this.data.members, type: this.data.types, institution: this.data.institutions }[key];
        const chosen = options[Number(value(event))];
        const filters = Object.assign({}, this.data.filters, { [key]: chosen ? chosen.value : '' });
        this.setData(Object.assign({ filters }, this.show(getApp().shell, filters, 1)));
      },
      onPrev() {
        if (this.data.page > 1) this.setData(this.show(getApp().shell, this.data.filters, this.data.page - 1));
      },
      onNext() {
        if (this.data.page < this.data.view.pages) this.setData(this.show(getApp().shell, this.data.filters, this.data.page + 1));
      },
    }),

    family: () => page('family', getApp, ['bindings', 'bindNew', 'name', 'certno', 'relation', 'phone', 'submitBind', 'unbind', 'policyUsed', 'effectiveFrom', 'faceCheck'], guarded(async function (shell) {
      const data = await shell.load();
      const notice = shell.notice;
      shell.notice = '';
      return {
        bindings: bindingsView(shell.core, data.bindings),
        relations: relationList(shell.core),
        form: { name: '', certno: '', relation: '', phone: '' },
        relationIndex: -1,
        errors: {},
        decision: null,
        notice,
      };
    }), {
      onInput(event) {
        const form = Object.assign({}, this.data.form, { [field(event)]: value(event) });
        this.setData({ form });
        return this.evaluate(form, false);
      },
      onRelation(event) {
        const index = Number(value(event));
        const chosen = this.data.relations[index];
        const form = Object.assign({}, this.data.form, { relation: chosen ? chosen.code : '' });
        this.setData({ form, relationIndex: index });
        return this.evaluate(form, false);
      },
      async evaluate(form, submitted) {
        const shell = getApp().shell;
        const check = bindFormErrors(shell.core, Object.assign({}, form, { submitted }));
        this.setData({ errors: check.byField, decision: null });
        if (!check.ok) return false;
        try {
          const member = await shell.client.queryPerson({ certno: form.certno.trim().toUpperCase(), psn_name: form.name.trim() });
          const decision = eligibilityView(shell.core, {
            holder: personForRules(shell.data.person),
            member: personForRules(member),
            relation: form.relation,
            date: chinaTime().slice(0, 10),
            bindings: shell.data.bindings,
          });
          this.setData({ decision });
          return decision.eligible;
        } catch (error) {
          // With nothing left to change the user needs a way to look the same fields up again.
          const view = errorView(shell.core, error);
          this.setData({ decision: { eligible: false, verdict: view.message, code: view.code, retry: true, reasons: [], warnings: [], policy: null } });
          return false;
        }
      },
      onRetryLookup() {
        return this.evaluate(this.data.form, false);
      },
      async onSubmitBind() {
        const shell = getApp().shell;
        const form = this.data.form;
        if (!(await this.evaluate(form, true))) return;
        try {
          await shell.client.bind({ certno: form.certno.trim().toUpperCase(), psn_name: form.name.trim(), relation: form.relation, phone: form.phone.trim() });
          await shell.load(true);
          shell.notice = messageText(shell.core, 'SHELL_BIND_SUBMITTED');
          return this.refresh();
        } catch (error) {
          this.setData({ notice: errorView(shell.core, error).message });
        }
      },
      async onUnbind(event) {
        const shell = getApp().shell;
        try {
          await shell.client.unbind(event.currentTarget.dataset.psn);
          await shell.load(true);
          shell.notice = messageText(shell.core, 'SHELL_UNBOUND');
          return this.refresh();
        } catch (error) {
          this.setData({ notice: errorView(shell.core, error).message });
        }
      },
    }),

    credits: () => page('credits', getApp, ['creditEstimate', 'creditHistory', 'sums', 'policyUsed'], guarded(async function (shell) {
      const data = await shell.load();
      return { view: creditsView(shell.core, data.ledger, data.person, { date: chinaTime().slice(0, 10) }) };
    })),

    wallet: () => page('wallet', getApp, ['payeeName', 'payeeCertno', 'amount', 'submitTransfer', 'transfersToday', 'pendingTransfer', 'walletHistory'], guarded(async function (shell) {
      await shell.load();
      const wallet = await shell.client.wallet();
      const notice = shell.notice;
      shell.notice = '';
      return {
        wallet,
        transfers: wallet.transfers.map((tr) => ({ id: tr.id, time: tr.time, name: shell.core.maskName(tr.to_psn_name), amount: amountView(shell.core, tr.amount), pending: tr.state === 'pending' })),
        form: { name: '', certno: '', amount: '' },
        errors: {},
        check: null,
        notice,
      };
    }), {
      onInput(event) {
        const shell = getApp().shell;
        const form = Object.assign({}, this.data.form, { [field(event)]: value(event) });
        const check = form.amount ? walletCheck(shell.core, { amountText: form.amount, wallet: this.data.wallet }) : null;
        this.setData({ form, check });
      },
      async onSubmitTransfer() {
        const shell = getApp().shell;
        const { core } = shell;
        const form = this.data.form;
        const id = core.validateResidentId(form.certno);
        const name = core.validateName(form.name);
        const check = walletCheck(core, { amountText: form.amount, wallet: this.data.wallet });
        this.setData({ check, errors: { certno: id.valid ? '' : id.message, name: name.valid ? '' : name.message } });
        if (!check.ok || !id.valid || !name.valid) return false;
        try {
          await shell.client.transfer({ amount: check.amount, payee_certno: id.normalized, payee_name: name.normalized || form.name.trim() });
          shell.notice = messageText(core, 'SHELL_TRANSFER_SUBMITTED');
          await this.refresh();
          return true;
        } catch (error) {
          this.setData({ notice: errorView(core, error).message });
          return false;
        }
      },
    }),

    check: () => page('check', getApp, ['reconcileOk', 'reconcileDiff', 'anomalies', 'noAnomalies', 'rejectedRecords', 'hotline', 'callHotline'], guarded(async function (shell) {
      const data = await shell.load();
      return { view: checkView(shell.core, data.ledger) };
    }), {
      onCall() {
        // wx.makePhoneCall takes phoneNumber, my.makePhoneCall number.
        const hotline = this.data.view.hotline;
        getApp().shell.api.makePhoneCall({ phoneNumber: hotline, number: hotline });
      },
    }),
  };
  if (!builders[name]) throw new Error(`no page ${name}`);
  return builders[name]();
}
