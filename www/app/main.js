// The web portal: loads the core (pkg/web), wires the shared API client to the browser's
// fetch, and routes between the pages (#/login, #/home, …). Plain ES modules, no build step.
// Preferences (简/繁, 长辈模式) persist in localStorage; the session token lives in
// sessionStorage, so closing the tab logs out as surely as the logout button does.

import init, * as gongji from '/pkg/web/gongji.js';
import { createClient } from '/shared/client.js';
import { fetchTransport } from '/shared/transports.js';
import { setScript, t } from '/shared/labels.js';
import { errorView, messageText } from '/shared/views.js';
import { h, replace } from './dom.js';
import * as login from './pages/login.js';
import * as home from './pages/home.js';
import * as history from './pages/history.js';
import * as family from './pages/family.js';
import * as credits from './pages/credits.js';
import * as wallet from './pages/wallet.js';
import * as check from './pages/check.js';
import * as print from './pages/print.js';

const PAGES = { login, home, history, family, credits, wallet, check, print };
const NAV = ['home', 'history', 'family', 'credits', 'wallet', 'check'];

const storageOf = (area) => ({
  get: (key) => area.getItem(key),
  set: (key, value) => area.setItem(key, value),
  remove: (key) => area.removeItem(key),
});

const params = new URLSearchParams(location.search);

const app = {
  core: gongji,
  client: null,
  data: null, // {person, ledger, bindings} once loaded
  loading: null,
  session: 0, // counts ended sessions: a load started in an earlier one is not kept
  masked: false,
  notice: '',
  prefs: { locale: localStorage.getItem('gongji.locale') ?? 'zh-Hans', elder: localStorage.getItem('gongji.elder') === '1' },
  go(route) {
    if (location.hash === `#/${route}`) render();
    else location.hash = `#/${route}`;
  },
  /** Loads (once per session, or again on `force`) what every page reads; one load at a time. */
  load({ force = false } = {}) {
    if (app.data && !force) return Promise.resolve(app.data);
    if (!app.loading) {
      const session = app.session;
      const loading = (async () => {
        const [person, ledgerText, bindings] = await Promise.all([app.client.person(), app.client.ledgerText(), app.client.bindings()]);
        const ledger = gongji.Ledger.fromJson(ledgerText);
        // The session ended while this was on its way: the account is not kept for whoever
        // logs in next.
        if (session !== app.session) {
          ledger.free();
          return { person, ledger: null, bindings: [] };
        }
        app.forget();
        app.data = { person, ledger, bindings: bindings.bindings ?? [] };
        return app.data;
      })().finally(() => { if (app.loading === loading) app.loading = null; });
      app.loading = loading;
    }
    return app.loading;
  },
  /** Drops the loaded account (and frees the core's memory for it). */
  forget() {
    if (app.data?.ledger?.free) app.data.ledger.free();
    app.data = null;
  },
  /** Ends what a session left behind (its account, its history filters, its hidden
   * amounts), so the next person to log in on this phone starts clean. */
  endSession() {
    app.session += 1;
    app.loading = null;
    app.forget();
    history.resetState();
    app.masked = false;
  },
  /** The error box every page shows, with the code and a retry button. */
  errorBox(error, retry) {
    const view = errorView(gongji, error);
    return h('div.error-box', { role: 'alert', 'data-code': view.code },
      h('p', { text: view.message }),
      retry ? h('button.secondary', { type: 'button', text: t('retry'), on: { click: retry } }) : null);
  },
  say(text) {
    document.getElementById('status').textContent = text;
  },
};

app.client = createClient({
  transport: fetchTransport(),
  storage: storageOf(sessionStorage),
  timeoutMs: Number(params.get('timeout')) || 10000,
  onSessionEnd(code) {
    app.endSession();
    app.notice = messageText(gongji, code);
    app.go('login');
  },
});

