// Every WeChat page in Tencent's miniprogram-simulate (tests/engines/simulate.mjs): real WXML
// compiled by wcc, real WXSS, the real Page options, the local provincial endpoint. Logged out
// and logged in as each sample holder, each rendered state must have every handler the WXML
// names, every `{{ }}` path in the data, and no undefined / NaN / [object Object] on screen.
// Then the main buttons are tapped as a user would, found by their visible label.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, sampleLogins } from '../shells/helpers.mjs';
import { sampleData } from '../../www/server/sample-data.mjs';
import { t } from '../../www/shared/labels.js';
import { launchWechat, WECHAT, settle, endSessions } from './simulate.mjs';
import { BAD_TEXT, handlersOf, missingPaths, unknownDirectives } from './templates.mjs';

const logins = sampleLogins();
const data = sampleData();
let env;
before(async () => { env = await startTestServer(); });
after(async () => {
  endSessions();
  await env.close();
});

/** The checks every rendered state gets; returns the page for chaining. */
function assertRendered(mp, page, state, { paths = true } = {}) {
  const where = `${page.path} (${state})`;
  if (paths) assert.deepEqual(missingPaths(mp.template(page.path), page.data, WECHAT, `${page.path}.wxml`), [], `${where}: every {{ }} path is in the data`);
  const text = page.text();
  assert.doesNotMatch(text, BAD_TEXT, `${where} shows no undefined/NaN/[object Object]: ${text.slice(0, 400)}`);
  const badAttributes = page.attributeValues().filter((a) => BAD_TEXT.test(a));
  assert.deepEqual(badAttributes, [], `${where}: no attribute the renderer wrote holds undefined/NaN/[object Object]`);
  return page;
}

async function logIn(mp, who) {
  const login = await mp.open('pages/login/index');
  await login.type('certno', who.certno);
  await login.type('phone', who.phone);
  await login.type('smsCode', who.smsCode);
  await login.tap(t('submitLogin'));
  await settle();
  assert.equal(mp.navigations.at(-1), '/pages/home/index', `logged in as ${who.certno.slice(0, 6)}…: ${login.text().slice(0, 200)}`);
  return login;
}

test('every page of app.json: each handler the WXML names is a function of its Page options; only WeChat syntax', () => {
  const mp = launchWechat({ baseUrl: env.origin });
  assert.ok(mp.pages.length >= 7);
  for (const pagePath of mp.pages) {
    const tree = mp.template(pagePath);
    const options = mp.pageOptions(pagePath);
    assert.ok(options, `${pagePath}.js calls Page()`);
    const handlers = handlersOf(tree, WECHAT);
    assert.ok(handlers.length > 0, `${pagePath} binds handlers`);
    for (const h of handlers) assert.equal(typeof options[h.handler], 'function', `${pagePath}.wxml:${h.line} ${h.attr}="${h.handler}" has a handler in the Page options`);
    assert.deepEqual(unknownDirectives(tree, WECHAT), [], `${pagePath}: only wx: directives WeChat defines`);
  }
});

test('logged out: the login page renders cleanly; every other page sends the user to login', async () => {
  await env.reset();
  const mp = launchWechat({ baseUrl: env.origin });
  for (const pagePath of mp.pages) {
    const before = mp.navigations.length;
    const page = await mp.open(pagePath);
    // A page on its way to login shows its chrome only; its data paths are the todo below.
    assertRendered(mp, page, 'logged out', { paths: pagePath === 'pages/login/index' });
    if (pagePath === 'pages/login/index') {
      assert.ok(page.buttons().includes(t('submitLogin')), 'the login button is shown');
      assert.equal(page.data.error, null);
    } else {
      assert.equal(mp.navigations.at(-1), '/pages/login/index', `${pagePath} without a session goes to login`);
      assert.ok(mp.navigations.length > before);
    }
  }
  assert.ok(mp.wasmPaths.length >= 1 && mp.wasmPaths.every((p) => /gongji\.wasm\.br$/.test(p)), `the core loaded through WXWebAssembly (${mp.wasmPaths[0]})`);
});

// What a user sees before the core has loaded and before a redirect to login: the pages'
// initial data is {loading, error} and the chrome (labels, the 简/繁 and 长辈 switches)
// arrives only after init(), so the first frame shows an empty "loading" line and blank
// chips; a page left for login reads lists it never received (family: bindings, wallet:
// transfers). The renderer shows all of these as empty strings.
test('first paint and pages left for login: every {{ }} path is in the data', async () => {
  await env.reset();
  const mp = launchWechat({ baseUrl: env.origin });
  const problems = [];
  for (const pagePath of mp.pages) {
    problems.push(...missingPaths(mp.template(pagePath), JSON.parse(JSON.stringify(mp.pageOptions(pagePath).data ?? {})), WECHAT, `${pagePath}.wxml (first paint)`));
    const page = await mp.open(pagePath);
    problems.push(...missingPaths(mp.template(pagePath), page.data, WECHAT, `${pagePath}.wxml (logged out)`));
  }
  assert.deepEqual(problems, []);
});

