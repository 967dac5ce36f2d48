// The core port (www/shared/port.js) on its own: the same calls through both implementations
// — directPort, and channelPort into a simulated Worker (a second vm realm that holds the
// core and sees the logic layer only through copied messages) — give the same answers; the
// channel's request ids, coded errors, timeout, one restart and its end; and how many times
// one history page crosses into the core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { directPort, channelPort, METHODS } from '../../www/shared/port.js';
import { serveCore } from '../../www/shared/core-worker.js';
import { sampleData } from '../../www/server/sample-data.mjs';

const require = createRequire(import.meta.url);
const gongji = require('../../pkg/node/index.cjs');
const data = sampleData();
const [dingxi, lanzhou] = data.holders;
const personOf = (holder) => ({ baseinfo: holder.person.baseinfo, insuinfo: [{ ...holder.person.insuinfo, balc: holder.ledger.account.balc }] });
const bindingsOf = (holder) => holder.ledger.members.map((m) => ({ psn_no: m.psn_no, psn_name: m.psn_name, certno: m.certno, relation: m.relation, state: m.status === 'active' ? 'active' : 'unbound', bound_at: m.bound_at }));

/**
 * A Worker stand-in: the core served by serveCore, the two sides joined only by messages
 * copied with structuredClone and delivered on a later turn. `kill()` ends it as iOS does;
 * `hang()` makes it stop answering.
 */
function fakeWorkers(core = gongji) {
  const spawned = [];
  const spawn = () => {
    const toWorker = [];
    const toLogic = [];
    const deaths = [];
    const worker = { alive: true, hung: false, received: [] };
    serveCore({
      onMessage: (cb) => toWorker.push(cb),
      postMessage: (message) => {
        const copied = structuredClone(message);
        setImmediate(() => { if (worker.alive && !worker.hung) for (const cb of toLogic) cb(copied); });
      },
    }, { load: () => Promise.resolve(core), path: 'worker' });
    worker.kill = () => { worker.alive = false; for (const cb of deaths) cb(); };
    worker.hang = () => { worker.hung = true; };
    spawned.push(worker);
    return {
      postMessage: (message) => {
        worker.received.push(message.method);
        const copied = structuredClone(message);
        setImmediate(() => { if (worker.alive) for (const cb of toWorker) cb(copied); });
      },
      onMessage: (cb) => toLogic.push(cb),
      onDeath: (cb) => deaths.push(cb),
      terminate: () => { worker.alive = false; },
    };
  };
  return { spawn, spawned };
}

const IMPLEMENTATIONS = {
  direct: () => directPort({ load: () => Promise.resolve(gongji) }),
  channel: () => channelPort({ spawn: fakeWorkers().spawn }),
};

