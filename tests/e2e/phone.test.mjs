// The portal on a small phone (360×740 CSS px) for an elderly holder, in standard mode and in
// 长辈模式: every page reachable from every page without horizontal scrolling, and 长辈模式
// measured against the 工信部 适老化 norms (docs/sources.md): visible text ≥ 18 px, key
// amounts ≥ 30 px, line height ≥ 1.3, touch targets ≥ 60×60 px (44×44 in standard mode),
// contrast and the rest by axe-core — no violation at all (serious and critical being the floor). A screenshot of every
// page in both modes goes to test-artifacts/e2e/360/. The smallest figures measured are
// printed as test diagnostics.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { startServer } from '../../www/server.mjs';
import { sampleData, TEST_SMS_CODE } from '../../www/server/sample-data.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const artifacts = path.join(root, 'test-artifacts', 'e2e', '360');
const [, lanzhou] = sampleData().holders;
const WIDTH = 360;
const ROUTES = ['home', 'history', 'family', 'credits', 'wallet', 'check', 'print', 'proxy', 'uses'];
const NAV = ['home', 'history', 'family', 'credits', 'wallet', 'check'];
const NORMS = {
  elder: { text: 18, amount: 30, lineHeight: 1.3, target: 60 },
  standard: { text: 0, amount: 0, lineHeight: 1.3, target: 44 },
};

let server;
let origin;
let context;
let userDataDir;

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  ({ server, origin } = await startServer({ port: 0, faults: true }));
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongji-phone-'));
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

async function freshPage({ elder }) {
  await fetch(`${origin}/__reset`, { method: 'POST' });
  for (const old of context.pages()) await old.close();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.goto(`${origin}/`);
  await page.evaluate((on) => { sessionStorage.clear(); localStorage.clear(); if (on) localStorage.setItem('gongji.elder', '1'); }, elder);
  await page.goto(`${origin}/#/login`);
  await page.waitForSelector('main[data-ready="login"]');
  if (elder && !(await page.evaluate(() => document.body.classList.contains('elder')))) {
    await page.click('#toggle-elder');
    await page.waitForFunction(() => document.body.classList.contains('elder'));
  }
  return { page, problems };
}

async function login(page) {
  await page.fill('#certno', lanzhou.person.baseinfo.certno);
  await page.fill('#phone', lanzhou.person.phone);
  await page.fill('#sms', TEST_SMS_CODE);
  await page.click('#login-submit');
  await page.waitForSelector('main[data-ready="home"]');
}

async function open(page, route) {
  await page.evaluate((r) => { location.hash = `#/${r}`; }, route);
  await page.waitForSelector(`main[data-ready="${route}"]`);
}

/**
 * What the norms are about, measured in the page: every visible piece of text (its rendered
 * font size, in SVG too, and its line height), the key amounts, and every control a finger
 * must hit. Text hidden for screen readers only (.sr-only) is not on screen and not counted.
 */
