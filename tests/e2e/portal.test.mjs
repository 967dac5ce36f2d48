// The web portal end to end: Debian's Chromium (playwright-core) against the local
// provincial endpoint started in-process on a free port. Phone-sized viewport; a screenshot
// of every page goes to test-artifacts/e2e/. No test asserts a wall-clock time: slow answers
// are checked by what the page shows, never by how long it took.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../www/server.mjs';
import { sampleData, TEST_SMS_CODE } from '../../www/server/sample-data.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const artifacts = path.join(root, 'test-artifacts', 'e2e');
const data = sampleData();
const [dingxi, lanzhou] = data.holders;
const person = (name) => data.people.find((p) => p.baseinfo.psn_name === name);

let server;
let origin;
let browser;
let userDataDir;
let context;
let page;
let problems;

async function faults(body) {
  await fetch(`${origin}/__faults`, { method: 'POST', body: JSON.stringify(body) });
}

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  ({ server, origin } = await startServer({ port: 0, faults: true }));
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongji-e2e-'));
  // A persistent context on a fresh temporary profile: nothing from another run leaks in.
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  browser = context;
});

after(async () => {
  await browser?.close();
  server?.closeAllConnections?.();
  server?.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await fetch(`${origin}/__reset`, { method: 'POST' });
  for (const old of context.pages()) await old.close();
  page = await context.newPage();
  problems = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // The browser logs every non-2xx response; the tests cause those on purpose.
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  await page.goto(`${origin}/`);
  await page.evaluate(() => { sessionStorage.clear(); localStorage.clear(); });
  await page.goto(`${origin}/#/login`);
  await page.waitForSelector('main[data-ready="login"]');
});

function noProblems() {
  assert.deepEqual(problems, [], 'no script error and no CSP violation');
}

async function shot(name) {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

async function login(holder) {
  await page.fill('#certno', holder.person.baseinfo.certno);
  await page.fill('#phone', holder.person.phone);
  await page.fill('#sms', TEST_SMS_CODE);
  await page.click('#login-submit');
  await page.waitForSelector('main[data-ready="home"]');
}

async function open(route) {
  await page.evaluate((r) => { location.hash = `#/${r}`; }, route);
  await page.waitForSelector(`main[data-ready="${route}"]`);
}

/** The digits an image code draws (its SVG's <text> glyphs, read as a screen would not). */
async function imageCodeOf(src) {
  const svg = await (await fetch(new URL(src, page.url()))).text();
  return [...svg.matchAll(/<text[^>]*>(\d)<\/text>/g)].map((m) => m[1]).join('');
}

/** The answer to the text alternative, worked out from its words (七加五等于几？). */
function sumOf(question) {
  const DIGITS = '零一二三四五六七八九';
  const m = question.match(/^([一二三四五六七八九])加([一二三四五六七八九])等于几/);
  assert.ok(m, question);
  return String(DIGITS.indexOf(m[1]) + DIGITS.indexOf(m[2]));
}

test('登录 by 社保卡 (the provincial portal\'s second way in): card number checked as typed, an image code or its text alternative, a wrong code replaced, then 首页', async () => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.click('#login-ways [data-way="card"]');
  assert.equal(await page.getAttribute('#login-ways [data-way="card"]', 'aria-pressed'), 'true');
  assert.equal(await page.isVisible('#login-form'), false, 'one way shown at a time');
  await page.waitForFunction(() => document.querySelector('#captcha-image').getAttribute('src'));
  // The core checks the card number as typed, and says where it is printed.
  await page.fill('#card-certno', lanzhou.person.baseinfo.certno);
  await page.fill('#card-no', lanzhou.person.baseinfo.certno);
  await page.waitForFunction(() => document.querySelector('#card-no-error').textContent.includes('社保卡正面'));
  await page.fill('#card-no', lanzhou.person.card_no.toLowerCase().replace(/(\w{4})/, '$1 '));
  await page.waitForFunction(() => document.querySelector('#card-no-error').textContent === '');
  // A wrong code: refused in words, and a new image is there to read.
  const first = await page.getAttribute('#captcha-image', 'src');
  await page.fill('#captcha', '0000' === (await imageCodeOf(first)) ? '1111' : '0000');
  await page.click('#card-submit');
  await page.waitForFunction(() => document.querySelector('#login-notice').dataset.code === 'SHELL_CAPTCHA_WRONG');
  await page.waitForFunction((old) => document.querySelector('#captcha-image').getAttribute('src') !== old, first);
  // The text alternative instead of the image (适老化: a non-text captcha has one).
  await page.click('#captcha-switch');
  await page.waitForFunction(() => !document.querySelector('#captcha-question').hidden && document.querySelector('#captcha-question').textContent.length > 0);
  assert.equal(await page.isVisible('#captcha-image'), false);
  const question = await page.textContent('#captcha-question');
  await shot('360-login-card-question');
  await page.fill('#captcha', sumOf(question));
  await page.click('#card-submit');
  await page.waitForSelector('main[data-ready="home"]');
  assert.match(await page.textContent('#balance'), /¥/);
  noProblems();
});

test('登录: fields are checked as the user types; the sample login reaches 首页 with balance and freshness', async () => {
  assert.equal(await page.isVisible('#nav'), false, 'no navigation before login');
  assert.equal(await page.isVisible('#logout'), false, 'no logout before login');
  await page.fill('#certno', '62110219540816013');
  await page.waitForFunction(() => document.querySelector('#certno-error').textContent !== '');
  const shortId = await page.textContent('#certno-error');
  await page.fill('#certno', '621102195408160130'); // wrong check character
  await page.waitForFunction((before) => document.querySelector('#certno-error').textContent !== before, shortId);
  assert.notEqual(await page.textContent('#certno-error'), '');
  await page.fill('#phone', '1239321234');
  await page.waitForFunction(() => document.querySelector('#phone-error').textContent !== '');
  await page.fill('#certno', dingxi.person.baseinfo.certno);
  await page.waitForFunction(() => document.querySelector('#certno-error').textContent === '');
  await shot('login');
  // A wrong SMS code is refused with the catalog's text.
  await page.fill('#phone', dingxi.person.phone);
  await page.fill('#sms', '000000');
  await page.click('#login-submit');
  await page.waitForSelector('#login-notice[data-code="SHELL_LOGIN_FAILED"]');
  await page.fill('#sms', TEST_SMS_CODE);
  await page.click('#login-submit');
  await page.waitForSelector('main[data-ready="home"]');
  assert.equal(await page.isVisible('#logout'), true);
  assert.match(await page.textContent('#balance [aria-hidden]'), /^¥[\d,]+\.\d\d$/);
  assert.match(await page.textContent('#balance .sr-only'), /元/, 'the spoken form for screen readers');
  const fresh = await page.textContent('#freshness');
  assert.match(fresh, /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/, 'as_of shown');
  assert.equal(await page.locator('#freshness .notice').count() > 0, true, 'counter data: the lag notice is shown');
  await shot('home');
  // The hide-amounts switch masks the balance on a shared screen.
  await page.click('#mask-toggle');
  await page.waitForFunction(() => document.querySelector('#balance').textContent.includes('*'));
  noProblems();
});

