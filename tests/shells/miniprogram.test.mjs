// The WeChat and Alipay mini-programs under Node: each project (after
// www/scripts/sync-miniprogram.mjs) runs in a simulated logic layer — a node `vm` realm with
// no WebAssembly, TextEncoder, fetch, URL or globalThis, but with the platform's
// WXWebAssembly/MYWebAssembly (a path inside the code package), wx/my storage, reLaunch and
// request (a fake wx.request/my.request over node:http to the local endpoint). App() and
// Page() are captured; a page instance gets a setData that, like the platforms', copies the
// data as JSON. The tests drive the pages as a user would and read what they would show.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { execFileSync } from 'node:child_process';
import { syncMiniPrograms } from '../../www/scripts/sync-miniprogram.mjs';
import { sampleData } from '../../www/server/sample-data.mjs';
import { startTestServer, sampleLogins, helperLogin, fakeWxRequest, fakeMyRequest, root, packageWasm, strip, simulatedWorker } from './helpers.mjs';

// Each variant is one way a shell reaches the core; the same tests run against each: WeChat's
// direct port, Alipay's channel port into a Worker, and Alipay's logic-layer fallback (direct).
const PLATFORMS = [
  { name: 'wechat', variant: 'wechat', api: 'wx', template: 'wxml', request: fakeWxRequest, handlerAttr: /\bbind(?:tap|input|change)="(\w+)"/g, corePath: 'logic-layer' },
  { name: 'alipay', variant: 'alipay', api: 'my', template: 'axml', request: fakeMyRequest, handlerAttr: /\bon(?:Tap|Input|Change)="(\w+)"/g, corePath: 'worker' },
  { name: 'alipay', variant: 'alipay-fallback', api: 'my', template: 'axml', request: fakeMyRequest, handlerAttr: /\bon(?:Tap|Input|Change)="(\w+)"/g, corePath: 'logic-layer-fallback' },
];
const PAGES = ['login', 'home', 'history', 'family', 'credits', 'wallet', 'check', 'proxy', 'uses', 'statement'];
/** Where each project's core sits: WeChat's from 构建 npm, Alipay's copied by the sync script. */
const CORE_DIR = { wechat: 'miniprogram_npm/gongji', alipay: 'lib/gongji' };
const logins = sampleLogins();
const data = sampleData();
const person = (name) => data.people.find((p) => p.baseinfo.psn_name === name);

let env;
before(async () => {
  await syncMiniPrograms();
  env = await startTestServer();
});
after(async () => { await env.close(); });
beforeEach(async () => { await env.reset(); });

/** Storage as each platform's sync API takes it. */
function platformStorage(platform, map) {
  if (platform === 'alipay') {
    return {
      getStorageSync: ({ key }) => ({ data: map.has(key) ? map.get(key) : undefined }),
      setStorageSync: ({ key, data: value }) => { map.set(key, value); },
      removeStorageSync: ({ key }) => { map.delete(key); },
    };
  }
  return {
    getStorageSync: (key) => (map.has(key) ? map.get(key) : ''),
    setStorageSync: (key, value) => { map.set(key, value); },
    removeStorageSync: (key) => { map.delete(key); },
  };
}

