// The local provincial endpoint: its sample data (valid ID numbers checked by an independent
// implementation, balances that follow from the history, exactly one planted anomaly), its
// match with www/openapi.json, and what it serves (allow-list, CSP, test switches only in
// test/demo mode).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { sampleData } from '../../www/server/sample-data.mjs';
import { checkCharacter, residentId } from '../../www/server/ids.mjs';
import { startServer, CSP } from '../../www/server.mjs';
import { startTestServer, sampleLogins, root } from './helpers.mjs';

const require = createRequire(import.meta.url);
const IdValidator = require('id-validator');
const gongji = require(path.join(root, 'pkg'));
const openapi = JSON.parse(fs.readFileSync(path.join(root, 'www/openapi.json'), 'utf8'));
const data = sampleData();

const fen = (text) => {
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(text);
  assert.ok(match, `amount ${text} is a 2-decimal string`);
  return (match[1] ? -1 : 1) * (Number(match[2]) * 100 + Number(match[3]));
};

let env;
before(async () => { env = await startTestServer(); });
after(async () => { await env.close(); });

test('the documented example checks out: 11010519491231002X', () => {
  assert.equal(checkCharacter('11010519491231002'), 'X');
  assert.equal(residentId({ region: '110105', birth: '1949-12-31', sex: 'female', serial: 1 }), '11010519491231002X');
});

test('every sample ID number is valid (id-validator), with a real Gansu or Shaanxi code and its birth date and sex', () => {
  const validator = new IdValidator();
  assert.ok(data.people.length >= 15);
  for (const p of data.people) {
    const { certno, brdy, gend } = p.baseinfo;
    assert.ok(validator.isValid(certno), `${p.baseinfo.psn_name}'s number is valid`);
    const info = validator.getInfo(certno);
    assert.match(info.addrCode, /^(62|61)\d{4}$/);
    assert.equal(info.birth, brdy);
    assert.equal(String(info.sex === 1 ? 1 : 2), gend);
    assert.match(p.baseinfo.psn_no, new RegExp(`^${p.insuinfo.insuplc_admdvs}\\d{20}$`), 'psn_no: 26 digits starting with the region');
  }
  const numbers = data.people.map((p) => p.baseinfo.certno);
  assert.equal(new Set(numbers).size, numbers.length, 'no two people share a number');
});

test('the sample families are the ones the issue asks for', () => {
  const [dingxi, lanzhou] = data.holders;
  assert.equal(dingxi.person.insuinfo.insuplc_admdvs.slice(0, 4), '6211', '定西');
  assert.match(dingxi.person.insuinfo.psn_type, /^12/, 'a retired holder');
  assert.equal(lanzhou.person.insuinfo.insuplc_admdvs.slice(0, 4), '6201', '兰州');
  assert.match(lanzhou.person.insuinfo.psn_type, /^11/, 'a working holder');
  const relations = lanzhou.ledger.members.map((m) => m.relation);
  assert.ok(relations.some((r) => /^[23]\d$/.test(r)) && relations.some((r) => /^5[0-2]$/.test(r)), 'children and parents');
  const lastYear = dingxi.ledger.members.find((m) => m.status === 'unbound');
  assert.ok(lastYear && lastYear.unbound_at.startsWith('2025'), 'a member unbound last year');
  assert.ok(data.people.some((p) => !p.insuinfo.insuplc_admdvs.startsWith('62')), 'a relative insured in another province');
  for (const holder of data.holders) assert.ok(holder.ledger.records.some((r) => r.type === 'refund'), 'refunds');
});

test('each balance follows from the history (opening + credits − debits), computed independently in fen', () => {
  for (const { ledger } of data.holders) {
    let balance = fen(ledger.account.opening_balc);
    for (const r of ledger.records) {
      if (r.type === 'credit') balance += fen(r.amount);
      else if (r.type === 'transfer' || r.type === 'contribution') balance -= fen(r.amount);
      else if (r.type === 'quota') continue; // a 共济额度 is virtual: only spending from it counts
      else balance -= fen(r.acct_pay) + fen(r.acct_mulaid_pay);
    }
    assert.equal(balance, fen(ledger.account.balc));
    assert.ok(balance > 0);
  }
});