test('交易明细: filter by type, member and dates; page; chart; CSV; print view in 大写', async () => {
  await login(lanzhou);
  await open('history');
  const all = await page.textContent('#history-count');
  assert.ok(await page.locator('#monthly-chart rect').count() > 10, 'a monthly chart');
  await page.selectOption('#f-type', 'contribution');
  await page.click('#apply-filters');
  await page.waitForFunction((before) => document.querySelector('#history-count').textContent !== before, all);
  const types = await page.locator('li.record').evaluateAll((els) => els.map((el) => el.dataset.type));
  assert.ok(types.length > 0 && types.every((t) => t === 'contribution'), 'only contributions');
  // Member filter: the father's records only, within 2025.
  const father = lanzhou.ledger.members.find((m) => m.relation === '51');
  await page.selectOption('#f-type', '');
  await page.selectOption('#f-member', father.psn_no);
  await page.fill('#f-from', '2025-01-01');
  await page.fill('#f-to', '2025-12-31');
  await page.click('#apply-filters');
  await page.waitForFunction(() => [...document.querySelectorAll('li.record time')].every((t) => t.textContent.startsWith('2025')));
  const times = await page.locator('li.record time').allTextContents();
  assert.ok(times.length > 0 && times.every((t) => t.startsWith('2025')));
  const who = await page.locator('li.record .rec-who').allTextContents();
  assert.ok(who.every((w) => w.includes('*')), 'names are masked');
  assert.ok(!(await page.content()).includes(father.certno), 'no full ID number on the page');
  await shot('history');
  // Paging over everything.
  await page.click('button:has-text("清除")');
  await page.waitForSelector('main[data-ready="history"]');
  await page.click('#next-page');
  await page.waitForFunction(() => /第 2 \//.test(document.querySelector('#history-count').textContent));
  // CSV export: UTF-8 with BOM, Chinese headers.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  // Named with China's date (Intl's own Asia/Shanghai zone here, not the page's arithmetic).
  const chinaDay = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  assert.equal(download.suggestedFilename(), `gongji-${chinaDay()}.csv`);
  const csv = fs.readFileSync(await download.path());
  assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'BOM for Excel');
  assert.match(csv.toString('utf8'), /[\u4e00-\u9fff]/);
  // Print view: amounts in 人民币大写.
  await page.click('#print-link');
  await page.waitForSelector('main[data-ready="print"]');
  const upper = await page.locator('#statement td.upper').allTextContents();
  assert.ok(upper.length > 0 && upper.every((u) => /[元整角分]/.test(u)), 'every amount in 大写');
  // The statement a counter hands out: over the whole history (the filters were cleared) it
  // opens at the history's opening balance and closes at the account's balance, both shown
  // as the portal shows money elsewhere, every total in 大写 too, issued in China time.
  const yuanText = (decimal) => `¥${Number(decimal).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  assert.equal(await page.textContent('#opening td.num'), yuanText(lanzhou.ledger.account.opening_balc));
  assert.equal(await page.textContent('#closing td.num'), yuanText(lanzhou.ledger.account.balc));
  const totalsUpper = await page.locator('#statement-totals td.upper').allTextContents();
  assert.ok(totalsUpper.length >= 8 && totalsUpper.every((u) => /[元整角分]/.test(u)), `every total in 大写: ${totalsUpper}`);
  assert.match(await page.textContent('#statement-issued'), new RegExp(`^${chinaDay()} \\d\\d:\\d\\d:\\d\\d$`));
  assert.match(await page.textContent('#statement-period'), /^\d{4}-\d\d-\d\d — \d{4}-\d\d-\d\d$/);
  const head = await page.textContent('#statement-head');
  assert.ok(head.includes('*') && !head.includes(lanzhou.person.baseinfo.certno) && !head.includes(lanzhou.person.baseinfo.psn_name), 'the holder masked');
  await shot('print');
  // On paper: page numbers at the foot of each page (@page), the screen's buttons gone.
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 10_000, 'the statement prints');
  noProblems();
});

test('家庭成员: bindings masked; an in-law is refused with reasons, a relative in another province is judged under the 2026 notice, each with the policy', async () => {
  await login(lanzhou);
  await open('family');
  const certnos = await page.locator('.binding .certno').allTextContents();
  assert.ok(certnos.length >= 5);
  for (const c of certnos) assert.ok(c.includes('*') && !/\d{8}/.test(c.slice(6, 14)), `masked: birth date hidden (${c})`);
  const fil = person('刘建军');
  await page.fill('#bind-name', fil.baseinfo.psn_name);
  await page.fill('#bind-certno', fil.baseinfo.certno);
  await page.selectOption('#bind-relation', '55'); // 岳父
  await page.fill('#bind-phone', '13809311111');
  await page.waitForSelector('#bind-verdict.refused');
  const reasons = await page.locator('#bind-reasons li').evaluateAll((els) => els.map((el) => [el.dataset.code, el.textContent]));
  assert.ok(reasons.length > 0 && reasons.every(([code, text]) => code && text), 'coded reasons with text');
  assert.ok((await page.textContent('#bind-policy')).length > 5, 'the policy used is named');
  assert.equal(await page.isDisabled('#bind-submit'), true, 'cannot submit a refused binding');
  await shot('family-refused');
  // The brother is insured in Shaanxi. Since the 2026 national notice (in force on this
  // page's date) a relative in another province shares too, through the 医保钱包 and a quota:
  // the decision names that notice (checkBinding's channel is "wallet"; the quota form it
  // leads to is the 共济额度 test below).
  const brother = person('张强');
  await page.fill('#bind-name', brother.baseinfo.psn_name);
  await page.fill('#bind-certno', brother.baseinfo.certno);
  await page.selectOption('#bind-relation', '73');
  await page.waitForFunction(() => /跨省共济/.test(document.querySelector('#bind-policy')?.textContent ?? ''));
  // A grandson for the 定西 holder goes through or not as the core decides; either way a verdict and a policy are shown.
  noProblems();
});

test('家庭成员: an eligible relative can be invited, and a binding unbound', async () => {
  await login(lanzhou);
  await open('family');
  const sister = person('张雪');
  await page.fill('#bind-name', sister.baseinfo.psn_name);
  await page.fill('#bind-certno', sister.baseinfo.certno);
  await page.selectOption('#bind-relation', '77'); // 妹妹
  await page.fill('#bind-phone', '13809312222');
  await page.waitForSelector('#bind-verdict');
  if (await page.locator('#bind-verdict.ok').count()) {
    await page.click('#bind-submit');
    await page.waitForFunction(() => document.querySelector('[data-state="invited"]'));
  } else {
    // The policy in force does not cover siblings: the reason must say so.
    assert.ok(await page.locator('#bind-reasons li').count() > 0);
  }
  const before = await page.locator('[data-state="active"]').count();
  // It asks first: cancelling (the button that has the focus, or Esc) keeps the binding.
  await page.locator('[data-state="active"] button.unbind').first().click();
  await page.waitForSelector('#confirm-dialog[open]');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'confirm-cancel', 'the safe answer has the focus');
  const asked = await page.evaluate(() => {
    const d = document.querySelector('#confirm-dialog');
    return { modal: d.matches(':modal'), title: document.getElementById(d.getAttribute('aria-labelledby')).textContent, body: document.getElementById(d.getAttribute('aria-describedby')).textContent };
  });
  assert.ok(asked.modal, 'a modal dialog');
  assert.match(asked.title, /解除/);
  assert.match(asked.body, /不能再用/, 'it says what will happen');
  await page.keyboard.press('Enter'); // on 取消
  await page.waitForSelector('#confirm-dialog', { state: 'detached' });
  assert.equal(await page.locator('[data-state="active"]').count(), before, 'Enter on the focused 取消: nothing unbound');
  await page.locator('[data-state="active"] button.unbind').first().click();
  await page.waitForSelector('#confirm-dialog[open]');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#confirm-dialog', { state: 'detached' });
  assert.equal(await page.locator('[data-state="active"]').count(), before, 'Esc: nothing unbound');
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('unbind')), true, 'the focus is back on the button');
  await page.locator('[data-state="active"] button.unbind').first().click();
  await page.click('#confirm-ok');
  await page.waitForFunction((n) => document.querySelectorAll('[data-state="active"]').length === n - 1, before);
  assert.match(await page.textContent('#family-notice'), /解除/);
  noProblems();
});

test('医保钱包: a transfer that breaks a rule is stopped before sending; a good one goes, then the pending rule applies', async () => {
  await faults({ clock: '2026-11-23 10:00:00' });
  await login(lanzhou);
  await open('wallet');
  const brother = person('张强');
  await page.fill('#payee-name', brother.baseinfo.psn_name);
  await page.fill('#payee-certno', brother.baseinfo.certno);
  await page.fill('#transfer-amount', '2500');
  await page.waitForSelector('#wallet-reasons li');
  const codes = await page.locator('#wallet-reasons li').evaluateAll((els) => els.map((el) => el.dataset.code));
  assert.ok(codes.length === 1 && codes[0].startsWith('WALLET_'), `one wallet rule broken: ${codes}`);
  await shot('wallet-refused');
  await page.click('#transfer-submit');
  const state = await (await fetch(`${origin}/__faults`)).json();
  assert.ok(state, 'server reachable');
  assert.equal(await page.locator('#wallet-notice').textContent(), '', 'nothing was submitted');
  await page.fill('#transfer-amount', '500');
  await page.waitForFunction(() => !document.querySelector('#wallet-reasons'));
  await page.click('#transfer-submit');
  await page.waitForSelector('main[data-ready="wallet"] #wallet-notice:not(:empty)');
  // One transfer is pending now: the next one is refused by the pending rule.
  await page.fill('#payee-name', brother.baseinfo.psn_name);
  await page.fill('#payee-certno', brother.baseinfo.certno);
  await page.fill('#transfer-amount', '100');
  await page.waitForSelector('#wallet-reasons li');
  // At night (22:00–06:00) every transfer is refused.
  await faults({ clock: '2026-11-23 23:30:00' });
  await page.reload();
  await page.waitForSelector('main[data-ready="wallet"]');
  await page.fill('#transfer-amount', '100');
  await page.waitForFunction(() => document.querySelectorAll('#wallet-reasons li').length >= 2);
  await shot('wallet');
  noProblems();
});

test('每月到账 and 异常核对: the on-duty estimate, the retiree\'s history, the planted anomaly, the hotline', async () => {
  await login(lanzhou);
  await open('credits');
  assert.match(await page.textContent('#credit-estimate'), /¥128\.00/, '2% of a 6400 base');
  assert.ok(await page.locator('#credit-history li').count() >= 12);
  await shot('credits');
  await page.click('#logout');
  await page.waitForSelector('main[data-ready="login"]');
  await login(dingxi);
  await open('credits');
  assert.doesNotMatch(await page.textContent('#credit-estimate'), /¥/, 'no invented figure for a retiree');
  await open('check');
  const anomalies = await page.locator('#anomalies li').evaluateAll((els) => els.map((el) => el.dataset.code));
  assert.equal(anomalies.length, 1, `exactly the planted anomaly: ${anomalies}`);
  assert.equal(await page.textContent('#hotline'), '0932-12393');
  await shot('check');
  noProblems();
});

test('异常核对: malformed records from the endpoint are listed, not dropped', async () => {
  await faults({ malformed: true });
  await login(dingxi);
  await open('check');
  const rejected = await page.locator('#rejected li').count();
  assert.equal(rejected, 2);
  assert.match(await page.textContent('#rejected .notice'), /2/);
  await shot('check-malformed');
  noProblems();
});

test('长辈模式 and 繁體: larger text, screen-reader amounts, Traditional text from the core', async () => {
  await login(dingxi);
  const normal = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  await page.click('#toggle-elder');
  await page.waitForFunction(() => document.body.classList.contains('elder'));
  const elder = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  assert.ok(elder >= normal * 1.3, `larger text (${normal} → ${elder})`);
  await page.click('#toggle-script');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-Hant');
  await page.waitForSelector('main[data-ready="home"]');
  assert.match(await page.textContent('#nav'), /首頁/);
  assert.match(await page.textContent('#balance .sr-only'), /元/);
  // The lag notice comes from the core's catalog, now in Traditional characters.
  const notice = await page.textContent('#freshness .notice');
  await page.click('#toggle-script');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-Hans');
  await page.waitForSelector('main[data-ready="home"]');
  assert.notEqual(await page.textContent('#freshness .notice'), notice, 'the core text changed script');
  await page.click('#toggle-script');
  await page.waitForSelector('main[data-ready="home"]');
  await shot('home-elder-hant');
  await open('history');
  await shot('history-elder-hant');
  // Preferences persist across a reload.
  await page.reload();
  await page.waitForSelector('main[data-ready="history"]');
  assert.equal(await page.evaluate(() => document.body.classList.contains('elder')), true);
  noProblems();
});

test('survives a 500 and a slow answer; an expired session returns to 登录; logout forgets the session', async () => {
  await login(lanzhou);
  // The endpoint fails every time: the page shows the coded error with a retry.
  await faults({ fail: { status: 500, times: -1, path: '/ledger' } });
  await page.reload();
  await page.waitForSelector('main[data-ready="home-error"] .error-box[data-code="SHELL_SERVER_ERROR"]');
  // 张伟's own hotline (兰州), tappable: his person record arrived before the history failed.
  assert.equal(await page.getAttribute('.error-box a.tel', 'href'), 'tel:0931-12393');
  assert.match(await page.textContent('.error-box'), /医保服务热线 0931-12393/);
  await shot('error-500');
  await faults({ fail: null });
  await page.click('.error-box button');
  await page.waitForSelector('main[data-ready="home"]');
  // One 500, then fine: the client's retry hides it.
  await faults({ fail: { status: 500, times: 1, path: '/ledger' } });
  await page.reload();
  await page.waitForSelector('main[data-ready="home"]');
  // A slow answer: the loading state, then the page.
  await faults({ slow: { ms: 1500, times: 1, path: '/ledger' } });
  await page.reload();
  await page.waitForSelector('main .loading');
  await page.waitForSelector('main[data-ready="home"]');
  // Slower than the client waits (timeout 300 ms via ?timeout=): a timeout error, then retry works.
  await faults({ slow: { ms: 2000, times: -1, path: '/ledger' } });
  await page.goto(`${origin}/?timeout=300#/home`);
  await page.waitForSelector('.error-box[data-code="SHELL_TIMEOUT"]');
  await faults({ slow: null });
  await page.click('.error-box button');
  await page.waitForSelector('main[data-ready="home"]');
  // The session expires on the server: the next request sends the user to login, told why.
  await faults({ expireSessions: true });
  await page.evaluate(() => { location.hash = '#/wallet'; });
  await page.waitForSelector('main[data-ready="login"]');
  assert.match(await page.textContent('#login-notice'), /过期/);
  // Log in again, log out: the token is gone.
  await login(lanzhou);
  await page.click('#logout');
  await page.waitForSelector('main[data-ready="login"]');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('gongji.session')), null);
  assert.match(await page.textContent('#login-notice'), /退出/);
  noProblems();
});