/** One pass over every page-level method a shell uses, as a shell would call them. */
async function tour(port) {
  const out = {};
  out.info = await port.ready();
  await port.setLocale('zh-Hans');
  const ledger = await port.loadLedger(JSON.stringify(lanzhou.ledger));
  const person = personOf(lanzhou);
  const bindings = bindingsOf(lanzhou);
  out.home = await port.homeView({ ledger, person, bindings, now: '2026-12-02 10:00:00' });
  // 钱能用在哪 (#14): the uses under the set in use, and previews of one bill.
  const quotaWallet = { quotas: lanzhou.quotas };
  out.uses = await port.usesView({ person, bindings, wallet: quotaWallet, date: '2026-12-02' });
  const father = bindings.find((b) => b.relation === '51' && b.state === 'active');
  out.paySelf = await port.paymentPreviewView({ person, wallet: quotaWallet, patient: 'self', selfPay: '300' });
  out.payBrother = await port.paymentPreviewView({ person, wallet: quotaWallet, patient: lanzhou.quotas[0].psn_no, selfPay: '1,000' });
  out.payFather = await port.paymentPreviewView({ person, wallet: quotaWallet, patient: father.psn_no, selfPay: '2000', ownBalance: '50' });
  out.payBad = await port.paymentPreviewView({ person, wallet: quotaWallet, patient: 'self', selfPay: 'abc' });
  out.payNegative = await port.paymentPreviewView({ person, wallet: quotaWallet, patient: father.psn_no, selfPay: '-5' });
  out.homeWallet = await port.homeView({ ledger, person, bindings, wallet: { quotas: lanzhou.quotas }, now: '2026-12-02 10:00:00' });
  out.homeWalletOnly = await port.homeView({ ledger, person, bindings: bindings.filter((b) => b.psn_no !== lanzhou.quotas[0].psn_no), wallet: { quotas: lanzhou.quotas }, now: '2026-12-02 10:00:00' });
  out.options = await port.historyOptions({ ledger, person, bindings });
  out.page1 = await port.historyView({ ledger, filters: {}, page: 1, pageSize: 20, chart: true });
  out.page2 = await port.historyView({ ledger, filters: { type: 'settlement' }, page: 2, pageSize: 20, masked: true });
  out.statement = await port.statementView({ ledger, person, filters: { from: '2026-01-01' }, now: '2026-03-01 09:00:00' });
  out.csv = await port.historyCsv({ ledger, filters: { type: 'credit' } });
  out.credits = await port.creditsView({ ledger, person, date: '2026-12-02' });
  out.check = await port.checkView({ ledger });
  out.bindings = await port.bindingsView({ bindings: [...bindings, { ...bindings[0], psn_no: 'x1', state: 'invited' }, { ...bindings[0], psn_no: 'x2', state: 'reviewing' }] });
  out.lifecycle = await port.lifecycle();
  out.relations = await port.relationList();
  out.login = await port.loginForm({ values: { certno: ' 11010519491231002x ', phone: '13609311234', smsCode: '123456', submitted: true } });
  out.bind = await port.bindForm({ values: { name: '张雪', certno: '620102199308082765', relation: '77', phone: '13800000000' } });
  const wallet = { server_time: '2026-11-23 10:00:00', transfers_today: 0, pending: false, transfers: [{ id: 'a', time: '2026-11-20 09:00:00', amount: '100.00', to_psn_name: '张强', state: 'done' }] };
  out.transfer = await port.transferForm({ values: { name: '张强', certno: '620102199003111916', amount: '2500' }, wallet });
  out.wallet = await port.walletView({ wallet, masked: true });
  out.eligibility = await port.eligibilityView({ holder: person, member: data.people.find((p) => p.baseinfo.psn_name === '刘建军'), relation: '55', date: '2026-12-02', bindings });
  out.message = await port.message({ code: 'SHELL_LOGIN_LOCKED', slots: { minutes: 7 } });
  out.error = await port.errorView({ error: { name: 'ShellError', code: 'SHELL_TIMEOUT' } });
  out.error500 = await port.errorView({ error: { name: 'ShellError', code: 'SHELL_SERVER_ERROR' }, region: '621102' });
  out.error500Anywhere = await port.errorView({ error: { name: 'ShellError', code: 'SHELL_SERVER_ERROR' } });
  await port.setLocale('zh-Hant');
  out.hant = await port.homeView({ ledger, person, bindings, now: '2026-12-02 10:00:00' });
  await port.setLocale('zh-Hans');
  out.bad = await port.loadLedger('not json').then(() => null, (e) => ({ name: e.name, code: e.code, message: e.message }));
  await port.freeLedger(ledger);
  out.gone = await port.checkView({ ledger }).then(() => null, (e) => e.code);
  out.noMethod = await port.errorView({}).then((v) => v.code);
  return out;
}

