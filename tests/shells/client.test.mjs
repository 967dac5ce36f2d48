// The shared API client (www/shared/client.js) with each platform's transport, against the
// local provincial endpoint and its fault switches: login, coded errors (offline, timeout,
// server error, bad response), retries only for idempotent reads, session expiry, logout.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createClient, ShellError, memoryStorage } from '../../www/shared/client.js';
import { fetchTransport, wxTransport, myTransport } from '../../www/shared/transports.js';
import { startTestServer, sampleLogins, fakeWxRequest, fakeMyRequest, closedPort, root } from './helpers.mjs';

let env;
const logins = sampleLogins();
const noWait = () => Promise.resolve();

before(async () => { env = await startTestServer(); });
after(async () => { await env.close(); });
beforeEach(async () => { await env.reset(); });

const TRANSPORTS = {
  fetch: () => fetchTransport(fetch),
  'wx.request': () => wxTransport({ request: fakeWxRequest() }),
  'my.request': () => myTransport({ request: fakeMyRequest() }),
};

function client(transportName, options = {}) {
  return createClient({ baseUrl: env.origin, transport: TRANSPORTS[transportName](), sleep: noWait, ...options });
}

async function rejectsWith(promise, code) {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof ShellError, `a ShellError, got ${error}`);
    assert.equal(error.code, code);
    return true;
  });
}

for (const name of Object.keys(TRANSPORTS)) {
  test(`${name}: login with the test SMS code, then read person, ledger text and bindings`, async () => {
    const c = client(name);
    assert.equal(c.isLoggedIn(), false);
    await rejectsWith(c.person(), 'SHELL_NOT_LOGGED_IN');
    await rejectsWith(c.login({ ...logins.lanzhou, smsCode: '654321' }), 'SHELL_LOGIN_FAILED');
    await c.login(logins.lanzhou);
    assert.equal(c.isLoggedIn(), true);
    const person = await c.person();
    assert.equal(person.baseinfo.certno, logins.lanzhou.certno);
    const text = await c.ledgerText();
    assert.equal(typeof text, 'string', 'the ledger stays text for the core');
    assert.equal(JSON.parse(text).account.psn_no, person.baseinfo.psn_no);
    const { bindings } = await c.bindings();
    assert.ok(bindings.length >= 5);
  });

  test(`${name}: a read is retried through 500s and succeeds; too many give SHELL_SERVER_ERROR`, async () => {
    const c = client(name, { retries: 2 });
    await c.login(logins.dingxi);
    await env.faults({ fail: { status: 500, times: 2, path: '/ledger' } });
    assert.match(await c.ledgerText(), /"account"/);
    assert.equal((await env.readFaults()).fail.times, 0, 'both failures were consumed by retries');
    await env.faults({ fail: { status: 503, times: 5, path: '/ledger' } });
    await assert.rejects(c.ledgerText(), (error) => error.code === 'SHELL_SERVER_ERROR' && error.status === 503);
    assert.equal((await env.readFaults()).fail.times, 2, 'one attempt plus two retries');
  });

  test(`${name}: a transfer is never retried, even on a 500`, async () => {
    const c = client(name, { retries: 3 });
    await c.login(logins.lanzhou);
    await env.faults({ fail: { status: 500, times: 3, path: '/wallet/transfers' } });
    await rejectsWith(c.transfer({ amount: '10.00', payee_certno: '620102199003111916', payee_name: '张强' }), 'SHELL_SERVER_ERROR');
    assert.equal((await env.readFaults()).fail.times, 2, 'sent exactly once');
  });

  test(`${name}: a slow answer past the timeout is SHELL_TIMEOUT (and reads retry it)`, async () => {
    const c = client(name, { timeoutMs: 100, retries: 1 });
    await c.login(logins.dingxi);
    await env.faults({ slow: { ms: 1000, times: 1, path: '/person' } });
    // The first attempt times out, the retry is answered at once.
    assert.equal((await c.person()).baseinfo.certno, logins.dingxi.certno);
    await env.faults({ slow: { ms: 1000, times: -1, path: '/person' } });
    await rejectsWith(c.person(), 'SHELL_TIMEOUT');
    await env.faults({ slow: null });
  });

  test(`${name}: an expired session ends the session and says so`, async () => {
    const ended = [];
    const c = client(name, { onSessionEnd: (code) => ended.push(code) });
    await c.login(logins.lanzhou);
    await env.faults({ expireSessions: true });
    await rejectsWith(c.bindings(), 'SHELL_SESSION_EXPIRED');
    assert.deepEqual(ended, ['SHELL_SESSION_EXPIRED']);
    assert.equal(c.isLoggedIn(), false);
  });

  test(`${name}: a body that is not JSON is SHELL_BAD_RESPONSE`, async () => {
    const c = client(name, { retries: 0 });
    await c.login(logins.lanzhou);
    await env.faults({ fail: { status: 200, times: 1, path: '/person', body: '{"baseinfo": ' } });
    await rejectsWith(c.person(), 'SHELL_BAD_RESPONSE');
  });

  test(`${name}: nobody listening is SHELL_OFFLINE`, async () => {
    const port = await closedPort();
    const c = createClient({ baseUrl: `http://127.0.0.1:${port}`, transport: TRANSPORTS[name](), sleep: noWait });
    await rejectsWith(c.sendSmsCode({ certno: logins.dingxi.certno, phone: logins.dingxi.phone }), 'SHELL_OFFLINE');
  });
}