test('desktop width works too', async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await login(lanzhou);
  await open('history');
  await shot('history-desktop');
  noProblems();
});

test('a session that lapses on the phone: the next login sees only its own account, told why', async () => {
  await login(lanzhou);
  const lanzhouBalance = await page.textContent('#balance [aria-hidden]');
  // The token's time runs out while the page sits open (no request made since).
  await page.evaluate(() => {
    const session = JSON.parse(sessionStorage.getItem('gongji.session'));
    session.expiresAt = Date.now() - 1;
    sessionStorage.setItem('gongji.session', JSON.stringify(session));
  });
  await page.evaluate(() => { location.hash = '#/history'; });
  await page.waitForSelector('main[data-ready="login"]');
  assert.match(await page.textContent('#login-notice'), /过期/, 'the user is told the login expired');
  await login(dingxi);
  assert.match(await page.textContent('.balance .label'), /^王/, 'the new holder\'s name');
  assert.notEqual(await page.textContent('#balance [aria-hidden]'), lanzhouBalance, 'not the previous holder\'s balance');
  noProblems();
});

test('交易明细 filters are forgotten at logout: the next person starts from the whole history', async () => {
  await login(lanzhou);
  await open('history');
  await page.selectOption('#f-member', { index: 2 });
  await page.fill('#f-from', '2026-01-01');
  await page.click('#apply-filters');
  await page.waitForFunction(() => /共 \d+ 条/.test(document.querySelector('#history-count').textContent));
  await page.click('#logout');
  await page.waitForSelector('main[data-ready="login"]');
  await login(dingxi);
  await open('history');
  assert.equal(await page.inputValue('#f-from'), '', 'no date filter carried over');
  assert.equal(await page.inputValue('#f-member'), '');
  const total = Number((await page.textContent('#history-count')).match(/共 (\d+) 条/)[1]);
  assert.ok(total > 0, `the whole history is listed (${total})`);
  noProblems();
});

