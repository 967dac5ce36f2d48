// 代办 in the portal, end to end at 360 px (standard and 长辈模式): the daughter logs in as
// herself, asks for her father's consent, his SMS code is typed, his account is on view with
// the banner on every page, she switches back, views again; he logs in on his own phone,
// sees who may view his account and withdraws (asked first, cancel tried first); her next
// page is refused and the banner goes. Screenshots to test-artifacts/e2e/proxy/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../www/server.mjs';
import { sampleData, TEST_SMS_CODE } from '../../www/server/sample-data.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const artifacts = path.join(root, 'test-artifacts', 'e2e', 'proxy');
const [dingxi, , daughter] = sampleData().holders;
const WIDTH = 360;
const NAV = ['home', 'history', 'family', 'credits', 'wallet', 'check'];

let server;
let origin;
let context;
let userDataDir;

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  ({ server, origin } = await startServer({ port: 0, faults: true }));
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongji-proxy-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    viewport: { width: WIDTH, height: 740 },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
  });
});

after(async () => {
  await context?.close();
  server?.closeAllConnections?.();
  server?.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
});

/** A tab of its own (its own sessionStorage: its own login), in the mode asked for. */
async function tab(problems, elder) {
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  await page.goto(`${origin}/`);
  await page.evaluate((on) => { sessionStorage.clear(); localStorage.setItem('gongji.elder', on ? '1' : '0'); }, elder);
  await page.goto(`${origin}/#/login`);
  await page.waitForSelector('main[data-ready="login"]');
  // The hash-only move above does not reload: the switch sets the mode (as a user would).
  if (elder !== (await page.evaluate(() => document.body.classList.contains('elder')))) {
    await page.click('#toggle-elder');
    await page.waitForFunction((on) => document.body.classList.contains('elder') === on, elder);
  }
  return page;
}

async function logIn(page, holder) {
  await page.fill('#certno', holder.person.baseinfo.certno);
  await page.fill('#phone', holder.person.phone);
  await page.fill('#sms', TEST_SMS_CODE);
  await page.click('#login-submit');
  await page.waitForSelector('main[data-ready="home"]');
}

async function open(page, route) {
  await page.evaluate((r) => { location.hash = `#/${r}`; }, route);
  await page.waitForSelector(`main[data-ready="${route}"], main[data-ready="${route}-error"]`);
}

const bannerText = (page) => page.locator('#proxy-banner-text').textContent();
const balance = (page) => page.locator('#balance [data-amount]').getAttribute('data-amount');