test('both port implementations answer every page-level call alike', async () => {
  const direct = await tour(IMPLEMENTATIONS.direct());
  const channel = await tour(IMPLEMENTATIONS.channel());
  // They differ only in the path they report.
  assert.equal(direct.info.path, 'direct');
  assert.equal(channel.info.path, 'worker');
  delete direct.info.path;
  delete channel.info.path;
  assert.deepEqual(channel, direct);
  // And the answers are the ones a page needs.
  assert.match(direct.home.balance.text, /^¥[\d,]+\.\d\d$/);
  assert.notEqual(direct.hant.freshness.source, direct.home.freshness.source, 'the locale reached the core');
  // 钱能用在哪: the 2026 policy's uses, the never-allowed ones, the guidance with its sources.
  const names = (list) => list.map((u) => u.name);
  for (const use of ['门诊', '住院', '定点药店购药', '长期护理保险']) assert.ok(names(direct.uses.allowed).includes(use), use);
  for (const use of ['体育健身', '养生保健', '公共卫生']) assert.ok(names(direct.uses.never).includes(use), use);
  assert.equal(direct.uses.policy.document, '《关于做好职工基本医疗保险个人账户跨省共济工作的通知》');
  assert.deepEqual(direct.uses.guidance.map((g) => [g.id, g.unverified]), [['cardRule', false], ['kinshipAccount', true], ['withdrawal', true]]);
  assert.match(direct.uses.guidance[0].title, /卡不能共用/);
  assert.ok(direct.uses.guidance.every((g) => g.sources.length > 0 && g.text.length > 20));
  assert.match(direct.uses.order, /先扣看病人自己的个人账户/);
  assert.deepEqual(direct.uses.patients.map((p) => p.value).slice(0, 1), ['self']);
  // The previews, against integer fen from the fixture: balance 1131.30, the brother's quota
  // 800.00 of which 238.40 used — kept aside for him, drawn only for him.
  const fen = (text) => Math.round(Number(String(text).replace(/[¥,]/g, '')) * 100);
  const balc = fen(lanzhou.ledger.account.balc);
  const unused = fen(lanzhou.quotas[0].amount) - fen(lanzhou.quotas[0].used);
  const lines = (preview) => Object.fromEntries(preview.lines.map((l) => [l.key, fen(l.amount.amount)]));
  assert.deepEqual(lines(direct.paySelf), { own: 30000, cash: 0 });
  assert.deepEqual(lines(direct.payBrother), { own: 0, shared: unused, cash: 100000 - unused }, 'within his quota only');
  assert.equal(direct.payBrother.lines[1].label, '再扣您为他设的共济额度');
  const fromHolder = Math.min(200000 - 5000, balc - unused);
  assert.deepEqual(lines(direct.payFather), { own: 5000, shared: fromHolder, cash: 200000 - 5000 - fromHolder }, 'his own account, then yours less the quota kept for the brother, then cash');
  assert.equal(fen(direct.payFather.total.amount), 200000);
  assert.equal(direct.payBad.ok, false);
  assert.ok(direct.payBad.errors.selfPay && !/selfPay|self_pay/.test(direct.payBad.errors.selfPay), direct.payBad.errors.selfPay);
  assert.match(direct.payNegative.errors.selfPay, /负数/);
  // 首页 says what each figure is, and what each bound relative can use (#14): the balance in
  // the province, what is left of the quota for the relative in another province.
  assert.match(direct.home.balanceMeans, /个人账户里现在的钱/);
  assert.match(direct.home.familyMeans, /共济额度不算在内/);
  assert.match(direct.home.freshness.taken, new RegExp(`截至 ${direct.home.freshness.asOf}`));
  const quotaHolder = lanzhou.quotas[0];
  const withQuota = direct.homeWallet.activeMembers.filter((m) => m.canUse.includes('共济额度'));
  assert.ok(direct.homeWallet.activeMembers.length > 1 && direct.homeWallet.activeMembers.every((m) => m.canUse), 'every relative says what he can use');
  assert.deepEqual(withQuota.map((m) => m.name), [gongji.maskName(quotaHolder.psn_name)], 'the quota relative once, with his quota');
  assert.match(withQuota[0].canUse, /还剩 ¥[\d,]+\.\d\d/);
  assert.ok(direct.home.activeMembers.every((m) => /余额/.test(m.canUse)), 'without the wallet data, the balance');
  assert.match(direct.hant.balanceMeans, /帳戶裡/);
  // A relative shared with only through the wallet (no binding in the province) is listed too.
  assert.deepEqual(direct.homeWalletOnly.activeMembers.filter((m) => m.canUse.includes('共济额度')).map((m) => m.name), [gongji.maskName(quotaHolder.psn_name)]);
  assert.equal(direct.page1.items.length, 20);
  assert.ok(direct.page1.months.length > 10, 'the chart comes with the page');
  assert.ok(direct.page2.items.every((i) => i.amount.text.includes('*')), 'masked');
  assert.ok(direct.statement.items.every((i) => i.amount.upper && /[元整角分]/.test(i.amount.upper)), '大写 on every row');
  assert.equal(direct.login.payload.certno, '11010519491231002X', 'the ID number as the core normalises it (trimmed, X upper-cased)');
  assert.equal(direct.bind.payload.certno, '620102199308082765');
  assert.equal(direct.transfer.ok, false);
  assert.ok(direct.transfer.check.reasons.every((r) => r.code.startsWith('WALLET_')));
  assert.match(direct.message, /7 分钟/);
  // A message that says "call" names the holder's hotline with its area code (and hands it
  // over to be made tappable); with no region known, the national 12393.
  assert.deepEqual([direct.error500.hotline, direct.error500Anywhere.hotline], ['0932-12393', '12393']);
  assert.match(direct.error500.message, /医保服务热线 0932-12393。$/);
  assert.ok(!direct.error500.message.includes('{hotline}') && !direct.error500Anywhere.message.includes('{'));
  assert.equal(direct.error.hotline, undefined, 'a timeout names no hotline');
  assert.equal(direct.bad.code, 'LEDGER_NOT_JSON');
  assert.equal(direct.bad.name, 'GongjiError', 'a core error keeps its name across the channel');
  assert.equal(direct.gone, 'SHELL_CORE_LEDGER_GONE');
  assert.equal(direct.noMethod, 'BOUNDARY_INTERNAL');
  assert.ok(!direct.csv.includes('undefined'));
});