test('家庭成员: when looking the relative up fails, the form says so and offers a retry', async () => {
  await login(lanzhou);
  await open('family');
  await faults({ fail: { status: 500, times: -1, path: '/persons/query' } });
  await fillBind('刘建军', '55', '13809311111');
  await page.waitForSelector('#bind-decision [data-code="SHELL_SERVER_ERROR"]');
  await shot('family-lookup-error');
  await faults({ fail: null });
  // Nothing typed changes: the retry button is the way on.
  await page.click('#bind-decision button');
  await page.waitForSelector('#bind-verdict.refused');
  assert.ok(await page.locator('#bind-reasons li').count() > 0);
  noProblems();
});

/** Fills the bind form for a sample person, as a user types it. */
async function fillBind(name, relation, phone) {
  const who = person(name);
  await page.fill('#bind-name', who.baseinfo.psn_name);
  await page.fill('#bind-certno', who.baseinfo.certno);
  await page.selectOption('#bind-relation', relation);
  if (phone) await page.fill('#bind-phone', phone);
}

/** The bind form for the holder's sister (张雪, 妹妹), and the core's yes. */
async function fillBindForSister() {
  await fillBind('张雪', '77', '13809312222');
  await page.waitForSelector('#bind-verdict.ok');
}

/** Whether the element is on screen (the part of the page the user is looking at). */
function onScreen(selector) {
  return page.evaluate((s) => {
    const el = document.querySelector(s);
    if (!el || !el.textContent) return false;
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < innerHeight;
  }, selector);
}

