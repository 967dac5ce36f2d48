// The web portal: reaches the core through the port (shared/port.js, the core in this thread
// — see docs/ARCHITECTURE.md for why not a Web Worker), keeps the session through the shared
// session module (shared/session.js) on the browser's fetch, and routes between the pages
// (#/login, #/home, …). Plain ES modules, no build step. Preferences (简/繁, 长辈模式) persist
// in localStorage; the session token lives in sessionStorage, so closing the tab logs out as
// surely as the logout button does. The session is re-checked with the endpoint on every
// move between pages and whenever the tab becomes visible again, and ends on time by itself.

import initStart, * as gongjiStart from '/pkg/web/start/gongji.js';
import { directPort } from '/shared/port.js';
import { createPrefs, createSession } from '/shared/session.js';
import { fetchTransport } from '/shared/transports.js';
import { setScript, t } from '/shared/labels.js';
import { createPolicyUpdates } from '/shared/policy-updates.js';
import { h, hotlineLink, replace } from './dom.js';
import { renderAbout } from './about.js';
import * as login from './pages/login.js';
import { viewingBanner, viewOwnAccount } from '/shared/proxy.js';

// The login page comes with this file; every other page is fetched when it is first shown.
// On mobile data each round of requests costs ~0.6 s and a browser makes six at a time over
// HTTP/1.1, so the login page waits only for the modules it needs (bench/portal.mjs);
// index.html preloads exactly those (tests/e2e/portal-preload.test.mjs).
const PAGE_LOADERS = {
  home: (again) => import(`./pages/home.js${again}`),
  history: (again) => import(`./pages/history.js${again}`),
  family: (again) => import(`./pages/family.js${again}`),
  credits: (again) => import(`./pages/credits.js${again}`),
  wallet: (again) => import(`./pages/wallet.js${again}`),
  check: (again) => import(`./pages/check.js${again}`),
  print: (again) => import(`./pages/print.js${again}`),
  proxy: (again) => import(`./pages/proxy.js${again}`),
  uses: (again) => import(`./pages/uses.js${again}`),
};
const pages = { login };
let failedImports = 0;
/**
 * A page's module, fetched the first time it is shown. A fetch that fails (the connection
 * dropped) is SHELL_OFFLINE, in the catalog's words, and the page's retry fetches it again,
 * under another URL: an older browser keeps a failed module import as failed (Chromium here
 * retries the same URL; tests/e2e/portal.test.mjs).
 */
async function pageModule(name) {
  if (!pages[name]) {
    try {
      pages[name] = await PAGE_LOADERS[name](failedImports ? `?again=${failedImports}` : '');
    } catch {
      failedImports += 1;
      throw Object.assign(new Error('SHELL_OFFLINE'), { name: 'PortError', code: 'SHELL_OFFLINE' });
    }
  }
  return pages[name];
}
const NAV = ['home', 'history', 'family', 'credits', 'wallet', 'check'];

const storageOf = (area) => ({
  get: (key) => area.getItem(key),
  set: (key, value) => area.setItem(key, value),
  remove: (key) => area.removeItem(key),
});

const params = new URLSearchParams(location.search);

const app = {
  // The only way to the core: the page-level views, the form checks, the ledger by its id.
  // The start module (identity, money, messages) draws the login page; the whole one follows.
  // Its JS is imported only then, so the login page loads none of it.
  port: directPort({
    load: () => import('/pkg/web/gongji.js').then((gongji) => gongji.default().then(() => gongji)),
    loadStart: () => initStart().then(() => gongjiStart),
    path: 'direct',
  }),
  session: null,
  prefs: createPrefs(storageOf(localStorage)),
  masked: false,
  go(route) {
    if (location.hash === `#/${route}`) render();
    else location.hash = `#/${route}`;
  },
  /** The error box every page shows, with the code and a retry button. */
  async errorBox(error, retry) {
    const view = await app.session.describe(error);
    return h('div.error-box', { role: 'alert', 'data-code': view.code },
      h('p', { text: view.message }),
      view.hotline ? h('p', {}, hotlineLink(view.hotline)) : null,
      retry ? h('button.secondary', { type: 'button', text: t('retry'), on: { click: retry } }) : null);
  },
  say(text) {
    document.getElementById('status').textContent = text;
  },
  render: null,
};

app.session = createSession({
  port: app.port,
  client: { transport: fetchTransport(), storage: storageOf(sessionStorage), timeoutMs: Number(params.get('timeout')) || 10000 },
  // However the session ended: what it left on screen goes now (its account, its history
  // filters, its hidden amounts), so the next person on this phone sees none of it.
  onEnd() {
    pages.history?.resetState();
    app.masked = false;
    clearScreen();
    app.go('login');
  },
});

// Rule updates without a release: the last good policy set is kept in localStorage (it is
// public data, not the session's), downloaded again at start and daily; 关于 shows it.
app.policies = createPolicyUpdates({
  port: app.port,
  client: app.session.client,
  storage: storageOf(localStorage),
  onChange: () => { renderAbout(app.policies).catch(() => {}); },
});

/** Everything an account page put on screen, gone at once (the login page follows). */
function clearScreen() {
  renderCount += 1; // a render still on its way is not shown
  const main = document.getElementById('main');
  replace(main, h('p.loading', { text: t('loading') }));
  delete main.dataset.ready;
  document.getElementById('nav').hidden = true;
  document.getElementById('logout').hidden = true;
  replace(document.getElementById('proxy-banner')).hidden = true;
}