for (const mode of ['standard', 'elder']) {
  const elder = mode === 'elder';
  test(`代办 at 360 px, ${elder ? '长辈模式' : 'standard mode'}: consent by the holder's code, banner on every page, back, withdrawn (asked first), refused`, async () => {
    await fetch(`${origin}/__reset`, { method: 'POST' });
    const problems = [];
    const shot = (page, name) => page.screenshot({ path: path.join(artifacts, `${mode}-${name}.png`), fullPage: true });
    const her = await tab(problems, elder);
    await logIn(her, daughter);
    const ownBalance = await balance(her);
    assert.equal(ownBalance, daughter.ledger.account.balc, 'her own account first');
    assert.equal(await her.locator('#proxy-banner').isHidden(), true, 'no banner on her own account');
    await her.click('#proxy-entry');
    await her.waitForSelector('main[data-ready="proxy"]');

    // The holder's ID number is checked by the core as typed.
    await her.fill('#consent-certno', '6211021954');
    await her.waitForFunction(() => document.querySelector('#consent-certno-error').textContent !== '');
    await her.fill('#consent-certno', dingxi.person.baseinfo.certno);
    await her.fill('#consent-phone', dingxi.person.phone);
    await her.click('#consent-send');
    await her.waitForSelector('#consent-notice[data-code="SHELL_CONSENT_SMS_SENT"]');
    assert.match(await her.locator('#consent-send').textContent(), /秒后可重新获取/, 'the resend countdown');
    assert.equal(await her.locator('#consent-send').isDisabled(), true);
    // A wrong code: refused, said by the button.
    await her.fill('#consent-sms', '000000');
    await her.click('#consent-submit');
    await her.waitForSelector('#consent-error[data-code="SHELL_CONSENT_CODE_WRONG"]');
    await shot(her, 'ask');
    await her.fill('#consent-sms', TEST_SMS_CODE);
    await her.click('#consent-submit');
    await her.waitForSelector('main[data-ready="home"]');

    // His account, with the banner on every page, name and ID number masked.
    assert.equal(await balance(her), dingxi.ledger.account.balc, 'his balance');
    const text = await bannerText(her);
    assert.match(text, /^正在代为查看王\*国（6211\*+\d{3}[\dX]）的账户，只能查看$/);
    assert.ok(!text.includes(dingxi.person.baseinfo.psn_name) && !text.includes(dingxi.person.baseinfo.certno));
    await shot(her, 'viewing-home');
    for (const route of [...NAV, 'print', 'proxy', 'uses']) {
      await open(her, route);
      assert.equal(await bannerText(her), text, `the banner on ${route}`);
      const box = await her.locator('#proxy-back').boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= WIDTH, `回到我的账户 within the screen on ${route}`);
      assert.ok(await her.evaluate(() => document.documentElement.scrollWidth) <= WIDTH, `${route} fits`);
    }
    // Read-only: a change is refused by the endpoint, and said.
    await open(her, 'family');
    await her.locator('[data-state="active"] button.unbind').first().click();
    await her.click('#confirm-ok');
    await her.waitForSelector('.row-error[data-code="SHELL_PROXY_READ_ONLY"]');
    await shot(her, 'viewing-family-read-only');

    // Back to her own account.
    await her.click('#proxy-back');
    await her.waitForSelector('main[data-ready="home"]');
    assert.equal(await her.locator('#proxy-banner').isHidden(), true);
    assert.equal(await balance(her), ownBalance);
    // And to his again, from the list of accounts she may view.
    await open(her, 'proxy');
    assert.match(await her.locator('#proxy-mine .state').first().textContent(), /^有效至 \d{4}-\d{2}-\d{2}$/);
    await shot(her, 'proxy-list');
    await her.click('#proxy-mine button.view-account');
    await her.waitForSelector('main[data-ready="home"]');
    assert.equal(await bannerText(her), text);

    // The father, on his own phone: who may view his account, and withdrawing it.
    const him = await tab(problems, elder);
    await logIn(him, dingxi);
    await open(him, 'proxy');
    const row = him.locator('#proxy-on-mine li.consent');
    assert.match(await row.locator('.name').textContent(), /^王\*（/, 'the daughter, masked');
    await row.locator('button.withdraw').click();
    await him.waitForSelector('#confirm-dialog[open]');
    assert.match(await him.locator('#confirm-body').textContent(), /从现在起不能再查看您的账户/);
    assert.equal(await him.evaluate(() => document.activeElement.id), 'confirm-cancel', 'the safe answer has the focus');
    await shot(him, 'withdraw-dialog');
    await him.click('#confirm-cancel');
    await him.waitForSelector('#confirm-dialog', { state: 'detached' });
    assert.equal(await row.getAttribute('data-state'), 'active', 'cancel changes nothing');
    await row.locator('button.withdraw').click();
    await him.click('#confirm-ok');
    await him.waitForSelector('#proxy-notice:not(:empty)');
    assert.match(await him.locator('#proxy-notice').textContent(), /对方从现在起不能再查看您的账户/);
    assert.equal(await him.locator('#proxy-on-mine li.consent').getAttribute('data-state'), 'withdrawn');
    await shot(him, 'withdrawn');

    // Her next page: refused with the reason, the banner gone, her own account after.
    await her.bringToFront();
    await open(her, 'history');
    await her.waitForSelector('main[data-ready="history-error"] [data-code="SHELL_CONSENT_WITHDRAWN"]');
    assert.equal(await her.locator('#proxy-banner').isHidden(), true, 'no banner once the consent is gone');
    await shot(her, 'refused');
    await open(her, 'home');
    assert.equal(await balance(her), ownBalance, 'her own account again');
    await open(her, 'proxy');
    assert.equal(await her.locator('#proxy-mine button.view-account').count(), 0, 'nothing left to view');
    assert.equal(await her.locator('#proxy-mine li.consent').getAttribute('data-state'), 'withdrawn');
    assert.deepEqual(problems, []);
    await her.close();
    await him.close();
  });
}