for (const [who, login] of Object.entries(logins)) {
  test(`logged in as the ${who} holder: every page renders cleanly with its data`, async () => {
    await env.reset();
    const mp = launchWechat({ baseUrl: env.origin });
    await logIn(mp, login);
    for (const pagePath of mp.pages.filter((p) => p !== 'pages/login/index')) {
      const page = await mp.open(pagePath);
      assertRendered(mp, page, `logged in as ${who}`);
      assert.equal(page.data.error, null, `${pagePath} shows no error: ${JSON.stringify(page.data.error)}`);
      assert.equal(page.data.loading, false, `${pagePath} finished loading`);
      // Toggling 繁體 and 长辈模式 re-renders the same page cleanly.
      await page.tap(page.data.scriptSwitch, { tag: 'text' });
      assertRendered(mp, page, `logged in as ${who}, 繁體`);
      await page.tap(page.data.scriptSwitch, { tag: 'text' });
    }
  });
}

test('login: a wrong SMS code shows the catalog text and stays; the right one goes to 首页', async () => {
  await env.reset();
  const mp = launchWechat({ baseUrl: env.origin });
  const login = await mp.open('pages/login/index');
  await login.type('certno', logins.dingxi.certno);
  await login.type('phone', logins.dingxi.phone);
  await login.type('smsCode', '000000');
  await login.tap(t('submitLogin'));
  await settle();
  assert.equal(login.data.noticeCode, 'SHELL_LOGIN_FAILED');
  assert.ok(login.text().includes(login.data.notice) && login.data.notice.length > 4, 'the refusal is on screen');
  assert.equal(mp.navigations.length, 0);
  assertRendered(mp, login, 'after a refused login');
  await login.type('smsCode', logins.dingxi.smsCode);
  await login.tap(t('submitLogin'));
  await settle();
  assert.deepEqual(mp.navigations, ['/pages/home/index']);
});

test('交易明细: picking a record type filters the list to that type', async () => {
  await env.reset();
  const mp = launchWechat({ baseUrl: env.origin });
  await logIn(mp, logins.lanzhou);
  const history = await mp.open('pages/history/index');
  const all = history.data.view.total ?? history.data.view.items.length;
  const typeIndex = history.data.types.findIndex((ty) => ty.value === 'settlement');
  assert.ok(typeIndex > 0, 'the type picker offers settlements');
  await history.pick('type', typeIndex);
  assertRendered(mp, history, 'filtered to settlements');
  const shown = history.data.view.items;
  assert.ok(shown.length > 0, 'some settlements are listed');
  // The picker says 就医购药 and the list 就医结算 for the same type (reported): compare codes.
  assert.ok(shown.every((item) => item.type === 'settlement'), `every listed item is a settlement: ${[...new Set(shown.map((i) => i.type))]}`);
  assert.ok(history.text().includes(shown[0].amount.text), 'the first item is on screen');
  assert.notEqual(history.data.view.pageText, undefined);
  assert.ok((history.data.view.total ?? shown.length) <= all);
});

test('家庭成员: the bind check shows the refusal and its reason for a father-in-law', async () => {
  await env.reset();
  const mp = launchWechat({ baseUrl: env.origin });
  await logIn(mp, logins.lanzhou);
  const family = await mp.open('pages/family/index');
  const fatherInLaw = data.people.find((p) => p.baseinfo.psn_name === '刘建军').baseinfo;
  await family.type('name', fatherInLaw.psn_name);
  await family.type('certno', fatherInLaw.certno);
  const index = family.data.relations.findIndex((r) => /岳父|公公/.test(r.name));
  assert.ok(index >= 0, 'the relation picker offers 岳父/公公');
  await family.pickLabelled(t('relation'), index);
  await family.type('phone', '13800138000');
  await settle();
  assertRendered(mp, family, 'bind check done');
  const decision = family.data.decision;
  assert.ok(decision, 'a decision is shown');
  assert.equal(decision.eligible, false);
  assert.ok(family.text().includes(decision.verdict), 'the verdict is on screen');
  assert.ok(decision.reasons.length > 0 && family.text().includes(decision.reasons[0].message), 'the reason is on screen');
});