function measure() {
  const shown = (el) => {
    if (el.closest('.sr-only, [hidden], details:not([open]) > :not(summary)')) return false;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  const label = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} “${el.textContent.trim().slice(0, 16)}”`;
  const texts = [];
  for (const el of document.body.querySelectorAll('*')) {
    const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (!own || !shown(el)) continue;
    const style = getComputedStyle(el);
    const size = parseFloat(style.fontSize);
    // SVG text is drawn in the viewBox's units: its size on screen is scaled with the drawing.
    const scale = el instanceof SVGElement && el.getScreenCTM ? Math.abs(el.getScreenCTM().a) : 1;
    const lineHeight = style.lineHeight === 'normal' ? null : parseFloat(style.lineHeight) / size;
    texts.push({ what: label(el), size: size * scale, lineHeight, svg: el instanceof SVGElement });
  }
  const amounts = [...document.querySelectorAll('main .big .amount, main .big.amount')].filter(shown)
    .map((el) => ({ what: label(el), size: parseFloat(getComputedStyle(el).fontSize) }));
  const targets = [...document.querySelectorAll('a[href], button, input, select, summary, [role="button"]')].filter(shown)
    .map((el) => { const b = el.getBoundingClientRect(); return { what: label(el), width: b.width, height: b.height }; });
  return { texts, amounts, targets, scrollWidth: document.documentElement.scrollWidth };
}

/** Every nav link lies within the screen's width and is what a tap at its centre hits. */
async function navReachable(page, current) {
  await page.evaluate(() => window.scrollTo(0, 0));
  const links = await page.locator('#nav a').evaluateAll((els) => els.map((el) => {
    el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    const b = el.getBoundingClientRect();
    const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
    return { href: el.getAttribute('href'), left: b.left, right: b.right, hit: Boolean(hit && el.contains(hit)), current: el.getAttribute('aria-current') };
  }));
  assert.deepEqual(links.map((l) => l.href), NAV.map((r) => `#/${r}`), 'every page has its link');
  for (const link of links) {
    assert.ok(link.left >= 0 && link.right <= WIDTH, `${link.href} within the 360 px width on ${current} (${link.left}–${link.right})`);
    assert.ok(link.hit, `${link.href} is not covered on ${current}`);
  }
  const nav = await page.evaluate(() => { const n = document.querySelector('#nav'); return { scroll: n.scrollWidth, client: n.clientWidth }; });
  assert.ok(nav.scroll <= nav.client, `the nav does not scroll sideways (${nav.scroll} > ${nav.client})`);
  if (NAV.includes(current)) assert.equal(links.find((l) => l.href === `#/${current}`).current, 'page', `${current} is marked as the current page`);
}