/** One mini-program launched in a simulated logic layer, its lib/config.js pointing at `baseUrl`. */
function launch(platform, { baseUrl = 'http://127.0.0.1:9', wasmFailures = 0, wholeModuleFails = false, sdkVersion = undefined, clientVersion = '10.6.0', coreTimeoutMs = undefined, storage = new Map(), fontSizeSetting = 17 } = {}) {
  let failuresLeft = wasmFailures;
  const project = path.join(root, 'www', platform.name);
  const navigations = [];
  const calls = [];
  const titles = [];
  const modals = [];
  const modalAnswers = [];
  const pages = {};
  let appOptions = null;
  const world = {
    reads: [], // every package file a loader or the worker read
    files: new Map(), // what a page wrote to the user's file folder
    shared: [], // what was handed to shareFileMessage
    workers: [],
    muted: false,
    mute: () => world.muted,
    // While true, the whole module does not load (the start one does): `mp.world.wholeModuleFails = false` mends it.
    wholeModuleFails,
    wasmFailures: (packagePath = '') => {
      if (world.wholeModuleFails && !String(packagePath).includes('/start/')) return true;
      return failuresLeft > 0 ? (failuresLeft -= 1, true) : false;
    },
  };
  const alipay = platform.name === 'alipay';
  const api = {
    request: platform.request(calls),
    reLaunch: ({ url }) => navigations.push(url),
    makePhoneCall: (options) => navigations.push(`tel:${options.phoneNumber ?? options.number}`),
    // The platform's confirmation (wx.showModal / my.confirm): recorded, answered from
    // modalAnswers (default: the user confirms).
    [alipay ? 'confirm' : 'showModal']: (options) => {
      const confirm = modalAnswers.length ? modalAnswers.shift() : true;
      modals.push({ title: options.title, content: options.content, confirmText: options.confirmText ?? options.confirmButtonText, cancelText: options.cancelText ?? options.cancelButtonText });
      setImmediate(() => options.success?.({ confirm, cancel: !confirm }));
    },
    [alipay ? 'setNavigationBar' : 'setNavigationBarTitle']: ({ title }) => titles.push(title),
    ...platformStorage(platform.name, storage),
  };
  if (alipay) {
    api.SDKVersion = sdkVersion ?? '2.9.20';
    api.getSystemInfoSync = () => ({ version: clientVersion, SDKVersion: api.SDKVersion, fontSizeSetting });
    if (platform.variant === 'alipay') {
      api.canIUse = (name) => name === 'createWorker';
      api.createWorker = (scriptPath, options) => simulatedWorker({
        project, scriptPath, options, reads: world.reads, workers: world.workers, mute: world.mute,
        wasm: packageWasm(project, world.reads, { failures: (packagePath) => world.wasmFailures(packagePath) }),
      });
    } else {
      // A client without Workers: the logic layer's standard WebAssembly and file system.
      api.canIUse = () => false;
      api.getFileSystemManager = () => ({
        readFileSync(arg) {
          const filePath = typeof arg === 'string' ? arg : arg.filePath;
          const rel = String(filePath).replace(/^\//, '');
          // One simulated failure per load: the loader tries the object form, then the string form.
          if (rel.endsWith('.wasm') && (typeof arg === 'string' ? world.failedRead : (world.failedRead = world.wasmFailures()))) throw new Error('readFileSync failed (simulated)');
          world.reads.push(rel);
          const bytes = fs.readFileSync(path.join(project, rel));
          return typeof arg === 'string' ? bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) : { data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) };
        },
      });
    }
  } else {
    api.getAppBaseInfo = function () { assert.equal(this, api, 'called on wx'); return { SDKVersion: sdkVersion ?? '3.4.0', fontSizeSetting, fontSizeScaleFactor: fontSizeSetting / 17 }; };
    // The user's file folder and the file hand-over (对账单): what was written, what was sent.
    api.env = { USER_DATA_PATH: 'wxfile://usr' };
    api.getFileSystemManager = () => ({ writeFileSync: (filePath, data, encoding) => world.files.set(filePath, { data, encoding }) });
    api.shareFileMessage = (options) => world.shared.push(options);
  }
  // Timers as the platform has them, but not keeping the test process alive (a session's
  // 15-minute expiry timer outlives its test).
  const unrefTimeout = (fn, ms) => { const timer = setTimeout(fn, ms); timer.unref(); return timer; };
  const globals = { console, setTimeout: unrefTimeout, clearTimeout, [platform.api]: api };
  // WeChat's logic layer has WXWebAssembly; Alipay's has no MYWebAssembly (that is the
  // Worker's), and on the fallback variant an undocumented standard WebAssembly.
  if (!alipay) globals.WXWebAssembly = packageWasm(project, world.reads, { failures: (packagePath) => world.wasmFailures(packagePath) });
  const context = vm.createContext(globals);
  const missing = ['TextEncoder', 'TextDecoder', 'fetch', 'URL', 'globalThis', 'window', 'document', 'MYWebAssembly'];
  if (platform.variant === 'alipay-fallback') {
    vm.runInContext('delete this.globalThis;', context);
    for (const name of missing) assert.equal(vm.runInContext(`typeof ${name}`, context), 'undefined', `${name} is absent`);
    assert.equal(vm.runInContext('typeof WebAssembly', context), 'object', 'the fallback\'s standard WebAssembly');
  } else {
    strip(context, ['WebAssembly', ...missing]);
  }
  const app = {};
  let current = null;
  const cache = new Map();
  // lib/config.js names the demo server; the test's own server stands in, and retries don't wait.
  cache.set(path.join(project, 'lib', 'config.js'), { exports: { baseUrl, sleep: () => Promise.resolve(), coreTimeoutMs } });
  /**
   * A package name as WeChat resolves it: the nearest miniprogram_npm/<name>/ up from the
   * requiring file (inside the code package), then its package.json main or index.js.
   * Alipay has no 构建 npm; its shell requires files only.
   */
  function resolvePackage(dir, name) {
    assert.ok(!alipay, `Alipay's shell requires files, not the package ${name}`);
    for (let at = dir; at.startsWith(project); at = path.dirname(at)) {
      const folder = path.join(at, 'miniprogram_npm', name);
      if (!fs.existsSync(folder)) continue;
      const manifest = path.join(folder, 'package.json');
      const main = fs.existsSync(manifest) ? JSON.parse(fs.readFileSync(manifest, 'utf8')).main : undefined;
      return path.join(folder, main || 'index.js');
    }
    throw new Error(`no miniprogram_npm/${name} above ${dir}: run 构建 npm`);
  }
  function requireFrom(dir) {
    return (request) => {
      let file = /^[./]/.test(request) ? path.resolve(dir, request) : resolvePackage(dir, request);
      if (!file.endsWith('.js')) file += '.js';
      assert.ok(file.startsWith(project + path.sep), `${request} stays inside the code package`);
      if (cache.has(file)) return cache.get(file).exports;
      const module = { exports: {} };
      cache.set(file, module);
      world.reads.push(path.relative(project, file));
      const source = fs.readFileSync(file, 'utf8');
      const wrapper = vm.runInContext(`(function (module, exports, require, App, Page, getApp) {\n${source}\n})`, context, { filename: file });
      wrapper(module, module.exports, requireFrom(path.dirname(file)), (o) => { appOptions = o; }, (o) => { pages[current] = o; }, () => app);
      return module.exports;
    };
  }
  requireFrom(project)('./app.js');
  assert.ok(appOptions, 'app.js called App()');
  Object.assign(app, appOptions);
  for (const name of PAGES) {
    current = name;
    requireFrom(path.join(project, 'pages', name))('./index.js');
    assert.ok(pages[name], `pages/${name}/index.js called Page()`);
  }
  /** A page instance as the platform makes it: its own data copy, a JSON-copying setData. */
  function open(name) {
    const instance = Object.assign({}, pages[name]);
    instance.data = JSON.parse(JSON.stringify(pages[name].data ?? {}));
    instance.setData = (patch) => {
      for (const [key, value] of Object.entries(JSON.parse(JSON.stringify(patch)))) instance.data[key] = value;
    };
    return instance;
  }
  return {
    app, pages, open, navigations, storage, calls, titles, modals, modalAnswers, project, world, context,
    async start() {
      app.onLaunch();
      await app.shell.init();
    },
  };
}

async function started(platform) {
  const mp = launch(platform, { baseUrl: env.origin });
  await mp.start();
  return mp;
}

const input = (page, handler, field, value) => page[handler]({ currentTarget: { dataset: { field } }, detail: { value } });
/** Types each value in turn, as a user would (each check answered before the next key). */
async function fill(page, values) {
  for (const [name, value] of Object.entries(values)) await input(page, 'onInput', name, value);
}

async function loggedIn(platform, who) {
  const mp = await started(platform);
  const login = mp.open('login');
  await login.onShow();
  for (const [field, value] of Object.entries(who)) await input(login, 'onInput', field, value);
  await login.onSubmit();
  assert.equal(mp.navigations.at(-1), '/pages/home/index');
  return mp;
}