test('the session expires locally after expires_in, without asking the server', async () => {
  let now = 1_000_000;
  let requests = 0;
  const transport = fetchTransport(fetch);
  const c = createClient({ baseUrl: env.origin, transport: (req) => { requests += 1; return transport(req); }, now: () => now, sleep: noWait });
  await c.login(logins.dingxi);
  const before = requests;
  now += 15 * 60 * 1000;
  await rejectsWith(c.person(), 'SHELL_SESSION_EXPIRED');
  assert.equal(requests, before, 'no request was sent with an expired token');
});

test('logout tells the server and forgets the token; the old token is refused', async () => {
  const storage = memoryStorage();
  const c = createClient({ baseUrl: env.origin, transport: fetchTransport(fetch), storage });
  await c.login(logins.lanzhou);
  const { token } = JSON.parse(storage.get('gongji.session'));
  await c.logout();
  assert.equal(c.isLoggedIn(), false);
  const response = await fetch(`${env.origin}/api/v1/person`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(response.status, 401);
});

test('a 401 for a session already ended does not end the next one', async () => {
  const storage = memoryStorage();
  const ended = [];
  const c = createClient({ baseUrl: env.origin, transport: fetchTransport(fetch), storage, onSessionEnd: (code) => ended.push(code) });
  await c.login(logins.dingxi);
  // A slow read sent with the first session is still on its way when that session ends
  // and someone else logs in on the same phone.
  await env.faults({ slow: { ms: 400, times: 1, path: '/ledger' } });
  const late = c.ledgerText().catch((error) => error);
  await new Promise((resolve) => setTimeout(resolve, 100));
  await c.logout();
  await c.login(logins.lanzhou);
  const answer = await late;
  assert.ok(answer instanceof ShellError, 'the old read fails');
  assert.equal(c.isLoggedIn(), true, 'the new session is kept');
  assert.deepEqual(ended, [], 'nobody is sent back to login');
  assert.ok(await c.person(), 'and it works');
});

test('logout while offline still forgets the token (what protects a shared phone)', async () => {
  let offline = false;
  const transport = fetchTransport(fetch);
  const c = createClient({ baseUrl: env.origin, transport: (req) => (offline ? Promise.reject({ code: 'SHELL_OFFLINE' }) : transport(req)), sleep: noWait });
  await c.login(logins.lanzhou);
  offline = true;
  await c.logout();
  assert.equal(c.isLoggedIn(), false);
});

test('wx.request and my.request are asked for text, with the timeout and headers', async () => {
  const wxCalls = [];
  const myCalls = [];
  const a = createClient({ baseUrl: env.origin, transport: wxTransport({ request: fakeWxRequest(wxCalls) }), timeoutMs: 4321 });
  const b = createClient({ baseUrl: env.origin, transport: myTransport({ request: fakeMyRequest(myCalls) }), timeoutMs: 4321 });
  await a.login(logins.dingxi);
  await b.login(logins.dingxi);
  await a.ledgerText();
  await b.ledgerText();
  const wxLast = wxCalls.at(-1);
  const myLast = myCalls.at(-1);
  assert.notEqual(wxLast.dataType, 'json', 'WeChat must not parse the ledger (amounts stay exact)');
  assert.equal(myLast.dataType, 'text');
  assert.equal(wxLast.timeout, 4321);
  assert.equal(myLast.timeout, 4321);
  assert.match(wxLast.header.authorization, /^Bearer /);
  assert.match(myLast.headers.authorization, /^Bearer /);
});

test('every SHELL_ code the client and the server can report has 简体 and 繁體 text in 50-shell.tsv', () => {
  const catalog = new Map(fs.readFileSync(path.join(root, 'data/messages/50-shell.tsv'), 'utf8').split('\n')
    .filter((line) => line && !line.startsWith('#')).map((line) => line.split('\t')).map(([code, hans, hant]) => [code, { hans, hant }]));
  const sources = ['www/shared/client.js', 'www/shared/transports.js', 'www/shared/views.js', 'www/shared/miniapp.js', 'www/server/api.mjs', 'www/server.mjs']
    .map((file) => fs.readFileSync(path.join(root, file), 'utf8')).join('\n');
  const used = new Set(sources.match(/SHELL_[A-Z_]+[A-Z]/g));
  assert.ok(used.size >= 10);
  for (const code of used) {
    assert.ok(catalog.has(code), `${code} is in the catalog`);
    assert.ok(catalog.get(code).hans && catalog.get(code).hant, `${code} has both scripts`);
  }
});

test('a locked login is SHELL_LOGIN_LOCKED with the minutes left as the catalog text\'s slot', async () => {
  const c = client('fetch');
  for (let i = 0; i < 4; i += 1) await rejectsWith(c.login({ ...logins.dingxi, smsCode: '000000' }), 'SHELL_LOGIN_FAILED');
  await assert.rejects(c.login({ ...logins.dingxi, smsCode: '000000' }), (error) => {
    assert.equal(error.code, 'SHELL_LOGIN_LOCKED');
    assert.equal(error.status, 429);
    assert.deepEqual(error.slots, { minutes: 10 });
    return true;
  });
});

test('the client keeps the expiry the endpoint gives, and GET /session renews what it knows', async () => {
  let clock = 1_000_000;
  const c = client('fetch', { now: () => clock });
  await c.login(logins.lanzhou);
  assert.equal(c.expiresAt(), 1_000_000 + 15 * 60 * 1000);
  clock += 60 * 1000;
  const answer = await c.checkSession();
  assert.ok(answer.expires_in > 0);
  assert.equal(c.expiresAt(), clock + answer.expires_in * 1000);
  await env.faults({ expireSessions: true });
  await rejectsWith(c.checkSession(), 'SHELL_SESSION_EXPIRED');
  assert.equal(c.hasToken(), false, 'a session the endpoint ended is forgotten here');
});

test('a quota the endpoint refuses by the core\'s rule: the core\'s QUOTA_* code with its figures (numbers only), sent once, never retried', async () => {
  let sent = 0;
  const answer = { code: 'QUOTA_OVER_AVAILABLE', slots: { max: '569.70', used: '238.40', name: '张强', 'bad key': '1' } };
  const transport = async () => { sent += 1; return { status: 409, text: JSON.stringify(answer) }; };
  const storage = memoryStorage();
  storage.set('gongji.session', JSON.stringify({ token: 't', expiresAt: Date.now() + 60000 }));
  const c = createClient({ transport, storage, sleep: noWait });
  await assert.rejects(c.setQuota({ certno: 'x', psn_name: 'y', relation: '73', amount: '5000' }), (error) => {
    assert.equal(error.code, 'QUOTA_OVER_AVAILABLE');
    assert.deepEqual(error.slots, { max: '569.70', used: '238.40' }, 'no name, no odd key: only figures reach the text');
    return true;
  });
  assert.equal(sent, 1);
  // Any other code that is not ours stays a generic refusal.
  answer.code = 'SOMETHING_ELSE';
  await rejectsWith(c.releaseQuota('123'), 'SHELL_REQUEST_REJECTED');
});