test('the lifecycle decides the buttons: unbind only where the core allows it (today: 正常 only)', async () => {
  const port = IMPLEMENTATIONS.direct();
  const table = await port.lifecycle();
  for (const state of ['invited', 'reviewing', 'active', 'rejected', 'unbound']) assert.ok(table[state], state);
  assert.deepEqual(Object.keys(table).filter((state) => table[state].events.includes('unbind')), ['active']);
  // The same answer as the core's transition function, asked directly.
  for (const state of Object.keys(table)) {
    assert.equal(table[state].events.includes('unbind'), gongji.nextBindingState(state, 'unbind').allowed, state);
  }
  const views = await port.bindingsView({ bindings: ['invited', 'reviewing', 'active', 'unbound'].map((state, i) => ({ psn_no: String(i), psn_name: '张三', certno: '620102199308082765', relation: '77', state })) });
  assert.deepEqual(views.map((v) => v.canUnbind), [false, false, true, false]);
  assert.deepEqual(views.map((v) => v.stateName), ['待确认', '审核中', '正常', '已解绑']);
});

test('the channel: ids match answers to calls; a dead Worker is started again once, with its ledgers and locale; then it is said', async () => {
  const codes = ['SHELL_TIMEOUT', 'SHELL_OFFLINE', 'SHELL_NOT_FOUND'];
  gongji.setLocale('zh-Hant');
  const expected = codes.map((code) => gongji.messageFor(code));
  gongji.setLocale('zh-Hans');
  const workers = fakeWorkers();
  const port = channelPort({ spawn: workers.spawn, timeoutMs: 2000 });
  await port.ready();
  await port.setLocale('zh-Hant');
  const ledger = await port.loadLedger(JSON.stringify(dingxi.ledger));
  // Many calls in flight at once come back each to its own caller.
  const texts = await Promise.all(codes.map((code) => port.message({ code })));
  assert.deepEqual(texts, expected);
  const before = await port.checkView({ ledger });
  // iOS reclaims the Worker while a call is on its way: the call is sent again to the new one.
  const inFlight = port.checkView({ ledger });
  workers.spawned[0].kill();
  assert.deepEqual(await inFlight, before, 'the ledger and the locale were restored in the new Worker');
  assert.equal(port.restarts, 1);
  assert.equal(workers.spawned.length, 2);
  // A second death is final: every call says so, and no third Worker is started.
  workers.spawned[1].kill();
  await assert.rejects(port.checkView({ ledger }), (e) => e.code === 'SHELL_CORE_STOPPED');
  await assert.rejects(port.message({ code: 'SHELL_TIMEOUT' }), (e) => e.code === 'SHELL_CORE_STOPPED');
  assert.equal(workers.spawned.length, 2, 'no retry loop');
  gongji.setLocale('zh-Hans');
});