test('a bind or a transfer the endpoint fails: the error shows where the user tapped, not off screen', async () => {
  await faults({ clock: '2026-11-23 10:00:00' });
  await login(lanzhou);
  await open('family');
  await fillBindForSister();
  await faults({ fail: { status: 500, times: 1, path: '/bindings' } });
  await page.click('#bind-submit');
  await page.waitForSelector('#bind-form [data-code="SHELL_SERVER_ERROR"]');
  assert.equal(await onScreen('#bind-form [data-code="SHELL_SERVER_ERROR"]'), true, 'the bind error is visible at the submit button');
  await shot('family-submit-error');
  // 长辈模式 makes the wallet form long enough to scroll on a phone.
  await page.click('#toggle-elder');
  await open('wallet');
  const brother = person('张强');
  await page.fill('#payee-name', brother.baseinfo.psn_name);
  await page.fill('#payee-certno', brother.baseinfo.certno);
  await page.fill('#transfer-amount', '100');
  await faults({ fail: { status: 500, times: 1, path: '/wallet/transfers' } });
  await page.click('#transfer-submit');
  await page.waitForSelector('#wallet-form [data-code="SHELL_SERVER_ERROR"]');
  assert.equal(await onScreen('#wallet-form [data-code="SHELL_SERVER_ERROR"]'), true, 'the transfer error is visible at the submit button');
  await shot('wallet-submit-error');
  noProblems();
});

test('隐藏金额 hides the amounts on every page, not only 首页 and 交易明细', async () => {
  await login(lanzhou);
  await page.click('#mask-toggle');
  await page.waitForFunction(() => document.querySelector('#balance').textContent.includes('*'));
  const shown = () => page.locator('main .amount [aria-hidden]').evaluateAll((els) => els.map((el) => el.textContent).filter((text) => /\d/.test(text)));
  for (const route of ['history', 'credits', 'wallet']) {
    await open(route);
    assert.deepEqual(await shown(), [], `no figure on ${route} while amounts are hidden`);
  }
  noProblems();
});

test('desktop 长辈模式: a relation tag stays one line high next to the name', async () => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await login(dingxi);
  await page.click('#toggle-elder');
  await open('family');
  const sizes = await page.locator('.binding .tag').evaluateAll((tags) => tags.map((tag) => [
    parseFloat(getComputedStyle(tag).fontSize) * 1.5, tag.getBoundingClientRect().height]));
  assert.ok(sizes.length > 0);
  for (const [line, tag] of sizes) assert.ok(tag <= line * 1.3, `tag ${tag}px high for a ${line}px line`);
  await shot('family-desktop-elder');
  noProblems();
});

test('moving to another page puts the focus on its title, so a screen reader announces it', async () => {
  await login(dingxi);
  await page.click('#nav a[href="#/credits"]');
  await page.waitForSelector('main[data-ready="credits"]');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), '每月到账');
  await page.click('.nav a[href="#/check"]');
  await page.waitForSelector('main[data-ready="check"]');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), '异常核对');
  noProblems();
});

test('logging out while a page still loads: the next login is not handed the old account', async () => {
  await faults({ slow: { ms: 2500, times: 1, path: '/ledger' } });
  await page.fill('#certno', dingxi.person.baseinfo.certno);
  await page.fill('#phone', dingxi.person.phone);
  await page.fill('#sms', TEST_SMS_CODE);
  await page.click('#login-submit');
  await page.waitForSelector('body[data-page="home"] main .loading');
  await page.click('#logout');
  await page.waitForSelector('main[data-ready="login"]');
  await login(lanzhou);
  assert.match(await page.textContent('.balance .label'), /^张/, 'the new holder, not the one whose load was still running');
  noProblems();
});

test('an unbind the endpoint fails: the error shows at that relative, not off screen', async () => {
  await login(lanzhou);
  await page.click('#toggle-elder');
  await open('family');
  await faults({ fail: { status: 500, times: 1, path: '/bindings/' } });
  await page.locator('[data-state="active"] button.unbind').last().click();
  await page.click('#confirm-ok');
  await page.waitForSelector('#bindings [data-code="SHELL_SERVER_ERROR"]');
  assert.equal(await onScreen('#bindings [data-code="SHELL_SERVER_ERROR"]'), true, 'visible next to the button tapped');
  await page.screenshot({ path: path.join(artifacts, 'family-unbind-error.png') });
  assert.equal(await page.locator('[data-state="active"] button.unbind').last().isDisabled(), false, 'and it can be tried again');
  noProblems();
});

test('the core fails to download (a dropped connection): the page says so and a retry loads it', async () => {
  const fresh = await context.newPage();
  const errors = [];
  fresh.on('pageerror', (error) => errors.push(error.message));
  await fresh.route('**/*.wasm', (route) => route.abort('internetdisconnected'));
  await fresh.goto(`${origin}/#/login`);
  await fresh.waitForSelector('#load-error[role="alert"]');
  assert.match(await fresh.textContent('#load-error'), /网络/);
  await fresh.screenshot({ path: path.join(artifacts, 'core-load-failed.png') });
  await fresh.unroute('**/*.wasm');
  await fresh.click('#load-error button');
  await fresh.waitForSelector('main[data-ready="login"]');
  assert.deepEqual(errors, [], 'no uncaught error');
  await fresh.close();
});