test('the one planted anomaly: spending by a member after their unbinding date; splits all add up', () => {
  const found = [];
  for (const { ledger } of data.holders) {
    for (const r of ledger.records.filter((x) => x.type === 'settlement')) {
      assert.equal(fen(r.fund_pay_sumamt) + fen(r.acct_pay) + fen(r.acct_mulaid_pay) + fen(r.psn_cash_pay), fen(r.medfee_sumamt), 'the split adds up');
      const member = ledger.members.find((m) => m.psn_no === r.psn_no);
      if (member?.unbound_at && r.setl_time.slice(0, 10) > member.unbound_at) found.push(r.setl_id);
    }
    const ids = ledger.records.filter((x) => x.type === 'settlement').map((x) => x.setl_id);
    assert.equal(new Set(ids).size, ids.length, 'no duplicate setl_id');
    for (const refund of ledger.records.filter((x) => x.type === 'refund')) assert.ok(ids.includes(refund.setl_id), 'every refund has its settlement');
  }
  assert.equal(found.length, 1);
});

test('every record has the fields the OpenAPI schema of its type requires', () => {
  const schemas = openapi.components.schemas;
  const byType = { credit: 'Credit', transfer: 'TransferRecord', settlement: 'Settlement', refund: 'Refund', contribution: 'Contribution', quota: 'QuotaRecord' };
  for (const { ledger } of data.holders) {
    for (const key of schemas.Ledger.properties.account.required) assert.ok(key in ledger.account, `account.${key}`);
    for (const m of ledger.members) for (const key of schemas.Ledger.properties.members.items.required) assert.ok(key in m, `members[].${key}`);
    for (const r of ledger.records) {
      const schema = schemas[byType[r.type]];
      assert.ok(schema, `a schema for ${r.type}`);
      assert.deepEqual(Object.keys(r).sort(), Object.keys(schema.properties).sort(), `${r.type} has exactly the documented fields`);
    }
  }
});

test('every API route the server answers is documented in www/openapi.json, and the reverse', () => {
  // The 代办 routes live in their own module (consents.mjs).
  const source = ['api.mjs', 'consents.mjs'].map((file) => fs.readFileSync(path.join(root, 'www/server', file), 'utf8')).join('\n');
  const served = new Set([...source.matchAll(/'(GET|POST|DELETE) (\/[a-z/]*)'/g)].map((m) => `${m[1]} ${m[2].replace(/\/$/, '/{psn_no}')}`));
  const documented = new Set(Object.entries(openapi.paths).flatMap(([p, ops]) => Object.keys(ops).map((op) => `${op.toUpperCase()} ${p}`)));
  assert.deepEqual([...served].sort(), [...documented].sort());
});

test('the portal is served with a strict CSP; server code and paths outside the allow-list are not', async () => {
  const page = await fetch(`${env.origin}/`);
  assert.equal(page.status, 200);
  const csp = page.headers.get('content-security-policy');
  assert.equal(csp, CSP);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|\*|data:|blob:/);
  assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
  const html = await page.text();
  assert.doesNotMatch(html, /<script>(?!<)|\sstyle=|\son[a-z]+=/i, 'no inline script, style or handler in the page');
  for (const blocked of ['/server.mjs', '/server/api.mjs', '/app/../server/api.mjs', '/shared/%2e%2e/server.mjs', '/wechat/app.js', '/pkg/node/gongji.js']) {
    assert.equal((await fetch(env.origin + blocked)).status, 404, blocked);
  }
  assert.equal((await fetch(`${env.origin}/pkg/web/gongji_bg.wasm`)).headers.get('content-type'), 'application/wasm');
});

