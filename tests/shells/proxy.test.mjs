// 代办 (helper mode): the stand-in endpoint's consent records and refusals (www/server/
// consents.mjs), and the shared flow every shell runs (www/shared/proxy.js) through the real
// session, client and core port — the daughter logs in as herself, the holder consents by his
// own code, she views his account read-only, goes back, he withdraws, she is refused.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startServer } from '../../www/server.mjs';
import { CONSENT_TERMS } from '../../www/server/consents.mjs';
import { directPort } from '../../www/shared/port.js';
import { createSession } from '../../www/shared/session.js';
import { memoryStorage } from '../../www/shared/client.js';
import { fetchTransport } from '../../www/shared/transports.js';
import * as proxy from '../../www/shared/proxy.js';
import { submitLogin } from '../../www/shared/flows.js';
import { startTestServer, sampleLogins, helperLogin } from './helpers.mjs';

const require = createRequire(import.meta.url);
const gongji = require('../../pkg/node/index.cjs');
const { dingxi, lanzhou } = sampleLogins();
const daughter = helperLogin();

let env;
before(async () => { env = await startTestServer(); });
after(async () => { await env.close(); });
beforeEach(async () => { await env.reset(); });

/** One call to the endpoint as a client would make it; resolves {status, json}. */
async function call(origin, method, path, { body, token } = {}) {
  const response = await fetch(`${origin}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}
const logIn = async (origin, who) => (await call(origin, 'POST', '/session', { body: { certno: who.certno, phone: who.phone, sms_code: who.smsCode } })).json.token;
const consentOf = (who, code = who.smsCode) => ({ certno: who.certno, phone: who.phone, sms_code: code });
const holderPsn = async (origin, token) => (await call(origin, 'GET', '/person', { token })).json.baseinfo.psn_no;

test('endpoint: no consent, wrong code, own account — each refused with its code; nothing is viewable before the holder\'s code', async () => {
  const helper = await logIn(env.origin, daughter);
  const father = await logIn(env.origin, dingxi);
  const fatherPsn = await holderPsn(env.origin, father);
  assert.deepEqual((await call(env.origin, 'POST', `/viewing/${fatherPsn}`, { token: helper })).json, { code: 'SHELL_CONSENT_NONE' });
  assert.equal((await call(env.origin, 'POST', `/viewing/${fatherPsn}`, { token: helper })).status, 403);
  const wrong = await call(env.origin, 'POST', '/consents', { token: helper, body: consentOf(dingxi, '000000') });
  assert.deepEqual([wrong.status, wrong.json.code], [400, 'SHELL_CONSENT_CODE_WRONG']);
  // A phone that is not the holder's gets the same answer as a wrong code: nothing told.
  const otherPhone = await call(env.origin, 'POST', '/consents', { token: helper, body: { ...consentOf(dingxi), phone: lanzhou.phone } });
  assert.deepEqual([otherPhone.status, otherPhone.json.code], [400, 'SHELL_CONSENT_CODE_WRONG']);
  const self = await call(env.origin, 'POST', '/consents', { token: helper, body: consentOf(daughter) });
  assert.deepEqual([self.status, self.json.code], [409, 'SHELL_CONSENT_SELF']);
  assert.equal((await call(env.origin, 'POST', '/consents', { body: consentOf(dingxi) })).status, 401, 'only a logged-in helper asks');
  assert.deepEqual((await call(env.origin, 'GET', '/consents', { token: helper })).json.mine, []);
  assert.equal((await call(env.origin, 'POST', '/consents/sms', { token: helper, body: { certno: dingxi.certno, phone: dingxi.phone } })).json.sent, true);
});

test('endpoint: consent given by the holder\'s code; the helper reads his account and nothing else; he withdraws; she is refused from then on', async () => {
  const helper = await logIn(env.origin, daughter);
  const given = await call(env.origin, 'POST', '/consents', { token: helper, body: consentOf(dingxi) });
  assert.equal(given.status, 201);
  const consent = given.json.consent;
  assert.equal(consent.state, 'active');
  assert.equal(consent.helper_psn_no, daughter.psnNo);
  const days = (Date.parse(consent.expires_at.replace(' ', 'T')) - Date.parse(consent.granted_at.replace(' ', 'T'))) / 86400000;
  assert.equal(days, CONSENT_TERMS.valid_days, 'the term is the data\'s');
  assert.match(CONSENT_TERMS.note, /UNVERIFIED/);

  const viewing = await call(env.origin, 'POST', `/viewing/${consent.holder_psn_no}`, { token: helper });
  assert.equal(viewing.status, 200);
  assert.equal((await call(env.origin, 'GET', '/person', { token: helper })).json.baseinfo.certno, dingxi.certno, 'his person record');
  const ledger = await call(env.origin, 'GET', '/ledger', { token: helper });
  assert.equal(ledger.json.account.psn_no, consent.holder_psn_no, 'his history');
  assert.equal((await call(env.origin, 'GET', '/bindings', { token: helper })).status, 200);
  // Read-only: every change refused, whatever the route.
  for (const [method, path, body] of [
    ['POST', '/bindings', { certno: lanzhou.certno, psn_name: '张伟', relation: '30' }],
    ['DELETE', `/bindings/${ledger.json.members[0].psn_no}`],
    ['POST', '/wallet/transfers', { amount: '1.00', payee_certno: lanzhou.certno, payee_name: '张伟' }],
    ['POST', '/wallet/quotas', { certno: lanzhou.certno, psn_name: '张伟', amount: '1.00' }],
    ['POST', '/persons/query', { certno: lanzhou.certno, psn_name: '张伟' }],
  ]) {
    const refused = await call(env.origin, method, path, { token: helper, body });
    assert.deepEqual([refused.status, refused.json.code], [403, 'SHELL_PROXY_READ_ONLY'], `${method} ${path}`);
  }
  const listed = (await call(env.origin, 'GET', '/consents', { token: helper })).json;
  assert.equal(listed.viewing.psn_no, consent.holder_psn_no);
  assert.equal(listed.mine.length, 1);

  // Back to her own account, and to his again.
  await call(env.origin, 'DELETE', '/viewing', { token: helper });
  assert.equal((await call(env.origin, 'GET', '/person', { token: helper })).json.baseinfo.certno, daughter.certno);
  await call(env.origin, 'POST', `/viewing/${consent.holder_psn_no}`, { token: helper });

  // The holder sees who holds consent on his account, and withdraws it.
  const father = await logIn(env.origin, dingxi);
  const onHis = (await call(env.origin, 'GET', '/consents', { token: father })).json.on_my_account;
  assert.deepEqual(onHis.map((c) => [c.helper_psn_no, c.state]), [[daughter.psnNo, 'active']]);
  const withdrawn = await call(env.origin, 'DELETE', `/consents/${daughter.psnNo}`, { token: father });
  assert.equal(withdrawn.json.consent.state, 'withdrawn');
  assert.equal((await call(env.origin, 'DELETE', `/consents/${daughter.psnNo}`, { token: father })).json.code, 'SHELL_CONSENT_NONE', 'once');

  const refused = await call(env.origin, 'GET', '/person', { token: helper });
  assert.deepEqual([refused.status, refused.json.code], [403, 'SHELL_CONSENT_WITHDRAWN'], 'the very next read');
  assert.equal((await call(env.origin, 'GET', '/person', { token: helper })).json.baseinfo.certno, daughter.certno, 'the session is back on her own account');
  assert.equal((await call(env.origin, 'POST', `/viewing/${consent.holder_psn_no}`, { token: helper })).json.code, 'SHELL_CONSENT_WITHDRAWN');
});

test('endpoint: a consent ends by itself after its term; 5 wrong holder codes lock with the time left', async () => {
  let clock = Date.parse('2026-12-02T02:00:00Z');
  const { server, origin } = await startServer({ port: 0, faults: true, now: () => clock });
  try {
    const helper = await logIn(origin, daughter);
    const consent = (await call(origin, 'POST', '/consents', { token: helper, body: consentOf(dingxi) })).json.consent;
    await call(origin, 'POST', `/viewing/${consent.holder_psn_no}`, { token: helper });
    clock += (CONSENT_TERMS.valid_days * 24 * 3600 - 60) * 1000;
    // Sessions last 15 minutes: a fresh login a minute before the end, and at the end.
    const late = await logIn(origin, daughter);
    assert.equal((await call(origin, 'POST', `/viewing/${consent.holder_psn_no}`, { token: late })).status, 200, 'a minute before the end');
    clock += 60 * 1000;
    const expired = await call(origin, 'GET', '/ledger', { token: late });
    assert.deepEqual([expired.status, expired.json.code], [403, 'SHELL_CONSENT_EXPIRED']);
    assert.equal((await call(origin, 'GET', '/consents', { token: late })).json.mine[0].state, 'expired');

    for (let i = 1; i <= 4; i += 1) {
      assert.equal((await call(origin, 'POST', '/consents', { token: late, body: consentOf(dingxi, '000000') })).json.code, 'SHELL_CONSENT_CODE_WRONG', `wrong code ${i}`);
      clock += 60 * 1000;
    }
    const fifth = await call(origin, 'POST', '/consents', { token: late, body: consentOf(dingxi, '000000') });
    assert.deepEqual([fifth.status, fifth.json.code, fifth.json.retry_after_seconds], [429, 'SHELL_CONSENT_LOCKED', 6 * 60]);
    assert.equal((await call(origin, 'POST', '/consents', { token: late, body: consentOf(dingxi) })).status, 429, 'the right code too, while locked');
  } finally {
    server.closeAllConnections?.();
    server.close();
  }
});

/** A shell's session and port, as the portal builds them (fetch, the core in this thread). */
async function shell() {
  const port = directPort({ load: () => Promise.resolve(gongji), path: 'direct' });
  await port.ready();
  await port.setLocale('zh-Hans');
  const storage = memoryStorage();
  const session = createSession({ port, client: { baseUrl: env.origin, transport: fetchTransport(fetch), storage }, setTimer: () => 0, clearTimer: () => {} });
  return { port, session, storage };
}

test('flow: the daughter asks, the holder\'s code given, his account on view with a masked banner; back to her own; withdrawn; refused', async () => {
  const her = await shell();
  assert.equal((await submitLogin(her, daughter)).ok, true);
  const bad = await proxy.requestConsentCode(her, { certno: '62110219540816', phone: dingxi.phone });
  assert.ok(bad.errors.certno, 'the core checks the holder\'s ID number before any code is sent');
  const sent = await proxy.requestConsentCode(her, { certno: dingxi.certno, phone: dingxi.phone });
  assert.equal(sent.notice.code, 'SHELL_CONSENT_SMS_SENT');
  const wrong = await proxy.submitConsent(her, { certno: dingxi.certno, phone: dingxi.phone, smsCode: '000000' });
  assert.equal(wrong.error.code, 'SHELL_CONSENT_CODE_WRONG');
  assert.match(wrong.error.message, /本人/);
  const given = await proxy.submitConsent(her, { certno: dingxi.certno, phone: dingxi.phone, smsCode: dingxi.smsCode });
  assert.equal(given.ok, true);
  const list = await proxy.loadConsents(her);
  assert.equal(list.mine.length, 1);
  assert.equal(list.mine[0].canView, true);
  assert.match(list.mine[0].stateText, /^有效至 \d{4}-\d{2}-\d{2}$/);

  assert.equal((await proxy.viewAccountOf(her, given.holderPsnNo)).ok, true);
  const banner = await proxy.viewingBanner(her);
  assert.match(banner.text, /^正在代为查看王\*国（.+）的账户，只能查看$/);
  assert.ok(!banner.text.includes('王建国') && !banner.text.includes(dingxi.certno), 'name and ID number masked');
  assert.equal((await her.session.load()).person.baseinfo.certno, dingxi.certno, 'the pages load his account');
  assert.ok(her.storage.get('gongji.viewing'), 'kept beside the token, so a reload keeps the banner');

  assert.equal((await proxy.viewOwnAccount(her)).ok, true);
  assert.equal(her.session.viewing, null);
  assert.equal(await proxy.viewingBanner(her), null);
  assert.equal(her.session.takeNotice(), 'SHELL_PROXY_BACK');
  assert.equal((await her.session.load()).person.baseinfo.certno, daughter.certno, 'her own account again');

  await proxy.viewAccountOf(her, given.holderPsnNo);
  const him = await shell();
  await submitLogin(him, dingxi);
  const his = await proxy.loadConsents(him);
  assert.equal(his.onMyAccount.length, 1);
  assert.match(his.onMyAccount[0].who, /^王\*（/, 'who holds consent, masked');
  assert.equal(his.onMyAccount[0].canWithdraw, true);
  const question = proxy.withdrawQuestion(his.onMyAccount[0].who);
  assert.match(question.body, /从现在起不能再查看您的账户/);
  const withdrawn = await proxy.withdrawConsent(him, his.onMyAccount[0].psnNo);
  assert.equal(withdrawn.notice.code, 'SHELL_CONSENT_ENDED');
  assert.equal((await proxy.loadConsents(him)).onMyAccount[0].canWithdraw, false);

  await assert.rejects(her.session.load({ force: true }), (error) => error.code === 'SHELL_CONSENT_WITHDRAWN');
  assert.equal(her.session.viewing, null, 'the banner goes with the viewing');
  const again = await proxy.viewAccountOf(her, given.holderPsnNo);
  assert.deepEqual([again.ok, again.error.code], [false, 'SHELL_CONSENT_WITHDRAWN']);
  assert.match(again.error.message, /已撤回同意/);
});

test('safer SMS login: a locked login and a locked consent code say the minutes left, in 简 and 繁', async () => {
  const ctx = await shell();
  let last;
  for (let i = 0; i < 5; i += 1) last = await submitLogin(ctx, { ...dingxi, smsCode: '000000' });
  assert.equal(last.error.code, 'SHELL_LOGIN_LOCKED');
  assert.match(last.error.message, /请 10 分钟后再试/);
  await ctx.port.setLocale('zh-Hant');
  const hant = await submitLogin(ctx, dingxi);
  assert.match(hant.error.message, /請 10 分鐘後再試/);
  await ctx.port.setLocale('zh-Hans');

  await submitLogin(ctx, daughter);
  for (let i = 0; i < 5; i += 1) last = await proxy.submitConsent(ctx, { certno: dingxi.certno, phone: dingxi.phone, smsCode: '000000' });
  assert.equal(last.error.code, 'SHELL_CONSENT_LOCKED');
  assert.match(last.error.message, /请 10 分钟后再试/);
});