test('the login page needs only the start module: with the whole one unreachable it checks and logs in, and 首页 then says so with a retry', async () => {
  const fresh = await context.newPage();
  const errors = [];
  fresh.on('pageerror', (error) => errors.push(error.message));
  const asked = [];
  fresh.on('request', (request) => { if (request.url().includes('.wasm')) asked.push(new URL(request.url()).pathname); });
  // The whole module (and its JS) cannot be fetched; the start module can.
  const whole = /\/pkg\/web\/(gongji_bg\.wasm|gongji\.js|gongji_glue\.js)$/;
  await fresh.route(whole, (route) => route.abort('internetdisconnected'));
  await fresh.goto(`${origin}/#/login`);
  await fresh.waitForSelector('main[data-ready="login"]');
  assert.equal(await fresh.getAttribute('#version', 'data-core-path'), 'direct');
  // The core checks the fields as typed, in its own words.
  await fresh.fill('#certno', '621102195408160130');
  await fresh.waitForFunction(() => document.querySelector('#certno-error').textContent !== '');
  await fresh.fill('#certno', dingxi.person.baseinfo.certno);
  await fresh.waitForFunction(() => document.querySelector('#certno-error').textContent === '');
  assert.ok(await fresh.locator('details.demo button').count() > 0, 'the demo logins, masked by the start module');
  await fresh.fill('#phone', dingxi.person.phone);
  await fresh.fill('#sms', TEST_SMS_CODE);
  await fresh.click('#login-submit');
  // 首页 computes with the whole module: it says it could not load, and offers a retry.
  await fresh.waitForSelector('main[data-ready="home-error"]');
  assert.equal(await fresh.getAttribute('main .error-box', 'data-code'), 'SHELL_CORE_LOAD_FAILED');
  assert.match(await fresh.textContent('main .error-box'), /网络/);
  await fresh.screenshot({ path: path.join(artifacts, 'home-whole-module-unreachable.png') });
  assert.ok(asked.includes('/pkg/web/start/gongji_bg.wasm'), 'the start module was fetched');
  await fresh.unroute(whole);
  await fresh.click('main .error-box button');
  await fresh.waitForSelector('main[data-ready="home"]');
  assert.match(await fresh.textContent('#balance'), /¥/);
  assert.deepEqual(errors, [], 'no uncaught error');
  await fresh.close();
});

test('an account page whose code does not download (a dropped connection) says so in words, and its retry loads it', async () => {
  const blocked = /\/app\/pages\/history\.js/;
  await page.route(blocked, (route) => route.abort('internetdisconnected'));
  await login(lanzhou);
  await page.evaluate(() => { location.hash = '#/history'; });
  await page.waitForSelector('main[data-ready="history-error"]');
  assert.equal(await page.getAttribute('main .error-box', 'data-code'), 'SHELL_OFFLINE');
  assert.match(await page.textContent('main .error-box'), /网络/);
  await page.unroute(blocked);
  await page.click('main .error-box button');
  await page.waitForSelector('main[data-ready="history"]');
  assert.ok(await page.locator('li.record').count() > 0, 'the history is drawn');
  noProblems();
});

/** Nothing of the account is left anywhere on the page (the screen, and sessionStorage). */
async function accountGone(holder) {
  // The page without the demo block (which lists the sample logins in demo mode only).
  const text = await page.evaluate(() => [...document.body.querySelectorAll('header, nav, main > :not(.login), main .login > :not(.demo), footer')].map((el) => el.textContent).join(' '));
  assert.ok(!text.includes('¥'), 'no amount on screen');
  assert.ok(!text.includes(holder.person.baseinfo.psn_name.slice(-1)) || !/\*/.test(text), 'no (masked) name on screen');
  assert.equal(await page.locator('#balance, .record, .binding').count(), 0, 'no account element left');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('gongji.session')), null, 'the token is gone');
  assert.equal(await page.isVisible('#nav'), false);
}

test('the endpoint ends the session: moving to a page with its data cached ends it here too — screen, token, account', async () => {
  await login(lanzhou);
  await open('credits');
  await faults({ expireSessions: true });
  // 首页 needs no request of its own (its data is cached): the move re-checks the session.
  await page.evaluate(() => { location.hash = '#/home'; });
  await page.waitForSelector('main[data-ready="login"]');
  assert.match(await page.textContent('#login-notice'), /过期/);
  await accountGone(lanzhou);
  noProblems();
});

test('a session ends on time by itself, with the page left alone', async () => {
  await faults({ sessionSeconds: 2 });
  await login(dingxi);
  assert.match(await page.textContent('#balance [aria-hidden]'), /¥/);
  // No click, no navigation: the timer set from the endpoint's expiry ends it.
  await page.waitForSelector('main[data-ready="login"]', { timeout: 10000 });
  assert.match(await page.textContent('#login-notice'), /过期/);
  await accountGone(dingxi);
  await shot('session-ended');
  noProblems();
});

test('coming back to the tab after the endpoint ended the session: it ends at once (visibilitychange)', async () => {
  await login(lanzhou);
  await faults({ expireSessions: true });
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await page.waitForSelector('main[data-ready="login"]');
  await accountGone(lanzhou);
  noProblems();
});

test('钱能用在哪: from 首页; what the account pays for and never; a preview for the brother within his quota and for the father; the card rule and the other guidance with sources', async () => {
  await page.setViewportSize({ width: 360, height: 740 });
  await login(lanzhou);
  await page.click('#uses-entry');
  await page.waitForSelector('main[data-ready="uses"]');
  const allowed = await page.locator('#uses-allowed li').allTextContents();
  const never = await page.locator('#uses-never li').allTextContents();
  assert.ok(['门诊', '住院', '定点药店购药', '长期护理保险'].every((u) => allowed.includes(u)), allowed.join(' '));
  assert.ok(['公共卫生', '体育健身', '养生保健'].every((u) => never.includes(u)), never.join(' '));
  assert.match(await page.textContent('#pay-order'), /先扣看病人自己的个人账户/);
  assert.match(await page.textContent('#guidance-cardRule'), /卡不能共用[\s\S]*冒名就医[\s\S]*依据：/);
  assert.match(await page.textContent('#guidance-kinshipAccount'), /还没有找到官方原文核对/, 'an unverified text says so');
  assert.match(await page.textContent('#guidance-withdrawal'), /套现/);
  // The brother in 西安: a bill of 1000 draws at most what is left of his quota.
  const [quota] = lanzhou.quotas;
  const unused = (Math.round(Number(quota.amount) * 100) - Math.round(Number(quota.used) * 100)) / 100;
  const options = await page.locator('#pay-patient option').evaluateAll((els) => els.map((el) => [el.value, el.textContent]));
  const brother = options.find(([, label]) => label.includes('弟弟'));
  assert.ok(brother, options.map(([, l]) => l).join(' '));
  await page.selectOption('#pay-patient', brother[0]);
  await page.fill('#pay-amount', '1000');
  await page.click('#pay-submit');
  await page.waitForSelector('#pay-total');
  const amountOf = (id) => page.getAttribute(`${id} .amount`, 'data-amount');
  assert.equal(await amountOf('#pay-shared'), unused.toFixed(2));
  assert.equal(await amountOf('#pay-cash'), (1000 - unused).toFixed(2));
  assert.equal(await amountOf('#pay-total'), '1000.00');
  await shot('360-uses-preview');
  // Himself: his own account first, less the quota kept for the brother; the relative's own
  // balance is not asked.
  await page.selectOption('#pay-patient', 'self');
  assert.equal(await page.isHidden('#pay-own'), true);
  await page.fill('#pay-amount', '￥２００');
  await page.click('#pay-submit');
  await page.waitForFunction(() => document.querySelector('#pay-own .amount')?.dataset.amount === '200.00');
  assert.equal(await page.locator('#pay-shared').count(), 0, 'nothing is shared for his own bill');
  // A typo is said at the field, in words.
  await page.fill('#pay-amount', '两百');
  await page.click('#pay-submit');
  await page.waitForFunction(() => document.querySelector('#pay-amount-error').textContent.length > 0);
  assert.doesNotMatch(await page.textContent('#pay-amount-error'), /selfPay|self_pay|undefined/);
  noProblems();
});