test('the channel: a Worker that stops answering fails the call with SHELL_CORE_TIMEOUT, and is replaced', async () => {
  const workers = fakeWorkers();
  const timers = [];
  // A controllable clock for the port's timeout (no test waits on wall time).
  const port = channelPort({ spawn: workers.spawn, timeoutMs: 1000, setTimer: (fn) => { timers.push(fn); return timers.length; }, clearTimer: (id) => { timers[id - 1] = null; } });
  await port.ready();
  workers.spawned[0].hang();
  const call = port.message({ code: 'SHELL_TIMEOUT' });
  await new Promise((resolve) => setImmediate(resolve));
  for (const fire of timers.filter(Boolean)) fire();
  await assert.rejects(call, (e) => e.code === 'SHELL_CORE_TIMEOUT');
  assert.equal(workers.spawned.length, 2, 'a new Worker');
  assert.equal(await port.message({ code: 'SHELL_TIMEOUT' }), gongji.messageFor('SHELL_TIMEOUT'));
});

test('the port offers every method of the service, each returning a promise', () => {
  for (const make of Object.values(IMPLEMENTATIONS)) {
    const port = make();
    for (const method of METHODS) assert.equal(typeof port[method], 'function', method);
    const answer = port.relationList();
    assert.ok(answer instanceof Promise);
  }
});

/** The gongji module with every function and Ledger method call counted. */
function counted(core) {
  const counts = new Map();
  const count = (name) => counts.set(name, (counts.get(name) ?? 0) + 1);
  const wrapLedger = (ledger) => new Proxy(ledger, {
    get(target, key) {
      const value = Reflect.get(target, key);
      if (typeof value !== 'function') return value;
      return (...args) => { count(`Ledger.${String(key)}`); return value.apply(target, args); };
    },
  });
  const proxy = new Proxy(core, {
    get(target, key) {
      const value = Reflect.get(target, key);
      if (key === 'Ledger') return { fromJson: (text) => { count('Ledger.fromJson'); return wrapLedger(value.fromJson(text)); } };
      if (typeof value !== 'function') return value;
      return (...args) => { count(String(key)); return value.apply(target, args); };
    },
  });
  const total = () => [...counts.values()].reduce((a, b) => a + b, 0);
  return { proxy, counts, total, reset: () => counts.clear() };
}

test('one history page is one port call, and its amounts cross into the core in one batch', async () => {
  const core = counted(gongji);
  let portCalls = 0;
  const inner = directPort({ load: () => Promise.resolve(core.proxy) });
  const ledger = await inner.loadLedger(JSON.stringify(lanzhou.ledger));
  const port = new Proxy(inner, { get: (t, k) => (typeof t[k] === 'function' ? (...a) => { portCalls += 1; return t[k](...a); } : t[k]) });
  core.reset();
  const view = await port.historyView({ ledger, filters: {}, page: 1, pageSize: 20 });
  assert.equal(portCalls, 1);
  const amounts = view.items.length + view.items.filter((i) => i.bill).length + view.sums.length;
  assert.ok(amounts > 30, `a page shows ${amounts} amounts`);
  assert.equal(core.counts.get('formatYuanMany'), 1, 'every figure of the page in one call');
  assert.equal(core.counts.get('formatYuan') ?? 0, 0);
  assert.equal(core.counts.get('Ledger.query'), 1);
  // The spoken form too: one batch call for the page (it was one call per distinct amount).
  assert.equal(core.counts.get('toSpokenChineseMany'), 1, 'every spoken form of the page in one call');
  assert.equal(core.counts.get('toSpokenChinese') ?? 0, 0);
  assert.ok(view.items.every((i) => i.amount.spoken.endsWith('元') || /[角分]$/.test(i.amount.spoken)), 'each amount is said');
  // The figures reported: core calls for one page (with its chart, as the portal draws it).
  core.reset();
  await port.historyView({ ledger, filters: {}, page: 1, pageSize: 20, chart: true });
  console.log(`# one history page with its chart: 1 port call, ${core.total()} calls into the core (${[...core.counts].map(([k, v]) => `${k} ${v}`).join(', ')})`);
});