// Unbinding is irreversible for the user (a new binding needs the relative's consent and the
// cool-down), so it asks first (wx.showModal, from onUnbind in www/shared/miniapp.js).
test('家庭成员: 解除绑定 asks first; cancelling keeps the binding, confirming unbinds', async () => {
  await env.reset();
  const mp = launchWechat({ baseUrl: env.origin });
  await logIn(mp, logins.lanzhou);
  const family = await mp.open('pages/family/index');
  const bound = family.data.bindings.filter((b) => b.canUnbind);
  assert.ok(bound.length > 0, 'the holder has a binding to end');
  const unbindRequests = () => mp.requests.filter((r) => /unbind/.test(r.url) || (r.method === 'DELETE')).length;
  mp.modalAnswers.push(false);
  await family.tap(t('unbind'));
  await settle();
  assert.equal(mp.modals.length, 1, 'a confirmation is shown before anything is sent');
  assert.equal(unbindRequests(), 0, 'cancelled: nothing is sent');
  assert.equal(family.data.bindings.filter((b) => b.canUnbind).length, bound.length, 'cancelled: the binding stays');
  mp.modalAnswers.push(true);
  await family.tap(t('unbind'));
  await settle();
  assert.equal(mp.modals.length, 2);
  assert.equal(unbindRequests(), 1, 'confirmed: the unbind is sent once');
  assert.ok(family.data.notice, 'the result is said');
  assertRendered(mp, family, 'after unbinding');
});

test('医保钱包: typing an amount over the limit shows the amount and the refusal', async () => {
  await env.reset();
  const mp = launchWechat({ baseUrl: env.origin });
  await logIn(mp, logins.lanzhou);
  const wallet = await mp.open('pages/wallet/index');
  await wallet.type('amount', '2500');
  assertRendered(mp, wallet, 'amount typed');
  const check = wallet.data.check;
  assert.ok(check, 'the check is shown as the user types');
  assert.equal(check.ok, false);
  assert.ok(wallet.text().includes(check.amountView.text), `the amount is shown (${check.amountView.text})`);
  assert.ok(check.reasons.some((r) => r.code === 'WALLET_OVER_MAX'), 'over the limit');
  for (const reason of check.reasons) assert.ok(wallet.text().includes(reason.message), `${reason.code} is on screen`);
  await wallet.type('amount', '12.3.4');
  assertRendered(mp, wallet, 'malformed amount typed');
  assert.ok(wallet.data.check.reasons.length > 0 && wallet.text().includes(wallet.data.check.reasons[0].message), 'a malformed amount is named');
});

test('共济额度 (WeChat, real WXML): a relative in 西安 gets the quota form, the core answers as he types, the policy is on screen; release asks first', async () => {
  await env.reset();
  const mp = launchWechat({ baseUrl: env.origin });
  await logIn(mp, logins.lanzhou);
  const home = await mp.open('pages/home/index');
  await settle();
  assertRendered(mp, home, 'with a quota');
  assert.ok(home.text().includes(t('holderCanUse')) && home.text().includes(home.data.view.holderCanUse.text), '首页 says what the holder can still use');
  const family = await mp.open('pages/family/index');
  const brother = data.people.find((p) => p.baseinfo.psn_name === '张强').baseinfo;
  await family.type('name', brother.psn_name);
  await family.type('certno', brother.certno);
  await family.pickLabelled(t('relation'), family.data.relations.findIndex((r) => r.code === '73'));
  await family.type('phone', '13800138000');
  await settle();
  assertRendered(mp, family, 'quota form open');
  assert.equal(family.data.decision.channel, 'wallet');
  assert.ok(family.text().includes(family.data.decision.policy.text), 'the policy in force is on screen beside the answer');
  assert.ok(family.text().includes(family.data.explained), 'what a quota is, in one sentence');
  assert.ok(!family.buttons().includes(t('submitBind')), 'no bind button for a relative in another province');
  await family.type('amount', '99999');
  await settle();
  assertRendered(mp, family, 'quota refused');
  assert.ok(family.text().includes(family.data.quota.check.reasons[0].message), 'the core\'s reason is on screen');
  await family.type('amount', '900');
  await settle();
  assert.ok(family.text().includes(family.data.quota.check.availableAfter.text));
  await family.tap(t('changeQuota'), { index: 1 }); // [0] is the list's, [1] the form's submit
  await settle();
  assert.equal(family.data.quotas.quotas[0].amount.amount, '900.00');
  const deletes = () => mp.requests.filter((r) => r.method === 'DELETE').length;
  mp.modalAnswers.push(false);
  await family.tap(t('releaseQuota'));
  await settle();
  assert.equal(mp.modals.length, 1, 'asked before anything is sent');
  assert.match(mp.modals[0].content, /不能撤销/);
  assert.equal(deletes(), 0, 'cancelled: nothing sent');
  mp.modalAnswers.push(true);
  await family.tap(t('releaseQuota'));
  await settle();
  assert.equal(deletes(), 1, 'confirmed: sent once');
  assert.equal(family.data.quotas.quotas.length, 0);
  assertRendered(mp, family, 'after the release');
});