test('家庭成员: the buttons follow the core\'s lifecycle — an invited relative has no unbind; the footer names the core path', async () => {
  await faults({ clock: '2026-11-23 10:00:00' });
  await login(lanzhou);
  assert.equal(await page.getAttribute('#version', 'data-core-path'), 'direct');
  await open('family');
  await fillBindForSister();
  await page.click('#bind-submit');
  await page.waitForSelector('[data-state="invited"]');
  assert.equal(await page.locator('[data-state="invited"] button.unbind').count(), 0, 'no unbind for an invited binding');
  assert.ok(await page.locator('[data-state="active"] button.unbind').count() > 0);
  assert.equal(await page.locator('.binding:not([data-state="active"]) button.unbind').count(), 0);
  noProblems();
});

test('every page at 360 px: reachable, nothing wider than the screen', async () => {
  await page.setViewportSize({ width: 360, height: 740 });
  await shot('360-login');
  await login(lanzhou);
  for (const route of ['home', 'history', 'family', 'credits', 'wallet', 'check', 'print']) {
    await open(route);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 360, `${route} fits 360 px (${wide})`);
    await shot(`360-${route}`);
  }
  noProblems();
});

test('交易明细: a date range given back to front is swapped and said, not answered with 共 0 条', async () => {
  await login(lanzhou);
  await open('history');
  await page.fill('#f-from', '2026-06-30');
  await page.fill('#f-to', '2025-01-01');
  await page.click('#apply-filters');
  await page.waitForFunction(() => document.querySelector('#dates-swapped').textContent !== '');
  assert.match(await page.textContent('#dates-swapped'), /对调/);
  assert.equal(await page.inputValue('#f-from'), '2025-01-01');
  assert.equal(await page.inputValue('#f-to'), '2026-06-30');
  await page.waitForFunction(() => !/共 0 条/.test(document.querySelector('#history-count').textContent));
  assert.ok(await page.locator('li.record').count() > 0, 'the records of the range are shown');
  // A range in the right order says nothing.
  await page.click('#apply-filters');
  await page.waitForFunction(() => document.querySelector('#dates-swapped').textContent === '');
  noProblems();
});

test('登录: the SMS field says never to tell the code; after a send 获取验证码 counts down instead of taking taps', async () => {
  assert.match(await page.textContent('#login-form'), /不要告诉任何人/);
  await page.fill('#certno', lanzhou.person.baseinfo.certno);
  await page.fill('#phone', lanzhou.person.phone);
  await page.click('#send-sms');
  await page.waitForFunction(() => document.querySelector('#send-sms').disabled);
  assert.match(await page.textContent('#send-sms'), /^\d+ 秒后可重新获取$/);
  assert.match(await page.textContent('#login-notice'), /发送|已发/);
  await shot('login-sms-countdown');
  noProblems();
});

test('家庭成员: the relation picker puts the common relations first in plain words, the whole table under 其他关系', async () => {
  await login(lanzhou);
  await open('family');
  const groups = await page.locator('#bind-relation optgroup').evaluateAll((els) => els.map((g) => ({ label: g.label, names: [...g.children].map((o) => o.textContent) })));
  assert.deepEqual(groups.map((g) => g.label), ['常用关系', '其他关系']);
  assert.deepEqual(groups[0].names.slice(0, 5), ['配偶（丈夫或妻子）', '父亲', '母亲', '儿子', '女儿']);
  assert.ok(!groups[0].names.some((n) => /^(子|女|兄|独生子)$/.test(n)), 'no bare table words among the common ones');
  assert.ok(groups[1].names.length > 50, 'the whole table is still there');
  const tags = await page.locator('.binding .tag').allTextContents();
  assert.ok(tags.includes('女儿') && tags.every((tag) => !/^[子女兄弟夫妻]$/.test(tag)), `tags spelled out (${tags.join(' ')})`);
  noProblems();
});