test('no file of the portal writes server data through innerHTML or similar', () => {
  const dirs = ['www/app', 'www/app/pages', 'www/shared'];
  for (const dir of dirs) {
    for (const file of fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.js'))) {
      const text = fs.readFileSync(path.join(root, dir, file), 'utf8');
      assert.doesNotMatch(text, /\.(innerHTML|outerHTML)\s*[+]?=|insertAdjacentHTML\(|document\.write\(|\beval\(|new Function\(/, `${dir}/${file}`);
    }
  }
});

test('the fault switches exist only in test/demo mode', async () => {
  const { server, origin } = await startServer({ port: 0, faults: false });
  try {
    const switched = await fetch(`${origin}/__faults`, { method: 'POST', body: '{"fail":{"status":500}}' });
    assert.ok([404, 405].includes(switched.status), `refused (${switched.status})`);
    const meta = await (await fetch(`${origin}/api/v1/meta`)).json();
    assert.equal(meta.demo, undefined, 'no sample logins offered');
  } finally {
    server.close();
  }
});

test('bind, unbind and a wallet transfer change the server state; reset restores it', async () => {
  const { lanzhou } = sampleLogins();
  const login = await (await fetch(`${env.origin}/api/v1/session`, { method: 'POST', body: JSON.stringify({ certno: lanzhou.certno, phone: lanzhou.phone, sms_code: lanzhou.smsCode }) })).json();
  const auth = { authorization: `Bearer ${login.token}` };
  const sister = data.people.find((p) => p.baseinfo.psn_name === '张雪');
  const bind = await fetch(`${env.origin}/api/v1/bindings`, { method: 'POST', headers: auth, body: JSON.stringify({ certno: sister.baseinfo.certno, psn_name: '张雪', relation: '77', phone: '13800000000' }) });
  assert.equal(bind.status, 201);
  assert.equal((await bind.json()).binding.state, 'invited');
  const again = await fetch(`${env.origin}/api/v1/bindings`, { method: 'POST', headers: auth, body: JSON.stringify({ certno: sister.baseinfo.certno, psn_name: '张雪', relation: '77' }) });
  assert.equal((await again.json()).code, 'SHELL_CONFLICT');
  const { bindings } = await (await fetch(`${env.origin}/api/v1/bindings`, { headers: auth })).json();
  const father = bindings.find((b) => b.relation === '51');
  const unbind = await fetch(`${env.origin}/api/v1/bindings/${father.psn_no}`, { method: 'DELETE', headers: auth });
  assert.equal((await unbind.json()).binding.state, 'unbound');
  const transfer = await fetch(`${env.origin}/api/v1/wallet/transfers`, { method: 'POST', headers: auth, body: JSON.stringify({ amount: '100.00', payee_certno: data.people.at(-1).baseinfo.certno, payee_name: '张强' }) });
  assert.equal(transfer.status, 201);
  const wallet = await (await fetch(`${env.origin}/api/v1/wallet`, { headers: auth })).json();
  assert.equal(wallet.pending, true);
  assert.equal(wallet.transfers_today, 1);
  await env.reset();
  assert.equal((await fetch(`${env.origin}/api/v1/wallet`, { headers: auth })).status, 401, 'reset ends sessions too');
});

test('共济额度: 张伟 shares with his brother in 西安 through a quota; set, change and release are in the history', async () => {
  const { lanzhou } = sampleLogins();
  const login = await (await fetch(`${env.origin}/api/v1/session`, { method: 'POST', body: JSON.stringify({ certno: lanzhou.certno, phone: lanzhou.phone, sms_code: lanzhou.smsCode }) })).json();
  const auth = { authorization: `Bearer ${login.token}` };
  await env.faults({ clock: '2026-11-23 10:00:00' });
  const get = async () => (await fetch(`${env.origin}/api/v1/wallet/quotas`, { headers: auth })).json();
  const before = await get();
  const [quota] = before.quotas;
  assert.equal(before.quotas.length, 1);
  // The core reads the served history and quotas: nothing set aside, balanced, and the
  // 800.00 quota less the 238.40 spent in 西安 kept from what 张伟 can use himself.
  const served = gongji.Ledger.fromJson(await (await fetch(`${env.origin}/api/v1/ledger`, { headers: auth })).text());
  assert.deepEqual(served.rejected(), []);
  const check = served.reconcile();
  assert.deepEqual([check.ok, check.difference, check.quotaUnused, check.available], [true, '0.00', '561.60', gongji.subtractYuan(before.balc, '561.60')]);
  assert.equal(gongji.quotaSummary({ balance: before.balc, quotas: before.quotas }).available, check.available);
  const brotherTotals = served.byMember({}).find((m) => m.memberId === quota.psn_no);
  assert.deepEqual([brotherTotals.quotaAmount, brotherTotals.quotaUsed, brotherTotals.quotaUnused, brotherTotals.relationName], ['800.00', '238.40', '561.60', '弟']);
  served.free();
  assert.equal(quota.psn_name, '张强');
  assert.equal(quota.insuplc_admdvs, '610113');
  assert.deepEqual([quota.amount, quota.used], ['800.00', '238.40']);
  assert.equal(before.balc, data.holders[1].ledger.account.balc);
  const { bindings } = await (await fetch(`${env.origin}/api/v1/bindings`, { headers: auth })).json();
  assert.ok(!bindings.some((b) => b.psn_no === quota.psn_no), 'a wallet relation is listed with its quota, not as a binding');
  const brother = data.people.find((p) => p.baseinfo.psn_name === '张强');
  const change = await fetch(`${env.origin}/api/v1/wallet/quotas`, { method: 'POST', headers: auth, body: JSON.stringify({ certno: brother.baseinfo.certno, psn_name: '张强', relation: '73', amount: '1000' }) });
  assert.equal(change.status, 200);
  assert.equal((await change.json()).quota.amount, '1000.00');
  const bad = await fetch(`${env.origin}/api/v1/wallet/quotas`, { method: 'POST', headers: auth, body: JSON.stringify({ certno: brother.baseinfo.certno, psn_name: '张强', amount: '1.234' }) });
  assert.equal((await bad.json()).code, 'SHELL_REQUEST_REJECTED');
  const release = await fetch(`${env.origin}/api/v1/wallet/quotas/${quota.psn_no}`, { method: 'DELETE', headers: auth });
  assert.equal((await release.json()).returned, '761.60');
  assert.equal((await get()).quotas.length, 0);
  assert.equal((await fetch(`${env.origin}/api/v1/wallet/quotas/${quota.psn_no}`, { method: 'DELETE', headers: auth })).status, 404);
  const ledger = JSON.parse(await (await fetch(`${env.origin}/api/v1/ledger`, { headers: auth })).text());
  const records = ledger.records.filter((r) => r.type === 'quota').map((r) => `${r.time} ${r.action} ${r.amount}`);
  assert.deepEqual(records, ['2026-03-02 09:30:00 set 600.00', '2026-07-15 20:10:00 change 800.00', '2026-11-23 10:00:00 change 1000.00', '2026-11-23 10:00:00 release 761.60']);
  assert.equal(ledger.account.balc, before.balc, 'a quota never changes the balance');
  const after = gongji.Ledger.fromJson(JSON.stringify(ledger)).reconcile();
  assert.deepEqual([after.ok, after.quotaUnused, after.available], [true, '0.00', ledger.account.balc], 'the release returned exactly the unused part');
  await env.reset();
});

/** POSTs `body` (text) to the API and returns {status, json}. */
async function post(origin, route, body, headers = {}) {
  const response = await fetch(`${origin}/api/v1${route}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

test('typed request bodies: a certno that is not a string does not log in; the field is named, never its value', async () => {
  const { lanzhou } = sampleLogins();
  for (const certno of [[lanzhou.certno], { certno: lanzhou.certno }, 620102198605200671, null, '']) {
    const answer = await post(env.origin, '/session', JSON.stringify({ certno, phone: lanzhou.phone, sms_code: lanzhou.smsCode }));
    assert.equal(answer.status, 400, JSON.stringify(certno));
    assert.deepEqual(answer.json, { code: 'SHELL_REQUEST_REJECTED', field: 'certno' });
  }
  for (const body of ['[]', 'null', '"text"', '{"certno":']) {
    assert.equal((await post(env.origin, '/session', body)).json.code, 'SHELL_REQUEST_REJECTED', body);
  }
  const login = await post(env.origin, '/session', JSON.stringify({ certno: lanzhou.certno, phone: lanzhou.phone, sms_code: lanzhou.smsCode }));
  assert.equal(login.status, 201, 'the same login with a string logs in');
  const auth = { authorization: `Bearer ${login.json.token}` };
  const transfer = await post(env.origin, '/wallet/transfers', JSON.stringify({ amount: { value: 1 }, payee_certno: data.people.at(-1).baseinfo.certno, payee_name: '张强' }), auth);
  assert.deepEqual([transfer.status, transfer.json.field], [400, 'amount']);
  const session = await (await fetch(`${env.origin}/api/v1/session`, { headers: auth })).json();
  assert.ok(session.expires_in > 0 && session.expires_in <= 15 * 60, 'GET /session says how long the session has left');
});

test('after 5 wrong SMS codes in 10 minutes the login is locked, with the time left; it opens again after the window', async () => {
  let clock = Date.parse('2026-12-02T02:00:00Z');
  const { server, origin } = await startServer({ port: 0, faults: true, now: () => clock });
  try {
    const { dingxi } = sampleLogins();
    const tryCode = (code) => post(origin, '/session', JSON.stringify({ certno: dingxi.certno, phone: dingxi.phone, sms_code: code }));
    for (let i = 1; i <= 4; i += 1) {
      assert.equal((await tryCode('000000')).json.code, 'SHELL_LOGIN_FAILED', `wrong code ${i}`);
      clock += 60 * 1000;
    }
    const fifth = await tryCode('000000');
    assert.deepEqual([fifth.status, fifth.json.code], [429, 'SHELL_LOGIN_LOCKED']);
    assert.equal(fifth.json.retry_after_seconds, 6 * 60, 'until the first wrong code leaves the 10-minute window');
    const right = await tryCode(dingxi.smsCode);
    assert.equal(right.status, 429, 'the right code is refused while locked');
    // The lowercase or padded form of the same number is the same number.
    assert.equal((await post(origin, '/session', JSON.stringify({ certno: ` ${dingxi.certno.toLowerCase()} `, phone: dingxi.phone, sms_code: dingxi.smsCode }))).status, 429);
    clock += 6 * 60 * 1000;
    assert.equal((await tryCode(dingxi.smsCode)).status, 201, 'open again once the window has passed');
    assert.equal((await tryCode('000000')).json.code, 'SHELL_LOGIN_FAILED', 'a success clears the count');
  } finally {
    server.close();
  }
});

test('the second login: an image code (SVG) or a sum in words, each used once and lapsing after 5 minutes; the card number must be the holder\'s; failures lock like SMS codes', async () => {
  let clock = Date.parse('2026-12-02T02:00:00Z');
  const { server, origin } = await startServer({ port: 0, faults: true, now: () => clock });
  try {
    const holder = data.holders[1].person;
    const issue = async (kind) => (await post(origin, '/captcha', JSON.stringify({ kind }))).json;
    const digitsOf = async (image) => {
      const response = await fetch(`${origin}/api/v1${image.image_path}`);
      assert.equal(response.headers.get('content-type'), 'image/svg+xml; charset=utf-8');
      return [...(await response.text()).matchAll(/<text[^>]*>(\d)<\/text>/g)].map((m) => m[1]).join('');
    };
    const login = (captcha, answer, cardNo = holder.card_no) => post(origin, '/session/card', JSON.stringify({ certno: holder.baseinfo.certno, card_no: cardNo, captcha_id: captcha.id, captcha: answer }));
    // An image: its four digits log in, once.
    const image = await issue('image');
    assert.equal(image.kind, 'image');
    const digits = await digitsOf(image);
    assert.match(digits, /^\d{4}$/);
    assert.equal((await login(image, digits)).status, 201);
    assert.equal((await login(image, digits)).json.code, 'SHELL_CAPTCHA_EXPIRED', 'used once');
    assert.equal((await fetch(`${origin}/api/v1${image.image_path}`)).status, 404, 'and its image is gone');
    // The text alternative: a sum in words.
    const question = await issue('question');
    const DIGITS = '零一二三四五六七八九';
    const [, a, b] = question.question.match(/^(.)加(.)等于几/);
    assert.equal((await login(question, String(DIGITS.indexOf(a) + DIGITS.indexOf(b)))).status, 201);
    // A wrong answer spends the code; a lapsed one is refused.
    const wrong = await issue('image');
    assert.equal((await login(wrong, (await digitsOf(wrong)) === '0000' ? '1111' : '0000')).json.code, 'SHELL_CAPTCHA_WRONG');
    assert.equal((await login(wrong, await digitsOf(await issue('image')))).json.code, 'SHELL_CAPTCHA_EXPIRED');
    const late = await issue('question');
    clock += 5 * 60 * 1000 + 1;
    assert.equal((await login(late, '2')).json.code, 'SHELL_CAPTCHA_EXPIRED');
    // Someone else's card number: refused in words, and counted toward the lockout.
    for (let i = 1; i <= 4; i += 1) {
      const captcha = await issue('image');
      assert.equal((await login(captcha, await digitsOf(captcha), 'A00000000')).json.code, 'SHELL_CARD_LOGIN_FAILED', `attempt ${i}`);
    }
    const fifth = await issue('image');
    const locked = await login(fifth, await digitsOf(fifth), 'A00000000');
    assert.deepEqual([locked.status, locked.json.code], [429, 'SHELL_LOGIN_LOCKED']);
  } finally {
    server.close();
  }
});

test('an oversized body is answered 413 with a code, not a reset connection', async () => {
  const big = Buffer.alloc(50 * 1024 * 1024, 0x20);
  const declared = await fetch(`${env.origin}/api/v1/session`, { method: 'POST', body: big });
  assert.equal(declared.status, 413);
  assert.equal((await declared.json()).code, 'SHELL_REQUEST_TOO_LARGE');
  // Without a Content-Length (chunked): counted as it arrives.
  const chunks = new ReadableStream({
    start(controller) {
      for (let i = 0; i < 40; i += 1) controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
      controller.close();
    },
  });
  const streamed = await fetch(`${env.origin}/api/v1/session`, { method: 'POST', body: chunks, duplex: 'half' });
  assert.equal(streamed.status, 413);
  assert.equal((await streamed.json()).code, 'SHELL_REQUEST_TOO_LARGE');
  assert.equal((await fetch(`${env.origin}/api/v1/meta`)).status, 200, 'the server still answers');
});

test('bad /__faults bodies are a 400 with a code and the switch named, and change nothing', async () => {
  const before = await env.readFaults();
  for (const [body, field] of [['null', undefined], ['[]', undefined], ['not json', undefined], ['{"slow": 5}', 'slow'], ['{"fail": {"status": "x"}}', 'fail'],
    ['{"nope": true}', 'nope'], ['{"clock": "tomorrow"}', 'clock'], ['{"malformed": "yes"}', 'malformed'], ['{"sessionSeconds": -1}', 'sessionSeconds']]) {
    const response = await fetch(`${env.origin}/__faults`, { method: 'POST', body });
    assert.equal(response.status, 400, body);
    const answer = await response.json();
    assert.equal(answer.code, 'SHELL_REQUEST_REJECTED', body);
    assert.equal(answer.field, field, body);
  }
  assert.deepEqual(await env.readFaults(), before, 'nothing half-applied');
});

test('unbinding follows the core\'s lifecycle: only an active binding; an invited one is refused with the core\'s reason', async () => {
  const { lanzhou } = sampleLogins();
  const login = await post(env.origin, '/session', JSON.stringify({ certno: lanzhou.certno, phone: lanzhou.phone, sms_code: lanzhou.smsCode }));
  const auth = { authorization: `Bearer ${login.json.token}` };
  const sister = data.people.find((p) => p.baseinfo.psn_name === '张雪');
  const bind = await post(env.origin, '/bindings', JSON.stringify({ certno: sister.baseinfo.certno, psn_name: '张雪', relation: '77', phone: '13800000000' }), auth);
  assert.equal(bind.json.binding.state, 'invited');
  const refused = await fetch(`${env.origin}/api/v1/bindings/${bind.json.binding.psn_no}`, { method: 'DELETE', headers: auth });
  assert.equal(refused.status, 409);
  assert.deepEqual(await refused.json(), { code: 'SHELL_UNBIND_REFUSED', reason: 'BIND_TRANSITION_INVALID' });
});

test('共济额度: the endpoint checks a quota with the core\'s own rules (checkBinding\'s channel, checkQuota) — refusals coded as the core codes them', async () => {
  await env.reset();
  const { lanzhou } = sampleLogins();
  const login = await (await fetch(`${env.origin}/api/v1/session`, { method: 'POST', body: JSON.stringify({ certno: lanzhou.certno, phone: lanzhou.phone, sms_code: lanzhou.smsCode }) })).json();
  const auth = { authorization: `Bearer ${login.token}` };
  await env.faults({ clock: '2026-11-23 10:00:00' });
  const post = (who, relation, amount) => fetch(`${env.origin}/api/v1/wallet/quotas`, { method: 'POST', headers: auth, body: JSON.stringify({ certno: who.baseinfo.certno, psn_name: who.baseinfo.psn_name, relation, amount }) });
  const person = (name) => data.people.find((p) => p.baseinfo.psn_name === name);
  const served = await (await fetch(`${env.origin}/api/v1/wallet/quotas`, { headers: auth })).json();
  const brother = person('张强');
  // More than the balance allows: the core's code, and its largest quota for the text's {max}.
  const expected = gongji.checkQuota({ balance: served.balc, quotas: served.quotas, psnNo: brother.baseinfo.psn_no, amount: '5000', date: '2026-11-23', region: data.holders[1].person.insuinfo.insuplc_admdvs });
  assert.equal(expected.allowed, false);
  const over = await post(brother, '73', '5000');
  assert.equal(over.status, 409);
  const overBody = await over.json();
  assert.equal(overBody.code, 'QUOTA_OVER_AVAILABLE');
  assert.equal(overBody.slots.max, expected.maxAmount);
  // Below what he has used already.
  assert.equal((await (await post(brother, '73', '100')).json()).code, 'QUOTA_BELOW_USED');
  // A sister insured in 兰州 shares by binding, not by a quota; an in-law not at all.
  const sister = await post(person('张雪'), '77', '100');
  assert.deepEqual([sister.status, (await sister.json()).code], [409, 'SHELL_REQUEST_REJECTED']);
  const inLaw = await post(person('刘建军'), '55', '100');
  assert.deepEqual([inLaw.status, (await inLaw.json()).code], [409, 'SHELL_REQUEST_REJECTED']);
  // Before the 2026 notice there was no quota at all.
  await env.faults({ clock: '2025-11-23 10:00:00' });
  assert.equal((await post(brother, '73', '900')).status, 409);
  await env.faults({ clock: '2026-11-23 10:00:00' });
  assert.equal((await post(brother, '73', '900')).status, 200, 'within the rules: accepted');
  const after = await (await fetch(`${env.origin}/api/v1/wallet/quotas`, { headers: auth })).json();
  assert.equal(after.quotas[0].amount, '900.00');
});