/** 代办: whose account is on view, on every page, with the way back to one's own. */
async function showBanner(loggedIn) {
  const el = document.getElementById('proxy-banner');
  const banner = loggedIn ? await viewingBanner(app) : null;
  el.hidden = !banner;
  if (!banner) return replace(el);
  const back = h('button.secondary#proxy-back', { type: 'button', text: banner.back, on: { click: async () => {
    back.disabled = true;
    const result = await viewOwnAccount(app);
    if (result.ok) app.go('home');
    else {
      back.disabled = false;
      replace(el, h('p#proxy-banner-text', { text: banner.text }), h('p.field-error', { role: 'alert', text: result.error.message }), back);
    }
  } } });
  return replace(el, h('p#proxy-banner-text', { text: banner.text }), back);
}

async function applyPrefs() {
  const { prefs } = app;
  await app.port.setLocale(prefs.locale);
  document.documentElement.lang = prefs.locale;
  document.documentElement.classList.toggle('elder', prefs.elder);
  document.body.classList.toggle('elder', prefs.elder);
  document.title = t('appName');
  document.getElementById('app-title').textContent = t('appName');
  document.getElementById('toggle-script').textContent = prefs.locale === 'zh-Hant' ? t('hans') : t('hant');
  const elder = document.getElementById('toggle-elder');
  elder.textContent = prefs.elder ? t('standardMode') : t('elderMode');
  elder.setAttribute('aria-pressed', String(prefs.elder));
  document.getElementById('logout').textContent = t('logout');
  document.getElementById('nav').setAttribute('aria-label', t('pages'));
  document.getElementById('proxy-banner').setAttribute('aria-label', t('proxy'));
  const info = await app.port.ready();
  const foot = document.getElementById('version');
  foot.textContent = `${t('version')} ${info.version} · ${t('logoutHint')}`;
  // Which way the portal reached the core (关于/diagnostics; tests read it too).
  foot.dataset.corePath = info.path;
  // 关于's policy line needs the whole module: drawn when it is there, waited for by nothing
  // (the login page is drawn by the start module while the whole one loads).
  renderAbout(app.policies).catch(() => {});
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

async function render({ recheck = false } = {}) {
  const ticket = ++renderCount;
  const route = (location.hash.match(/^#\/([a-z]+)/) ?? [])[1] ?? 'home';
  // The session may have lapsed with no request to notice it: on time (the client's own
  // expiry), or on the endpoint (asked on every move between pages). Either way it ends
  // here, before any account page is drawn again.
  const loggedIn = await app.session.check({ remote: recheck });
  if (ticket !== renderCount) return;
  // The last good policy set before an account page computes. The login page computes no
  // rule: it is drawn by the start module while the whole one loads (core-service.js).
  if (loggedIn) await app.policies.restore().catch(() => {});
  if (ticket !== renderCount) return;
  const name = !loggedIn ? 'login' : Object.hasOwn(PAGE_LOADERS, route) ? route : 'home';
  const nav = document.getElementById('nav');
  nav.hidden = !loggedIn;
  document.getElementById('logout').hidden = !loggedIn;
  replace(nav, ...NAV.map((key) => h('a', { href: `#/${key}`, text: t(key), 'aria-current': key === name ? 'page' : null })));
  document.body.dataset.page = name;
  await showBanner(loggedIn);
  if (ticket !== renderCount) return;
  const main = document.getElementById('main');
  replace(main, h('p.loading', { text: t('loading') }));
  delete main.dataset.ready;
  try {
    const page = await pageModule(name);
    if (ticket !== renderCount) return;
    const content = await page.render(app, () => ticket === renderCount);
    if (ticket !== renderCount) return;
    // A page's load may have found the viewing over (a consent withdrawn): the banner follows.
    await showBanner(loggedIn);
    if (ticket !== renderCount) return;
    const title = h('h2.page-title', { text: t(name === 'print' ? 'statementTitle' : name), tabindex: '-1' });
    showPage(main, title, content);
    main.dataset.ready = name;
    // For bench/portal.mjs (time to interactive from navigation start); harmless elsewhere.
    if (typeof performance.mark === 'function') performance.mark(`ready:${name}`);
  } catch (error) {
    if (ticket !== renderCount) return;
    const title = h('h2.page-title', { text: t(name), tabindex: '-1' });
    const box = await app.errorBox(error, () => render());
    await showBanner(loggedIn);
    if (ticket !== renderCount) return;
    showPage(main, title, box);
    main.dataset.ready = `${name}-error`;
  }
}
app.render = () => render();

document.getElementById('toggle-script').addEventListener('click', async () => {
  app.prefs.toggleLocale();
  await applyPrefs();
  render();
});
document.getElementById('toggle-elder').addEventListener('click', () => {
  app.prefs.toggleElder();
  applyPrefs();
});
document.getElementById('logout').addEventListener('click', () => app.session.logout());
window.addEventListener('hashchange', () => { focusTitle = true; render({ recheck: true }); });
// Back to the tab (or the phone woken up): timers may have slept, the endpoint may have
// ended the session meanwhile — ask before anything more is shown.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') {
    app.session.check({ remote: true });
    app.policies.refreshIfDue().catch(() => {});
  }
});

let coreLoaded = true;
try {
  await app.port.ready();
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
  // The last good policy set is restored before the first account page (render); the
  // download runs on its own.
  await applyPrefs();
  render();
  // A newer set changes what the account pages compute: they are drawn again under it (the
  // login page computes no rule, and keeps what is being typed).
  const before = app.policies.state.set && app.policies.state.set.version;
  app.policies.start().then((state) => {
    if (state.set && state.set.version !== before && document.body.dataset.page !== 'login') render();
  }, () => {});
}