test('共济额度: a relative in another province is sent to the quota form, checked live by the core; quotas listed, changed and released (asked first); 首页 and 医保钱包 show the figures', async () => {
  await page.setViewportSize({ width: 360, height: 740 });
  await login(lanzhou);
  // 首页: the quota kept for the brother and what 张伟 can still use himself, from quotaSummary.
  const [quota] = lanzhou.quotas;
  await page.waitForSelector('#quota-figures');
  const figure = async (id) => page.getAttribute(`${id} .amount`, 'data-amount');
  const unused = (Math.round(Number(quota.amount) * 100) - Math.round(Number(quota.used) * 100)) / 100;
  assert.equal(await figure('#quotas-set'), unused.toFixed(2), 'Σ unused quotas');
  const balc = lanzhou.ledger.account.balc;
  assert.equal(await figure('#holder-can-use'), (Math.round(Number(balc) * 100) / 100 - unused).toFixed(2), 'balance − unused quotas');
  // Each figure says what it is, and each relative what he can use: the province's relatives
  // the balance, the brother in 西安 what is left of his quota.
  assert.match(await page.textContent('#balance-means'), /个人账户里现在的钱/);
  assert.match(await page.textContent('#family-means'), /省内家人/);
  const uses = await page.locator('.members li').evaluateAll((els) => els.map((el) => el.textContent));
  const brotherLine = uses.filter((u) => u.includes('共济额度'));
  assert.equal(brotherLine.length, 1, `one relative by the wallet: ${uses}`);
  assert.ok(brotherLine[0].includes(`¥${unused.toFixed(2)}`), brotherLine[0]);
  assert.ok(uses.filter((u) => !u.includes('共济额度')).every((u) => u.includes('用您账户的余额')), 'the others use the balance');
  await shot('360-quota-home');
  await open('wallet');
  assert.match(await page.textContent('#wallet-quotas #quota-explained'), /^共济额度是/, 'the one sentence from the catalog (QUOTA_EXPLAINED)');
  await shot('360-quota-wallet');

  await open('family');
  assert.equal(await page.locator('#quota-list li.quota-row').count(), 1, 'the brother\'s quota is listed beside the bindings');
  // The brother (西安) typed into the bind form: eligible through the wallet, and the quota
  // form replaces the bind submit; the policy in force is named beside the answer.
  const brother = person('张强');
  await page.fill('#bind-name', brother.baseinfo.psn_name);
  await page.fill('#bind-certno', brother.baseinfo.certno);
  await page.selectOption('#bind-relation', '73');
  await page.fill('#bind-phone', '13809311111');
  await page.waitForSelector('#wallet-path #quota-form');
  assert.equal(await page.isVisible('#bind-submit'), false, 'no binding across provinces');
  assert.match(await page.textContent('#bind-policy'), /跨省共济/);
  assert.equal(await page.getAttribute('#bind-policy', 'data-policy'), 'CN-2026');
  assert.match(await page.textContent('#quota-explained'), /共济额度/);
  // Too much: the core's reason, live, with the largest quota; the button stays off.
  await page.fill('#quota-amount', '99999');
  await page.waitForSelector('#quota-reasons li[data-code="QUOTA_OVER_AVAILABLE"]');
  assert.equal(await page.isDisabled('#quota-submit'), true);
  assert.equal(await page.getAttribute('#quota-policy', 'data-policy'), 'CN-2026');
  // Below what he used already.
  await page.fill('#quota-amount', '100');
  await page.waitForSelector('#quota-reasons li[data-code="QUOTA_BELOW_USED"]');
  await page.fill('#quota-amount', '900');
  await page.waitForSelector('#quota-after');
  assert.equal(await page.isDisabled('#quota-submit'), false);
  await shot('360-quota-form');
  await page.click('#quota-submit');
  await page.waitForSelector('main[data-ready="family"]');
  await page.waitForFunction(() => document.querySelector('#quota-list .quota-row .amount')?.dataset.amount === '900.00');
  await shot('360-quota-list');
  // 长辈模式 at 360 px: the quota rows and their two buttons still fit.
  await page.click('#toggle-elder');
  await page.waitForFunction(() => document.documentElement.classList.contains('elder'));
  const elderWide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(elderWide <= 360, `family in 长辈模式 fits 360 px (${elderWide})`);
  await page.locator('#quota-list').screenshot({ path: path.join(artifacts, '360-quota-list-elder.png') });
  await page.click('#toggle-elder');
  await page.waitForFunction(() => !document.documentElement.classList.contains('elder'));

  // Release: asked first; "cancel" sends nothing, "OK" releases.
  const asked = [];
  page.once('dialog', (dialog) => { asked.push(dialog.message()); dialog.dismiss(); });
  await page.click('#quota-list button.release-quota');
  await page.waitForFunction(() => true);
  await page.waitForTimeout(300);
  assert.equal(asked.length, 1, 'a release asks first');
  assert.match(asked[0], /不能撤销/);
  assert.match(asked[0], /¥661\.60/, 'says what returns (900.00 − 238.40)');
  assert.equal(await page.locator('#quota-list .quota-row').count(), 1, 'dismissed: nothing released');
  page.once('dialog', (dialog) => dialog.accept());
  await page.click('#quota-list button.release-quota');
  await page.waitForFunction(() => document.querySelector('main[data-ready="family"]') && !document.querySelector('#quota-list'));
  const wallet = await (await page.evaluate(async () => {
    const token = JSON.parse(sessionStorage.getItem('gongji.session')).token;
    const r = await fetch('/api/v1/wallet/quotas', { headers: { authorization: `Bearer ${token}` } });
    return r.text();
  }));
  assert.deepEqual(JSON.parse(wallet).quotas, [], 'the endpoint released it');

  await open('wallet');
  assert.equal(await page.getAttribute('#wallet-quotas .amount', 'data-amount'), lanzhou.ledger.account.balc, 'released: all of the balance is his again');
  await shot('360-quota-wallet-released');
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 360, `wallet fits 360 px (${wide})`);
  noProblems();
});

test('关于 at 360 px: the policy set\'s version and date; a newer set is applied, and a failed download later keeps it with one quiet line', async () => {
  await page.setViewportSize({ width: 360, height: 740 });
  const version = () => page.locator('#policy-version').textContent();
  await page.waitForSelector('#policy-version');
  assert.equal(await version(), '政策版本 2026-12-04.1（2026-12-04 发布）', 'the built-in set');
  assert.equal(await page.locator('#policy-notice').count(), 0, 'nothing to say');

  const set = JSON.parse(fs.readFileSync(path.join(root, 'data', 'policies', 'builtin.json'), 'utf8'));
  Object.assign(set, { version: '2026-12-05.1', issued: '2026-12-05' });
  await faults({ policySet: JSON.stringify(set) });
  await page.reload();
  await page.waitForSelector('#policy-version[data-version="2026-12-05.1"]');
  assert.equal(await version(), '政策版本 2026-12-05.1（2026-12-05 发布）');

  // The endpoint fails: the stored set stays, said in one line of 关于, not as an error screen.
  await faults({ fail: { status: 500, path: '/policies' } });
  await page.reload();
  await page.waitForSelector('main[data-ready="login"]');
  const notice = page.locator('#policy-notice');
  await notice.waitFor();
  assert.equal(await notice.textContent(), '暂时没有取得最新的政策，继续按 2026-12-05.1 版政策计算。');
  assert.equal(await notice.getAttribute('data-cause'), 'SHELL_SERVER_ERROR');
  assert.equal(await version(), '政策版本 2026-12-05.1（2026-12-05 发布）');
  assert.equal(await page.locator('.error-box').count(), 0, 'no error box');
  const about = page.locator('#about');
  await about.scrollIntoViewIfNeeded();
  const box = await about.boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= 360, `关于 fits 360 px: ${JSON.stringify(box)}`);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no sideways scrolling');
  await shot('about-policy-360');
  noProblems();
});