function applyPrefs() {
  gongji.setLocale(app.prefs.locale);
  setScript(app.prefs.locale);
  document.documentElement.lang = app.prefs.locale;
  document.documentElement.classList.toggle('elder', app.prefs.elder);
  document.body.classList.toggle('elder', app.prefs.elder);
  document.title = t('appName');
  document.getElementById('app-title').textContent = t('appName');
  document.getElementById('toggle-script').textContent = app.prefs.locale === 'zh-Hant' ? t('hans') : t('hant');
  const elder = document.getElementById('toggle-elder');
  elder.textContent = app.prefs.elder ? t('standardMode') : t('elderMode');
  elder.setAttribute('aria-pressed', String(app.prefs.elder));
  document.getElementById('logout').textContent = t('logout');
  document.getElementById('version').textContent = `${t('version')} ${gongji.version()} · ${t('logoutHint')}`;
}

let renderCount = 0;
// Set when the user moved to another page: its title then takes the focus, so a screen
// reader announces where they are (re-renders in place leave the focus alone).
let focusTitle = false;

// Puts a rendered page in place. The title takes the focus after a move to another page,
// and keeps it through a re-render in place (a load finishing, a switch of script), which
// would otherwise drop the focus to <body> and leave a screen reader silent.
function showPage(main, title, content) {
  const titleHadFocus = document.activeElement?.classList?.contains('page-title') ?? false;
  replace(main, title, content);
  if (focusTitle || titleHadFocus) title.focus();
  focusTitle = false;
}

async function render() {
  const ticket = ++renderCount;
  const route = (location.hash.match(/^#\/([a-z]+)/) ?? [])[1] ?? 'home';
  const loggedIn = app.client.isLoggedIn();
  // The session lapsed here with no request to notice it (the token's time ran out while
  // the page sat open): drop the account it loaded and say why.
  if (!loggedIn && app.data) {
    app.endSession();
    app.notice = messageText(gongji, 'SHELL_SESSION_EXPIRED');
  }
  const name = !loggedIn ? 'login' : PAGES[route] && route !== 'login' ? route : 'home';
  const page = PAGES[name];
  const nav = document.getElementById('nav');
  nav.hidden = !loggedIn;
  document.getElementById('logout').hidden = !loggedIn;
  replace(nav, ...NAV.map((key) => h('a', { href: `#/${key}`, text: t(key), 'aria-current': key === name ? 'page' : null })));
  document.body.dataset.page = name;
  const main = document.getElementById('main');
  replace(main, h('p.loading', { text: t('loading') }));
  try {
    const content = await page.render(app, () => ticket === renderCount);
    if (ticket !== renderCount) return;
    const title = h('h2.page-title', { text: t(name === 'print' ? 'statementTitle' : name), tabindex: '-1' });
    showPage(main, title, content);
    main.dataset.ready = name;
  } catch (error) {
    if (ticket !== renderCount) return;
    const title = h('h2.page-title', { text: t(name), tabindex: '-1' });
    showPage(main, title, app.errorBox(error, () => render()));
    main.dataset.ready = `${name}-error`;
  }
}
app.render = render;

document.getElementById('toggle-script').addEventListener('click', () => {
  app.prefs.locale = app.prefs.locale === 'zh-Hant' ? 'zh-Hans' : 'zh-Hant';
  localStorage.setItem('gongji.locale', app.prefs.locale);
  applyPrefs();
  render();
});
document.getElementById('toggle-elder').addEventListener('click', () => {
  app.prefs.elder = !app.prefs.elder;
  localStorage.setItem('gongji.elder', app.prefs.elder ? '1' : '0');
  applyPrefs();
});
document.getElementById('logout').addEventListener('click', async () => {
  await app.client.logout();
  app.endSession();
  app.notice = messageText(gongji, 'SHELL_LOGGED_OUT');
  app.go('login');
});
window.addEventListener('hashchange', () => { focusTitle = true; render(); });

let coreLoaded = true;
try {
  await init();
} catch {
  coreLoaded = false;
  // The core did not download (a dropped connection): without it there is no catalog, so
  // the chrome label says what happened, and a retry loads the page again.
  setScript(app.prefs.locale);
  const main = document.getElementById('main');
  replace(main, h('div.error-box#load-error', { role: 'alert' },
    h('p', { text: t('loadFailed') }),
    h('button.secondary', { type: 'button', text: t('retry'), on: { click: () => location.reload() } })));
  main.dataset.ready = 'load-error';
}
if (coreLoaded) {
  applyPrefs();
  render();
}