test('a port asked for columns loads histories through fromColumns (also in a restarted Worker); any other, through fromJson', async () => {
  /** The core, counting which way each history came in. */
  const counting = () => {
    const ways = [];
    const Ledger = new Proxy(gongji.Ledger, {
      get(target, key) {
        const value = Reflect.get(target, key);
        if (key === 'fromJson' || key === 'fromColumns') return (...args) => { ways.push(key); return value.apply(target, args); };
        return value;
      },
    });
    return { core: new Proxy(gongji, { get: (target, key) => (key === 'Ledger' ? Ledger : Reflect.get(target, key)) }), ways };
  };
  const text = JSON.stringify(dingxi.ledger);
  for (const columns of [true, false, undefined]) {
    const direct = counting();
    const port = directPort({ load: () => Promise.resolve(direct.core), columns });
    await port.ready();
    const id = await port.loadLedger(text);
    assert.deepEqual(direct.ways, [columns ? 'fromColumns' : 'fromJson'], `direct, columns ${columns}`);
    const reference = await directPort({ load: () => Promise.resolve(gongji) });
    const referenceId = await reference.loadLedger(text);
    assert.deepEqual(await port.checkView({ ledger: id }), await reference.checkView({ ledger: referenceId }), 'the same ledger either way');

    const worker = counting();
    const workers = fakeWorkers(worker.core);
    const channel = channelPort({ spawn: workers.spawn, timeoutMs: 2000, columns });
    await channel.ready();
    const ledger = await channel.loadLedger(text);
    workers.spawned[0].kill();
    await channel.checkView({ ledger });
    const way = columns ? 'fromColumns' : 'fromJson';
    assert.deepEqual(worker.ways, [way, way], `worker and its restart, columns ${columns}`);
  }
});

test('which clients get the column way: iOS WeChat and Alipay (JavaScriptCore, no JIT); not Android, devtools or a client that cannot say', async () => {
  const { logicLayerWithoutJit } = await import('../../www/shared/gate.js');
  const wechat = (platform) => ({ getDeviceInfo: () => ({ platform }), getSystemInfoSync: () => ({ platform: 'android' }) });
  const alipay = (platform) => ({ getSystemInfoSync: () => ({ platform }) });
  const table = [
    [wechat('ios'), 'wechat', true], [wechat('android'), 'wechat', false], [wechat('devtools'), 'wechat', false],
    [wechat('ohos'), 'wechat', false], [wechat('mac'), 'wechat', false],
    // An older base library without getDeviceInfo: getSystemInfoSync says.
    [{ getSystemInfoSync: () => ({ platform: 'ios' }) }, 'wechat', true],
    [alipay('iOS'), 'alipay', true], [alipay('iPhone OS'), 'alipay', true], [alipay('Android'), 'alipay', false],
    [{ getSystemInfoSync: () => { throw new Error('no'); } }, 'alipay', false], [{}, 'wechat', false], [alipay(7), 'alipay', false],
  ];
  for (const [api, platform, expected] of table) assert.equal(logicLayerWithoutJit(api, platform), expected, JSON.stringify([platform, safeInfo(api)]));
});

function safeInfo(api) {
  try {
    return (api.getDeviceInfo ?? api.getSystemInfoSync)?.();
  } catch {
    return 'throws';
  }
}