for (const platform of PLATFORMS) {
  test(`${platform.variant}: the project has what the devtools open, and the core is pkg/${platform.name}'s`, () => {
    const project = path.join(root, 'www', platform.name);
    const config = platform.name === 'wechat' ? 'project.config.json' : 'mini.project.json';
    assert.ok(JSON.parse(fs.readFileSync(path.join(project, config), 'utf8')));
    const appJson = JSON.parse(fs.readFileSync(path.join(project, 'app.json'), 'utf8'));
    assert.deepEqual(appJson.pages, PAGES.map((p) => `pages/${p}/index`));
    // WeChat: 构建 npm's copy of the installed package's miniprogram folder; Alipay: lib/gongji.
    const core = CORE_DIR[platform.name];
    for (const file of ['gongji.js', 'gongji.wasm.br']) {
      assert.deepEqual(fs.readFileSync(path.join(project, core, file)), fs.readFileSync(path.join(root, 'pkg', platform.name, file)), `${core}/${file} is pkg/${platform.name}'s`);
    }
  });

  test(`${platform.variant}: every handler a template names exists on its page`, () => {
    const mp = launch(platform);
    for (const name of PAGES) {
      const template = fs.readFileSync(path.join(mp.project, 'pages', name, `index.${platform.template}`), 'utf8');
      const handlers = [...template.matchAll(platform.handlerAttr)].map((m) => m[1]);
      assert.ok(handlers.length > 0, `${name} has handlers`);
      for (const handler of handlers) assert.equal(typeof mp.pages[name][handler], 'function', `${name}.${handler}`);
      const other = platform.name === 'wechat' ? /\ba:(if|for)|onTap=/ : /\bwx:(if|for)|bindtap=/;
      assert.doesNotMatch(template, other, `${name} uses only ${platform.name} syntax`);
    }
  });

  test(`${platform.variant}: the core loads (${platform.corePath}) from ${CORE_DIR[platform.name]}; login checks fields and logs in`, async () => {
    const mp = await started(platform);
    const login = mp.open('login');
    await login.onShow();
    assert.equal(login.data.loading, false);
    assert.equal(login.data.labels.submitLogin, '登录');
    await input(login, 'onInput', 'certno', '62110219540816013');
    assert.ok(login.data.errors.certno, 'a short ID number is flagged as typed');
    await input(login, 'onInput', 'certno', logins.dingxi.certno);
    assert.equal(login.data.errors.certno, undefined);
    await input(login, 'onInput', 'phone', logins.dingxi.phone);
    await input(login, 'onInput', 'smsCode', '000000');
    await login.onSubmit();
    assert.equal(login.data.noticeCode, 'SHELL_LOGIN_FAILED');
    assert.ok(login.data.notice.length > 4, 'the catalog text is shown');
    await input(login, 'onInput', 'smsCode', logins.dingxi.smsCode);
    await login.onSubmit();
    assert.deepEqual(mp.navigations, ['/pages/home/index']);
    assert.ok(mp.storage.get('gongji.session'), 'the session is kept in platform storage');
    // Which way the shell reached the core, said in the 关于 line and in a field tests read.
    assert.equal(mp.app.shell.corePath, platform.corePath);
    assert.equal(login.data.about.path, platform.corePath);
    assert.ok(login.data.about.pathName.length > 2 && login.data.about.version.length > 2, 'the 关于 line names the path and the version');
  });

  test(`${platform.variant}: 长辈模式 follows the font size set in the app (关怀模式 ≈ 23.8 px) until the user chooses`, async () => {
    const storage = new Map();
    const large = launch(platform, { baseUrl: env.origin, storage, fontSizeSetting: 23.8 });
    await large.start();
    const login = large.open('login');
    await login.onShow();
    assert.equal(login.data.elder, true, 'a large app font turns 长辈模式 on');
    await login.onToggleElder();
    assert.equal(login.data.elder, false);
    // Chosen once, kept: the same phone, the same large font, the user's own choice.
    const again = launch(platform, { baseUrl: env.origin, storage, fontSizeSetting: 23.8 });
    await again.start();
    const next = again.open('login');
    await next.onShow();
    assert.equal(next.data.elder, false, 'the user\'s choice wins over the platform');
    const standard = launch(platform, { baseUrl: env.origin });
    await standard.start();
    const plain = standard.open('login');
    await plain.onShow();
    assert.equal(plain.data.elder, false, 'the default font: standard mode');
  });

  test(`${platform.variant}: 对账单: the head and totals for the history's filters; on WeChat the whole statement as a file handed to shareFileMessage`, async () => {
    const mp = await loggedIn(platform, logins.lanzhou);
    const history = mp.open('history');
    await history.onShow();
    await input(history, 'onDate', 'from', '2026-01-01');
    const statement = mp.open('statement');
    await statement.onShow();
    assert.equal(statement.data.error, null);
    const { view } = statement.data;
    assert.equal(view.from, '2026-01-01', 'the history\'s filters');
    assert.ok(view.holderName.includes('*') && view.holderId.includes('*'), 'masked');
    assert.ok([view.opening, view.credits, view.debitsTotal, view.closing].every((a) => /[元整角分]/.test(a.upper)), 'every total in 大写');
    assert.equal(view.closing.amount, data.holders[1].ledger.account.balc, 'a period to today closes at the balance');
    assert.equal(view.items.length, 0, 'no rows in the page data (its size limit); they are in the file');
    if (platform.name === 'wechat') {
      assert.equal(statement.data.canShare, true);
      assert.equal(statement.onShareFile(), true);
      const [shared] = mp.world.shared;
      assert.match(shared.fileName, /^职工医保个人账户对账单-\d{4}-\d{2}-\d{2}\.csv$/);
      assert.equal(shared.filePath, `wxfile://usr/${shared.fileName}`);
      const written = mp.world.files.get(shared.filePath);
      assert.equal(written.encoding, 'utf8');
      assert.ok(written.data.startsWith('\uFEFF职工医保个人账户对账单\r\n') && written.data.includes(`期末余额,${view.closing.amount},`));
    } else {
      assert.equal(statement.data.canShare, false);
      assert.match(statement.data.labels.statementNoShare, /支付宝/);
    }
    // The next person on this phone does not inherit these filters.
    await statement.onLogout();
    assert.equal(mp.app.shell.historyFilters, null);
  });

  test(`${platform.variant}: 钱能用在哪: the uses, a preview for the brother within his 共济额度, the guidance`, async () => {
    const mp = await loggedIn(platform, logins.lanzhou);
    const uses = mp.open('uses');
    await uses.onShow();
    assert.equal(uses.data.error, null);
    assert.ok(uses.data.view.allowed.some((u) => u.name === '住院') && uses.data.view.never.some((u) => u.name === '体育健身'));
    assert.deepEqual(uses.data.view.guidance.map((g) => g.id), ['cardRule', 'kinshipAccount', 'withdrawal']);
    assert.ok(uses.data.view.guidance.every((g) => g.basis.length > 0), 'each with its sources');
    // The brother in 西安 (a 共济额度 through the wallet), a bill of 1000: only what is left of
    // his quota comes from the holder, the rest is cash.
    const brother = uses.data.view.patients.findIndex((p) => /弟弟|兄弟/.test(p.label));
    assert.ok(brother > 0, uses.data.view.patients.map((p) => p.label).join(' '));
    uses.onPatient({ detail: { value: String(brother) } });
    await input(uses, 'onInput', 'selfPay', '1000');
    await uses.onPreview();
    assert.deepEqual(uses.data.errors, {});
    const [quota] = data.holders[1].quotas;
    const unused = (Math.round(Number(quota.amount) * 100) - Math.round(Number(quota.used) * 100)) / 100;
    assert.deepEqual(uses.data.preview.lines.map((l) => [l.key, l.amount.amount]), [['own', '0.00'], ['shared', unused.toFixed(2)], ['cash', (1000 - unused).toFixed(2)]]);
    // What the user typed wrong is said at the field, in words, never a field name.
    await input(uses, 'onInput', 'selfPay', '十块');
    await uses.onPreview();
    assert.ok(uses.data.errors.selfPay && uses.data.preview === null);
  });

  test(`${platform.variant}: 首页, 交易明细 with filters and paging, 每月到账, 异常核对`, async () => {
    const mp = await loggedIn(platform, logins.lanzhou);
    const home = mp.open('home');
    await home.onShow();
    assert.equal(home.data.error, null);
    assert.match(home.data.view.balance.text, /^¥[\d,]+\.\d\d$/);
    assert.match(home.data.view.balance.spoken, /元/);
    assert.ok(home.data.view.activeMembers.length >= 5);
    assert.ok(home.data.view.activeMembers.every((m) => !/^[子女兄弟夫妻]$/.test(m.relation)), 'relations spelled out (女儿, not 女)');
    const history = mp.open('history');
    await history.onShow();
    assert.equal(history.data.view.items.length, 20);
    const total = history.data.view.total;
    await history.onNext();
    assert.equal(history.data.view.page, 2);
    const contribution = history.data.types.findIndex((t) => t.value === 'contribution');
    assert.equal(history.data.chosen.type, history.data.types[0].label, 'a picker shows what is chosen: 全部类型 at first');
    await input(history, 'onPick', 'type', String(contribution));
    assert.equal(history.data.pick.type, contribution);
    assert.equal(history.data.chosen.type, history.data.types[contribution].label, 'and the type picked');
    assert.ok(history.data.view.total < total);
    assert.ok(history.data.view.items.every((item) => item.type === 'contribution'));
    await input(history, 'onDate', 'from', '2026-01-01');
    assert.ok(history.data.view.items.every((item) => item.time >= '2026-01-01'));
    assert.equal(history.data.datesNote, '', 'a range in order says nothing');
    // An end date before the start: swapped and said, not "共 0 条".
    await input(history, 'onDate', 'to', '2025-06-30');
    assert.deepEqual([history.data.filters.from, history.data.filters.to], ['2025-06-30', '2026-01-01']);
    assert.match(history.data.datesNote, /对调/);
    assert.ok(history.data.view.total > 0, 'the records of the range');
    // A picked date can be cleared (a date picker cannot un-pick): the dates go, the type stays.
    const ranged = history.data.view.total;
    await history.onClearDates();
    assert.deepEqual([history.data.filters.from, history.data.filters.to, history.data.datesNote], ['', '', '']);
    assert.ok(history.data.view.total > ranged && history.data.view.items.every((item) => item.type === 'contribution'));
    const credits = mp.open('credits');
    await credits.onShow();
    assert.equal(credits.data.view.estimate.amount.text, '¥128.00');
    const check = mp.open('check');
    await check.onShow();
    assert.equal(check.data.view.hotline, '0931-12393');
    assert.equal(check.data.view.anomalies.length, 0);
  });

  test(`${platform.variant}: a binding refused with its reasons and policy; a wallet transfer that breaks a rule`, async () => {
    await env.faults({ clock: '2026-11-23 10:00:00' });
    const mp = await loggedIn(platform, logins.lanzhou);
    const family = mp.open('family');
    await family.onShow();
    assert.ok(family.data.bindings.every((b) => b.certno.includes('*')));
    const fil = person('刘建军');
    await input(family, 'onInput', 'name', fil.baseinfo.psn_name);
    await input(family, 'onInput', 'certno', fil.baseinfo.certno);
    await input(family, 'onInput', 'phone', '13809311111');
    await input(family, 'onRelation', 'relation', String(family.data.relations.findIndex((r) => r.code === '55')));
    assert.equal(family.data.decision.eligible, false);
    assert.ok(family.data.decision.reasons.length > 0);
    assert.ok(family.data.decision.policy && family.data.decision.policy.document);
    const wallet = mp.open('wallet');
    await wallet.onShow();
    const brother = person('张强');
    await input(wallet, 'onInput', 'name', brother.baseinfo.psn_name);
    await input(wallet, 'onInput', 'certno', brother.baseinfo.certno);
    await input(wallet, 'onInput', 'amount', '2500');
    assert.equal(wallet.data.check.ok, false);
    assert.ok(wallet.data.check.reasons.every((r) => r.code.startsWith('WALLET_')));
    assert.equal(await wallet.onSubmitTransfer(), false, 'not sent');
    assert.equal((await (await fetch(`${env.origin}/__faults`)).json()).clock, '2026-11-23 10:00:00');
    await input(wallet, 'onInput', 'amount', '200');
    assert.equal(await wallet.onSubmitTransfer(), true, 'a good one is sent');
    assert.equal(wallet.data.wallet.pending, true);
    await input(wallet, 'onInput', 'amount', '100');
    assert.equal(wallet.data.check.ok, false, 'the pending rule now applies');
  });

  test(`${platform.variant}: a session that lapses on the phone: told why, and the next login sees only its own account`, async () => {
    const mp = await loggedIn(platform, logins.lanzhou);
    const home = mp.open('home');
    await home.onShow();
    const lanzhouBalance = home.data.view.balance.text;
    // The token's time runs out while the mini-program sits in the background.
    const session = JSON.parse(mp.storage.get('gongji.session'));
    mp.storage.set('gongji.session', JSON.stringify({ ...session, expiresAt: Date.now() - 1 }));
    await mp.open('history').onShow();
    assert.equal(mp.navigations.at(-1), '/pages/login/index');
    const login = mp.open('login');
    await login.onShow();
    assert.match(login.data.notice, /过期/, 'the user is told the login expired');
    for (const [name, value] of Object.entries(logins.dingxi)) await input(login, 'onInput', name, value);
    await login.onSubmit();
    const next = mp.open('home');
    await next.onShow();
    assert.match(next.data.view.holderName, /^王/, 'the new holder');
    assert.notEqual(next.data.view.balance.text, lanzhouBalance, 'not the previous holder\'s balance');
  });

  test(`${platform.variant}: the server ends the session during a transfer: back to login, told why; unbind works`, async () => {
    await env.faults({ clock: '2026-11-23 10:00:00' });
    const mp = await loggedIn(platform, logins.lanzhou);
    const family = mp.open('family');
    await family.onShow();
    const active = family.data.bindings.filter((b) => b.canUnbind).length;
    const target = family.data.bindings.find((b) => b.canUnbind);
    const tap = { currentTarget: { dataset: { psn: target.psnNo } } };
    const sent = () => mp.calls.filter((c) => /\/bindings\//.test(c.url) && c.method !== 'GET').length;
    // It asks first, naming the relative; 取消 sends nothing.
    mp.modalAnswers.push(false);
    await family.onUnbind(tap);
    assert.equal(mp.modals.length, 1, 'asked before anything was sent');
    assert.ok(mp.modals[0].title.includes(target.name) && /不能再用/.test(mp.modals[0].content), `it says who and what ends (${mp.modals[0].content})`);
    assert.equal(mp.modals[0].confirmText, '解除绑定');
    assert.equal(sent(), 0, 'cancelled: nothing sent');
    await family.onUnbind(tap);
    assert.equal(mp.modals.length, 2);
    assert.equal(sent(), 1, 'confirmed: one unbind sent');
    await family.onShow();
    assert.equal(family.data.bindings.filter((b) => b.canUnbind).length, active - 1, 'one binding fewer');
    const wallet = mp.open('wallet');
    await wallet.onShow();
    const brother = person('张强');
    await input(wallet, 'onInput', 'name', brother.baseinfo.psn_name);
    await input(wallet, 'onInput', 'certno', brother.baseinfo.certno);
    await input(wallet, 'onInput', 'amount', '100');
    await env.faults({ expireSessions: true });
    await wallet.onSubmitTransfer();
    assert.equal(mp.navigations.at(-1), '/pages/login/index');
    const login = mp.open('login');
    await login.onShow();
    assert.match(login.data.notice, /过期/);
  });

  test(`${platform.variant}: when looking the relative up fails, the bind form offers a retry`, async () => {
    const mp = await loggedIn(platform, logins.lanzhou);
    const family = mp.open('family');
    await family.onShow();
    await env.faults({ fail: { status: 500, times: -1, path: '/persons/query' } });
    const fil = person('刘建军');
    await input(family, 'onInput', 'name', fil.baseinfo.psn_name);
    await input(family, 'onInput', 'certno', fil.baseinfo.certno);
    await input(family, 'onInput', 'phone', '13809311111');
    await input(family, 'onRelation', 'relation', String(family.data.relations.findIndex((r) => r.code === '55')));
    assert.equal(family.data.decision.code, 'SHELL_SERVER_ERROR');
    assert.equal(family.data.decision.retry, true, 'the template shows a retry button');
    const template = fs.readFileSync(path.join(mp.project, 'pages', 'family', `index.${platform.template}`), 'utf8');
    assert.match(template, /onRetryLookup/, 'the retry button is in the template');
    await env.faults({ fail: null });
    await family.onRetryLookup();
    assert.equal(family.data.decision.eligible, false);
    assert.ok(family.data.decision.reasons.length > 0, 'the refusal with its reasons');
  });

  test(`${platform.variant}: logging out while 首页 still loads: the next login is not handed the old account`, async () => {
    const mp = await loggedIn(platform, logins.dingxi);
    await env.faults({ slow: { ms: 400, times: 1, path: '/ledger' } });
    const first = mp.open('home');
    const stillLoading = first.onShow();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await first.onLogout();
    const login = mp.open('login');
    await login.onShow();
    for (const [name, value] of Object.entries(logins.lanzhou)) await input(login, 'onInput', name, value);
    await login.onSubmit();
    const home = mp.open('home');
    await home.onShow();
    await stillLoading;
    assert.equal(home.data.error, null);
    assert.match(home.data.view.holderName, /^张/, 'the new holder');
  });

  test(`${platform.variant}: the core fails to load: the page says so, and retry loads it`, async () => {
    // Fails at launch (the start module, then the whole one in its place) and again when the
    // first page shows (the whole one); the retry loads. Alipay's fallback has no start module.
    const mp = launch(platform, { baseUrl: env.origin, wasmFailures: platform.variant === 'alipay-fallback' ? 2 : 3 });
    mp.app.onLaunch();
    await mp.app.shell.ready.catch(() => {});
    const login = mp.open('login');
    await login.onShow();
    assert.equal(login.data.loading, false, 'not left loading');
    assert.ok(login.data.error && login.data.error.message.length > 4, 'a message the user can read');
    await login.onRetry();
    assert.equal(login.data.error, null, 'the retry loaded the core');
    assert.equal(login.data.labels.submitLogin, '登录');
  });

  if (platform.variant !== 'alipay-fallback') {
    test(`${platform.variant}: with only the start module loaded, 登录 works; 首页 says the rest did not load, and its retry loads it`, async () => {
      // The whole module does not load (in the background, for the policy set, for 首页) until mended.
      const mp = launch(platform, { baseUrl: env.origin, wholeModuleFails: true });
      await mp.start();
      const login = mp.open('login');
      await login.onShow();
      assert.equal(login.data.error, null, 'the login page is drawn by the start module');
      await fill(login, { certno: '11010519491231002Y' });
      assert.notEqual(login.data.errors.certno, '', 'the start module checks the ID as typed');
      await fill(login, logins.dingxi);
      await login.onSubmit();
      assert.equal(mp.navigations.at(-1), '/pages/home/index');
      const home = mp.open('home');
      await home.onShow();
      assert.equal(home.data.error.code, 'SHELL_CORE_LOAD_FAILED');
      assert.match(home.data.error.message, /网络/);
      assert.equal(home.data.error.retry, true);
      mp.world.wholeModuleFails = false;
      await home.onRetry();
      assert.equal(home.data.error, null, 'the retry loaded the whole module');
      assert.match(home.data.view.balance.text, /¥/);
      assert.deepEqual(mp.world.reads.filter((f) => f.includes('wasm')).map((f) => f.replace(/^.*gongji\//, '')), ['start/gongji.wasm.br', 'gongji.wasm.br']);
    });
  }

  test(`${platform.variant}: a 500 shows the coded error with a retry; 繁體 and 长辈模式; logout`, async () => {
    const mp = await loggedIn(platform, logins.dingxi);
    await env.faults({ fail: { status: 500, times: -1, path: '/ledger' } });
    const home = mp.open('home');
    await home.onShow();
    assert.equal(home.data.error.code, 'SHELL_SERVER_ERROR');
    // It names 王建国's own hotline (定西, with its area code), and a tap calls it.
    assert.equal(home.data.error.hotline, '0932-12393');
    assert.match(home.data.error.message, /0932-12393/);
    home.onCallHotline({ currentTarget: { dataset: { tel: home.data.error.hotline } } });
    assert.equal(mp.navigations.at(-1), 'tel:0932-12393');
    await env.faults({ fail: null });
    await home.onRetry();
    assert.equal(home.data.error, null);
    await home.onToggleScript();
    assert.equal(home.data.labels.history, '交易明細');
    assert.equal(mp.titles.at(-1), '首頁', 'the title follows the script');
    assert.equal(mp.storage.get('gongji.locale'), 'zh-Hant');
    await home.onToggleElder();
    assert.equal(home.data.elder, true);
    const check = mp.open('check');
    await check.onShow();
    assert.equal(check.data.view.hotline, '0932-12393');
    assert.equal(check.data.view.anomalies.length, 1, 'the planted anomaly');
    check.onCall();
    assert.equal(mp.navigations.at(-1), 'tel:0932-12393');
    await home.onLogout();
    assert.equal(mp.navigations.at(-1), '/pages/login/index');
    assert.equal(mp.storage.has('gongji.session'), false);
  });
}

const sleepMs = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

for (const platform of PLATFORMS) {
  test(`${platform.variant}: a session ends on time by itself: screen, token and account gone without any request`, async () => {
    await env.faults({ sessionSeconds: 1 });
    const mp = await loggedIn(platform, logins.lanzhou);
    const home = mp.open('home');
    await home.onShow();
    assert.ok(home.data.view, JSON.stringify([home.data.error, mp.navigations]));
    assert.match(home.data.view.balance.text, /¥/);
    const requests = mp.calls.length;
    await sleepMs(1300);
    assert.equal(mp.navigations.at(-1), '/pages/login/index', 'back to login when the time was up');
    assert.equal(mp.calls.length, requests, 'no request was needed to notice');
    assert.equal(mp.storage.has('gongji.session'), false, 'the token is gone');
    assert.equal(mp.app.shell.session.data, null, 'no account datum kept');
    const login = mp.open('login');
    await login.onShow();
    assert.match(login.data.notice, /过期/);
  });

  test(`${platform.variant}: back in the app after the endpoint ended the session: onShow re-checks and ends it here`, async () => {
    const mp = await loggedIn(platform, logins.lanzhou);
    const home = mp.open('home');
    await home.onShow();
    await env.faults({ expireSessions: true });
    const before = mp.navigations.length;
    await mp.app.onShow();
    assert.equal(mp.navigations.length, before + 1);
    assert.equal(mp.navigations.at(-1), '/pages/login/index');
    assert.equal(mp.storage.has('gongji.session'), false);
    assert.equal(mp.app.shell.session.data, null);
    // Moving to another page re-checks too (a page with its data cached).
    await env.reset();
    const again = await loggedIn(platform, logins.dingxi);
    await again.open('home').onShow();
    await env.faults({ expireSessions: true });
    await again.open('credits').onShow();
    assert.equal(again.navigations.at(-1), '/pages/login/index');
    assert.equal(again.app.shell.session.data, null);
  });

  test(`${platform.variant}: the buttons follow the core's lifecycle: an invited relative has no unbind`, async () => {
    await env.faults({ clock: '2026-11-23 10:00:00' });
    const mp = await loggedIn(platform, logins.lanzhou);
    const family = mp.open('family');
    await family.onShow();
    const sister = person('张雪');
    await fill(family, { name: sister.baseinfo.psn_name, certno: sister.baseinfo.certno, phone: '13809312222' });
    await input(family, 'onRelation', 'relation', String(family.data.relations.findIndex((r) => r.code === '77')));
    assert.equal(family.data.decision.eligible, true);
    await family.onSubmitBind();
    const invited = family.data.bindings.find((b) => b.state === 'invited');
    assert.ok(invited, 'the new binding waits for the relative');
    assert.equal(invited.canUnbind, false);
    assert.ok(family.data.bindings.filter((b) => b.state === 'active').every((b) => b.canUnbind));
    assert.ok(family.data.bindings.filter((b) => b.state !== 'active').every((b) => !b.canUnbind));
  });

  test(`${platform.variant}: 共济额度 — a relative in another province gets the quota form, checked live by the core; change; release asks first; 首页 and 医保钱包 figures`, async () => {
    await env.faults({ clock: '2026-11-23 10:00:00' });
    const mp = await loggedIn(platform, logins.lanzhou);
    // The confirmation (wx.showModal / my.confirm): answered as the test says, each text kept.
    const asked = [];
    let answer = false;
    const modal = (options) => { asked.push(options.content); options.success({ confirm: answer }); };
    if (platform.name === 'alipay') mp.app.shell.api.confirm = modal;
    else mp.app.shell.api.showModal = modal;
    const home = mp.open('home');
    await home.onShow();
    assert.equal(home.data.view.quotaCount, 1);
    assert.equal(home.data.view.quotasSet.amount, '561.60', 'Σ unused: 800.00 − 238.40');
    assert.equal(home.data.view.holderCanUse.amount, '569.70', 'balance 1131.30 − 561.60');
    const family = mp.open('family');
    await family.onShow();
    assert.equal(family.data.quotas.quotas.length, 1);
    assert.match(family.data.explained, /^共济额度是/);
    const brother = person('张强');
    await fill(family, { name: brother.baseinfo.psn_name, certno: brother.baseinfo.certno, phone: '13809312222' });
    await input(family, 'onRelation', 'relation', String(family.data.relations.findIndex((r) => r.code === '73')));
    assert.equal(family.data.decision.channel, 'wallet');
    assert.equal(family.data.decision.policy.id, 'CN-2026');
    assert.match(family.data.decision.policy.text, /跨省共济/);
    assert.ok(family.data.quota, 'the quota form is open');
    assert.equal(family.data.quota.existing, true, 'he has one: the form changes it');
    await input(family, 'onQuotaInput', 'amount', '99999');
    assert.equal(family.data.quota.check.ok, false);
    assert.equal(family.data.quota.check.reasons[0].code, 'QUOTA_OVER_AVAILABLE');
    assert.equal(family.data.quota.check.policy.id, 'CN-2026');
    await input(family, 'onQuotaInput', 'amount', '900');
    assert.equal(family.data.quota.check.ok, true);
    assert.equal(family.data.quota.check.availableAfter.amount, '469.70');
    await family.onSubmitQuota();
    assert.equal(family.data.quotas.quotas[0].amount.amount, '900.00');
    // 释放额度: "no" sends nothing; "yes" releases, the unused part said first.
    const release = { currentTarget: { dataset: { psn: family.data.quotas.quotas[0].psnNo } } };
    assert.equal(await family.onReleaseQuota(release), false);
    assert.equal(asked.length, 1);
    assert.match(asked[0], /不能撤销/);
    assert.match(asked[0], /¥661\.60/);
    assert.equal(family.data.quotas.quotas.length, 1, 'not released without a yes');
    answer = true;
    assert.equal(await family.onReleaseQuota(release), true);
    assert.equal(family.data.quotas.quotas.length, 0, 'released');
    const wallet = mp.open('wallet');
    await wallet.onShow();
    assert.match(wallet.data.quotas.explained, /^共济额度是/);
    assert.equal(wallet.data.quotas.available.amount, '1131.30', 'all of it his again');
  });
}

// 代办 (#14) and the safer SMS login, in both mini-programs: the daughter logs in as herself,
// asks, the holder's code given, the banner on every page, back, the holder withdraws (the
// platform's modal asks first, cancel tried first), she is refused; the resend countdown and
// the lockout's minutes.
const daughter = (({ certno, phone, smsCode }) => ({ certno, phone, smsCode }))(helperLogin());
for (const platform of PLATFORMS) {
  test(`${platform.variant}: 代办 — consent by the holder's code, banner on every page, back, withdrawn after asking, refused`, async () => {
    const her = await loggedIn(platform, daughter);
    const proxy = her.open('proxy');
    await proxy.onShow();
    assert.equal(proxy.data.error, null);
    assert.deepEqual(proxy.data.view.mine, []);
    assert.match(proxy.data.intro, /90 天/);
    await fill(proxy, { certno: '6211021954', phone: logins.dingxi.phone });
    assert.ok(proxy.data.errors.certno, 'the core checks the holder\'s ID number');
    await fill(proxy, { certno: logins.dingxi.certno });
    await proxy.onSendCode();
    assert.equal(proxy.data.formNoticeCode, 'SHELL_CONSENT_SMS_SENT');
    assert.equal(proxy.data.resendLeft, 60);
    assert.equal(proxy.data.sendLabel, '60 秒后可重新获取');
    await fill(proxy, { smsCode: '000000' });
    await proxy.onSubmitConsent();
    assert.equal(proxy.data.submitError.code, 'SHELL_CONSENT_CODE_WRONG');
    await fill(proxy, { smsCode: logins.dingxi.smsCode });
    await proxy.onSubmitConsent();
    assert.equal(her.navigations.at(-1), '/pages/home/index');
    proxy.onUnload();
    for (const name of ['home', 'history', 'family', 'credits', 'wallet', 'check', 'proxy']) {
      const view = her.open(name);
      await view.onShow();
      assert.match(view.data.banner && view.data.banner.text, /^正在代为查看王\*国（6211\*+\d{3}[\dX]）的账户，只能查看$/, `the banner on ${name}`);
    }
    const home = her.open('home');
    await home.onShow();
    assert.equal(home.data.view.holderName, '王*国', 'his account');
    // Back to her own.
    await home.onProxyBack();
    assert.equal(her.navigations.at(-1), '/pages/home/index');
    await home.onShow();
    assert.equal(home.data.banner, null);
    assert.equal(home.data.view.holderName, '王*');
    // His again, from the list.
    await proxy.onShow();
    assert.equal(proxy.data.view.mine[0].canView, true);
    await proxy.onViewAccount({ currentTarget: { dataset: { psn: proxy.data.view.mine[0].psnNo } } });
    await home.onShow();
    assert.ok(home.data.banner);

    // The father, on his own phone: the modal asks first; cancel changes nothing.
    const him = await loggedIn(platform, logins.dingxi);
    const his = him.open('proxy');
    await his.onShow();
    const row = his.data.view.onMyAccount[0];
    assert.match(row.who, /^王\*（/);
    him.modalAnswers.push(false);
    await his.onWithdraw({ currentTarget: { dataset: { psn: row.psnNo } } });
    assert.match(him.modals.at(-1).content, /从现在起不能再查看您的账户/);
    assert.equal(him.modals.at(-1).confirmText, '撤回同意');
    assert.equal(his.data.view.onMyAccount[0].state, 'active', 'cancelled: nothing withdrawn');
    him.modalAnswers.push(true);
    await his.onWithdraw({ currentTarget: { dataset: { psn: row.psnNo } } });
    assert.equal(his.data.view.onMyAccount[0].state, 'withdrawn');
    assert.match(his.data.notice, /对方从现在起不能再查看您的账户/);

    // Her next page: refused with the reason, the banner gone.
    const history = her.open('history');
    await history.onShow();
    assert.equal(history.data.error.code, 'SHELL_CONSENT_WITHDRAWN');
    assert.equal(history.data.banner, null);
    await home.onShow();
    assert.equal(home.data.view.holderName, '王*', 'her own account again');
  });

  test(`${platform.variant}: safer SMS login — the resend countdown, the never-tell line, a lockout with the minutes left`, async () => {
    const mp = await started(platform);
    const login = mp.open('login');
    await login.onShow();
    assert.equal(login.data.labels.smsNeverTell, '验证码只用于本人登录，不要告诉任何人。');
    await fill(login, { certno: logins.dingxi.certno, phone: logins.dingxi.phone });
    await login.onSendSms();
    assert.equal(login.data.noticeCode, 'SHELL_SMS_SENT');
    assert.deepEqual([login.data.resendLeft, login.data.sendLabel], [60, '60 秒后可重新获取']);
    const sent = mp.calls.filter((c) => c.url.endsWith('/session/sms')).length;
    await login.onSendSms();
    assert.equal(mp.calls.filter((c) => c.url.endsWith('/session/sms')).length, sent, 'no second code while counting down');
    login.onUnload();
    await fill(login, { smsCode: '000000' });
    for (let i = 0; i < 5; i += 1) await login.onSubmit();
    assert.equal(login.data.noticeCode, 'SHELL_LOGIN_LOCKED');
    assert.match(login.data.notice, /请 10 分钟后再试/);
  });
}

test('WeChat: a base library without .wasm.br (2.13.x) is told to update, plainly and with no retry; nothing is loaded', async () => {
  const mp = launch(PLATFORMS[0], { baseUrl: env.origin, sdkVersion: '2.13.9' });
  await mp.start().catch(() => {});
  const login = mp.open('login');
  await login.onShow();
  assert.equal(login.data.error.code, 'SHELL_UPDATE_WECHAT');
  assert.equal(login.data.error.message, '请将微信更新到最新版本后再试。');
  assert.equal(login.data.error.retry, false, 'no retry button');
  assert.equal(mp.app.shell.corePath, 'none');
  assert.ok(!mp.world.reads.some((file) => file.includes('gongji')), 'the core was not even read');
  await login.onToggleScript();
  assert.equal(login.data.error.message, '請將微信更新到最新版本後再試。', 'in the chosen script');
});

test('Alipay: a client without Workers or WebAssembly is told to update; one with an old base library too', async () => {
  for (const options of [{ sdkVersion: '2.9.6' }, { clientVersion: '10.5.59' }]) {
    const mp = launch(PLATFORMS[1], { baseUrl: env.origin, ...options });
    await mp.start().catch(() => {});
    const login = mp.open('login');
    await login.onShow();
    assert.equal(login.data.error.code, 'SHELL_UPDATE_ALIPAY', JSON.stringify(options));
    assert.equal(login.data.error.message, '请将支付宝更新到最新版本后再试。');
    assert.equal(login.data.error.retry, false);
    assert.equal(mp.world.workers.length, 0, 'no Worker started');
  }
});

test('Alipay: the logic layer never loads the core while the Worker runs it; a Worker that dies is started again once, then said', async () => {
  const mp = await loggedIn(PLATFORMS[1], logins.lanzhou);
  assert.ok(!mp.world.reads.includes('lib/gongji/gongji.js'), 'the glue was not required in the logic layer');
  assert.deepEqual(mp.world.reads.filter((f) => f.includes('wasm')), ['/lib/gongji/start/gongji.wasm.br', '/lib/gongji/gongji.wasm.br'],
    'MYWebAssembly read the start module, then the whole one, each .br, in the Worker');
  const home = mp.open('home');
  await home.onShow();
  const balance = home.data.view.balance.text;
  mp.world.workers[0].kill();
  const history = mp.open('history');
  await history.onShow();
  assert.equal(history.data.error, null, 'the restarted Worker has the ledger again');
  assert.equal(history.data.view.items.length, 20);
  assert.equal(mp.world.workers.length, 2);
  mp.world.workers[1].kill();
  await home.onShow();
  assert.equal(home.data.error.code, 'SHELL_CORE_STOPPED');
  assert.match(home.data.error.message, /重新打开/);
  assert.equal(home.data.error.retry, false, 'said, with no retry loop');
  assert.equal(mp.world.workers.length, 2);
  assert.notEqual(balance, '');
});

test('the stand-ins refuse a relative package path, as the platforms do; the loaders pass an absolute one', async () => {
  const mp = launch(PLATFORMS[0], { baseUrl: env.origin });
  await mp.start();
  // The loader inside a fresh sandbox, given the old relative path, is refused by WXWebAssembly.
  const fresh = launch(PLATFORMS[0], { baseUrl: env.origin });
  const loader = vm.runInContext(`(function (source) {
    var module = { exports: {} };
    (function (module, exports) { ${fs.readFileSync(path.join(fresh.project, 'miniprogram_npm/gongji/gongji.js'), 'utf8')} })(module, module.exports);
    return module.exports.init(source);
  })`, fresh.context);
  await assert.rejects(loader('miniprogram_npm/gongji/gongji.wasm.br'), /absolute package path/);
  await loader(undefined);
  // The default is where 构建 npm put the module, so a shell need not name it.
  assert.deepEqual(fresh.world.reads.filter((f) => f.includes('wasm')), ['/miniprogram_npm/gongji/gongji.wasm.br'], 'the default path is absolute');
  // The shell's: the start module first, then the whole one.
  assert.deepEqual(mp.world.reads.filter((f) => f.includes('wasm')), ['/miniprogram_npm/gongji/start/gongji.wasm.br', '/miniprogram_npm/gongji/gongji.wasm.br'], 'and so are the shell\'s');
  assert.ok(mp.world.reads.includes('miniprogram_npm/gongji/index.js'), 'require(\'gongji\') went through 构建 npm\'s entry');
  assert.ok(mp.world.reads.includes('miniprogram_npm/gongji/start/index.js'), 'require(\'gongji/start\') through its folder\'s entry');
});

test('Alipay: every file a loader or the Worker reads is listed for packing (mini.project.json), on both paths', async () => {
  const config = JSON.parse(fs.readFileSync(path.join(root, 'www/alipay/mini.project.json'), 'utf8'));
  const listed = new Set(config.assetsInclude);
  const appJson = JSON.parse(fs.readFileSync(path.join(root, 'www/alipay/app.json'), 'utf8'));
  for (const variant of [PLATFORMS[1], PLATFORMS[2]]) {
    const mp = await loggedIn(variant, logins.dingxi);
    await mp.open('home').onShow();
    for (const file of new Set(mp.world.reads)) {
      const rel = file.replace(/^\//, '');
      if (rel.endsWith('.js')) {
        // Code is packed by the IDE; a Worker's script must sit in the app.json workers folder.
        if (rel.startsWith('workers/')) assert.ok(rel.startsWith(`${appJson.workers}/`), `${rel} is under app.json workers`);
        continue;
      }
      assert.ok(listed.has(rel), `${variant.variant}: ${rel} is listed in assetsInclude`);
    }
  }
});

test('the release settings live in one file per project; nothing else in the project names them', () => {
  for (const name of ['wechat', 'alipay']) {
    const project = path.join(root, 'www', name);
    const release = JSON.parse(fs.readFileSync(path.join(project, 'release.config.json'), 'utf8'));
    for (const key of ['appid', 'baseUrl', 'urlCheck']) assert.ok(key in release, `${name}: ${key}`);
    // Every tracked file of the project, generated ones aside.
    const tracked = execFileSync('git', ['ls-files', `www/${name}`], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
    for (const file of tracked.filter((f) => !f.endsWith('release.config.json'))) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      assert.ok(!text.includes(release.baseUrl), `${file} does not name the endpoint`);
      if (release.appid) assert.ok(!text.includes(release.appid), `${file} does not name the appid`);
      assert.doesNotMatch(text, /urlCheck/, `${file} does not set urlCheck`);
    }
  }
  const wechat = JSON.parse(fs.readFileSync(path.join(root, 'www/wechat/project.config.json'), 'utf8'));
  const release = JSON.parse(fs.readFileSync(path.join(root, 'www/wechat/release.config.json'), 'utf8'));
  assert.equal(wechat.appid, release.appid, 'project.config.json is generated from it');
  assert.equal(wechat.setting.urlCheck, release.urlCheck);
});

test('the bundled shell and the Alipay Worker are ES2017 and never evaluate code', async () => {
  const acorn = await import('acorn');
  for (const file of ['www/wechat/lib/shell.js', 'www/alipay/lib/shell.js', 'www/alipay/workers/core.js']) {
    const source = fs.readFileSync(path.join(root, file), 'utf8');
    assert.doesNotThrow(() => acorn.parse(source, { ecmaVersion: 2017, sourceType: 'script' }), file);
    assert.doesNotMatch(source, /\beval\s*\(|new\s+Function\b|import\.meta/, file);
  }
});

// Rule updates without a release (#15), in each simulated runtime: the shell downloads the
// endpoint's policy set at launch, applies it through its own port (the Worker's on Alipay),
// keeps it in wx/my storage and shows its version in 关于; a broken download keeps the last
// good set with one quiet notice line; an offline launch uses the stored set.
function policySetText(version, maxPerTransfer) {
  const set = JSON.parse(fs.readFileSync(path.join(root, 'data', 'policies', 'builtin.json'), 'utf8'));
  Object.assign(set, { version, issued: version.split('.')[0] });
  set.wallet.maxPerTransfer = maxPerTransfer;
  return JSON.stringify(set);
}
const WALLET_NOW = { server_time: '2026-12-02 10:00:00', transfers_today: 0, pending: false };

for (const platform of PLATFORMS) {
  test(`${platform.variant}: a newer policy set is applied and shown in 关于; a broken one is refused, said once; offline the stored one rules`, async () => {
    const storage = new Map();
    const launchWith = async (options = {}) => {
      const mp = launch(platform, { baseUrl: env.origin, storage, ...options });
      await mp.start();
      await mp.app.shell.policies.start();
      const login = mp.open('login');
      await login.onShow();
      const allows1000 = (await mp.app.shell.port.walletCheck({ amountText: '1000', wallet: WALLET_NOW })).ok;
      return { mp, about: login.data.about, allows1000 };
    };
    const first = await launchWith();
    assert.equal(first.about.policyVersion, '2026-12-04.1', 'the built-in set');
    assert.equal(first.about.policyLine, '政策版本 2026-12-04.1（2026-12-04 发布）');
    assert.equal(first.about.policyNotice, '');
    assert.equal(first.allows1000, true);

    await env.faults({ policySet: policySetText('2026-12-05.1', '500.00') });
    const updated = await launchWith();
    assert.equal(updated.about.policyVersion, '2026-12-05.1');
    assert.equal(updated.allows1000, false, 'the new 500 元 limit decides');
    assert.ok(storage.has('gongji.policySet'), 'kept in the platform storage');

    await env.faults({ policySet: '{"format": 1, "version": "2026-12-06.1"' });
    const broken = await launchWith();
    assert.equal(broken.about.policyVersion, '2026-12-05.1', 'the last good set stays');
    assert.equal(broken.about.policyCause, 'POLICY_SET_INVALID');
    assert.equal(broken.about.policyNotice, '暂时没有取得最新的政策，继续按 2026-12-05.1 版政策计算。');
    assert.equal(broken.allows1000, false);
    const template = fs.readFileSync(path.join(broken.mp.project, 'pages', 'login', `index.${platform.template}`), 'utf8');
    assert.match(template, /policy-notice/, 'one notice line in the page, no error screen');
    assert.equal(broken.mp.open('login').data.error, null);

    const offline = await launchWith({ baseUrl: 'http://127.0.0.1:9' });
    assert.equal(offline.about.policyVersion, '2026-12-05.1');
    assert.equal(offline.about.policyCause, 'SHELL_OFFLINE');
    assert.equal(offline.allows1000, false);

    await env.faults({ policySet: policySetText('2026-11-01.1', '500.00') });
    const older = await launchWith({ storage: new Map() });
    assert.equal(older.about.policyVersion, '2026-12-04.1', 'an older set than the built-in one is never applied');
    assert.equal(older.about.policyCause, 'POLICY_SET_OLDER');
    assert.equal(older.allows1000, true);
  });
}