for (const mode of ['standard', 'elder']) {
  test(`360 px, ${mode === 'elder' ? '长辈模式' : 'standard mode'}: every page reachable by a visible tap, nothing wider than the screen`, async () => {
    const { page, problems } = await freshPage({ elder: mode === 'elder' });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= WIDTH, 'login fits');
    await page.screenshot({ path: path.join(artifacts, `${mode}-login.png`), fullPage: true });
    await login(page);
    for (const route of ROUTES) {
      await open(page, route);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= WIDTH, `${route} fits 360 px (${wide})`);
      await navReachable(page, route);
      await page.screenshot({ path: path.join(artifacts, `${mode}-${route}.png`), fullPage: true });
    }
    // And each link works by a real tap from the page before it.
    for (const route of NAV) {
      await page.locator(`#nav a[href="#/${route}"]`).click();
      await page.waitForSelector(`main[data-ready="${route}"]`);
    }
    assert.deepEqual(problems, []);
  });

  test(`360 px, ${mode === 'elder' ? '长辈模式' : 'standard mode'}: text, amounts, line height and targets meet the norms; axe finds no violation`, async (t) => {
    const norm = NORMS[mode];
    const { page, problems } = await freshPage({ elder: mode === 'elder' });
    const smallest = { text: Infinity, amount: Infinity, lineHeight: Infinity, targetW: Infinity, targetH: Infinity };
    // Every shortfall of every page, listed at once (a first failure alone hides the rest).
    const short = [];
    const expect = (ok, what) => { if (!ok) short.push(what); };
    const check = async (route) => {
      // Open what is folded away, so its text is measured too.
      await page.evaluate(() => document.querySelectorAll('main details').forEach((d) => { d.open = true; }));
      const m = await page.evaluate(measure);
      for (const text of m.texts) {
        expect(text.size >= norm.text - 0.01, `${route}: ${text.what} is ${text.size.toFixed(1)} px (≥ ${norm.text})`);
        if (text.lineHeight !== null && !text.svg) expect(text.lineHeight >= norm.lineHeight - 0.01, `${route}: ${text.what} line height ${text.lineHeight.toFixed(2)} (≥ ${norm.lineHeight})`);
        smallest.text = Math.min(smallest.text, text.size);
        if (text.lineHeight !== null && !text.svg) smallest.lineHeight = Math.min(smallest.lineHeight, text.lineHeight);
      }
      for (const a of m.amounts) {
        expect(a.size >= norm.amount, `${route}: key amount ${a.what} is ${a.size} px (≥ ${norm.amount})`);
        smallest.amount = Math.min(smallest.amount, a.size);
      }
      for (const target of m.targets) {
        expect(target.width >= norm.target - 0.5 && target.height >= norm.target - 0.5, `${route}: ${target.what} is ${target.width.toFixed(0)}×${target.height.toFixed(0)} (≥ ${norm.target}×${norm.target})`);
        smallest.targetW = Math.min(smallest.targetW, target.width);
        smallest.targetH = Math.min(smallest.targetH, target.height);
      }
      const axe = await new AxeBuilder({ page }).analyze();
      // Zero violations of any impact (the issue's bar; serious and critical are the floor).
      for (const v of axe.violations) short.push(`${route}: axe ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
      return axe.passes.length;
    };
    let rulesPassed = await check('login');
    // The second way in (社保卡 + image code), and its text alternative.
    await page.click('#login-ways [data-way="card"]');
    await page.waitForFunction(() => document.querySelector('#captcha-image').complete && document.querySelector('#captcha-image').naturalWidth > 0);
    rulesPassed += await check('login (社保卡)');
    await page.click('#captcha-switch');
    await page.waitForFunction(() => !document.querySelector('#captcha-question').hidden);
    rulesPassed += await check('login (社保卡, 文字题)');
    await page.screenshot({ path: path.join(artifacts, `${mode}-login-card.png`), fullPage: true });
    await page.click('#login-ways [data-way="sms"]');
    await login(page);
    for (const route of ROUTES) {
      await open(page, route);
      rulesPassed += await check(route);
    }
    // 代办: the banner over another's account (the 定西 holder's code given on 代办查看), on 首页
    // and on 代办查看 itself. (Who asks does not matter to the norms: 张伟 asks here.)
    const [dingxi] = sampleData().holders;
    await open(page, 'proxy');
    await page.fill('#consent-certno', dingxi.person.baseinfo.certno);
    await page.fill('#consent-phone', dingxi.person.phone);
    await page.fill('#consent-sms', TEST_SMS_CODE);
    await page.click('#consent-submit');
    await page.waitForSelector('main[data-ready="home"]');
    rulesPassed += await check('home, viewing');
    await page.screenshot({ path: path.join(artifacts, `${mode}-home-viewing.png`), fullPage: true });
    await open(page, 'proxy');
    rulesPassed += await check('proxy, viewing');
    await page.click('#proxy-back');
    await page.waitForSelector('#proxy-banner[hidden]', { state: 'attached' });
    // The ask-first dialog of 解除绑定, open over 家庭成员.
    await open(page, 'family');
    await page.locator('[data-state="active"] button.unbind').first().click();
    await page.waitForSelector('#confirm-dialog[open]');
    const box = await page.locator('#confirm-dialog').boundingBox();
    expect(box.x >= 0 && box.x + box.width <= WIDTH, `the dialog lies within the screen (${box.x}–${box.x + box.width})`);
    rulesPassed += await check('unbind dialog');
    await page.screenshot({ path: path.join(artifacts, `${mode}-family-unbind-dialog.png`) });
    await page.keyboard.press('Escape');
    await page.waitForSelector('#confirm-dialog', { state: 'detached' });
    t.diagnostic(`${mode} smallest: text ${smallest.text.toFixed(1)} px, key amount ${smallest.amount} px, line height ${smallest.lineHeight.toFixed(2)}, target ${smallest.targetW.toFixed(0)}×${smallest.targetH.toFixed(0)} px`);
    t.diagnostic(`axe: ${rulesPassed} rule passes over ${ROUTES.length + 3} pages and the unbind dialog`);
    assert.deepEqual([...new Set(short)], [], 'every page meets the norms');
    assert.deepEqual(problems, []);
  });
}
