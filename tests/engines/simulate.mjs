// The WeChat mini-program in Tencent's miniprogram-simulate (j-component over the real
// exparser, rendering into jsdom), its pages built from their real WXML (compiled by
// Tencent's wcc), WXSS and real Page options (www/wechat/pages/*/index.js → lib/shell.js,
// which www/scripts/sync-miniprogram.mjs builds), talking to the local provincial endpoint.
//
// Nothing here knows a page's fields or handlers: pages come from app.json, each Page()
// object becomes a Component (the documented way to build a page with Component()), and the
// tests read handlers and data paths from the templates (tests/engines/templates.mjs).
//
// miniprogram-simulate is CommonJS that requires page files with Node's require; www/ sits
// under the repository's "type": "module" package.json, so the project is copied to a
// scratch folder with a CommonJS package.json and its config.js pointed at the test server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { JSDOM } from 'jsdom';
import { fakeWxRequest, launchedApps, packageWasm } from '../shells/helpers.mjs';
import { root } from './readme-example.mjs';
import { DIALECTS, parseTemplate } from './templates.mjs';

const require = createRequire(import.meta.url);

let simulate = null;
let exparser = null;
/** jsdom as the window miniprogram-simulate expects, installed once per process. */
function environment() {
  if (simulate) return simulate;
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { pretendToBeVisual: true });
  globalThis.window = dom.window;
  globalThis.document = dom.window.document;
  for (const name of ['Element', 'HTMLElement', 'Node', 'Event', 'CustomEvent', 'getComputedStyle', 'requestAnimationFrame', 'cancelAnimationFrame']) {
    if (!(name in globalThis)) globalThis[name] = dom.window[name];
  }
  simulate = require('miniprogram-simulate');
  // The exparser j-component renders with, for dispatching taps as the framework does.
  exparser = createRequire(require.resolve('j-component'))('miniprogram-exparser');
  return simulate;
}

/** A copy of www/wechat that Node's require and miniprogram-simulate can load. */
function scratchProject(baseUrl) {
  const from = path.join(root, 'www', 'wechat');
  if (!fs.existsSync(path.join(from, 'lib', 'shell.js'))) throw new Error('www/wechat/lib is missing: run node www/scripts/sync-miniprogram.mjs');
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gongji-simulate-')), 'wechat');
  fs.cpSync(from, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "commonjs" }\n');
  // WeChat resolves require('gongji') to miniprogram_npm/gongji/ (what 构建 npm made); Node's
  // require looks in node_modules/, where npm install left the whole package (whose Node
  // build would load instead). Put the miniprogram_npm copy where Node looks, and only it.
  fs.rmSync(path.join(dir, 'node_modules'), { recursive: true, force: true });
  fs.cpSync(path.join(dir, 'miniprogram_npm'), path.join(dir, 'node_modules'), { recursive: true });
  // The test's server stands in for the demo server; retries don't wait.
  fs.writeFileSync(path.join(dir, 'lib', 'config.js'), `module.exports = { baseUrl: ${JSON.stringify(baseUrl)}, sleep: function () { return Promise.resolve(); } };\n`);
  return dir;
}

// Every promise a page method returns (a handler awaiting a request, refresh() awaiting the
// core) is tracked, so a test waits for exactly the work a tap started, not for a guess.
const pending = new Set();
function track(result) {
  if (result && typeof result.then === 'function') {
    pending.add(result);
    const done = () => pending.delete(result);
    result.then(done, done);
  }
  return result;
}

/** Waits until every tracked page promise has settled (and the renderer has caught up). */
export async function settle() {
  for (let round = 0; round < 50; round++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (pending.size === 0) return;
    await Promise.allSettled([...pending]);
  }
  throw new Error('page work still pending after 50 rounds');
}

// Every launched app (its session's expiry timer would keep the test process alive);
// endSessions() ends them when a test file is done.
const launched = launchedApps();
export const endSessions = () => launched.endAll();

/**
 * Launches the mini-program: App() from app.js, the wx API (simulate's mock, with storage,
 * navigation, modal and request replaced by recording ones, request over node:http), and a
 * path-only WXWebAssembly. Returns what a test drives and reads.
 */
export function launchWechat({ baseUrl }) {
  environment();
  const project = scratchProject(baseUrl);
  const storage = new Map();
  const navigations = [];
  const modals = [];
  const requests = [];
  const wasmPaths = [];
  const modalAnswers = [];
  const wx = {
    request: fakeWxRequest(requests),
    reLaunch: (options) => { navigations.push(options.url); options.success?.({ errMsg: 'reLaunch:ok' }); },
    navigateTo: (options) => { navigations.push(options.url); options.success?.({ errMsg: 'navigateTo:ok' }); },
    redirectTo: (options) => { navigations.push(options.url); options.success?.({ errMsg: 'redirectTo:ok' }); },
    makePhoneCall: (options) => navigations.push(`tel:${options.phoneNumber}`),
    setNavigationBarTitle: () => {},
    getStorageSync: (key) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key, value) => { storage.set(key, value); },
    removeStorageSync: (key) => { storage.delete(key); },
    // A confirmation: the test says beforehand what the user answers (default: cancel).
    showModal: (options) => {
      const confirm = modalAnswers.length ? modalAnswers.shift() : false;
      modals.push({ title: options.title, content: options.content, confirm });
      const result = { errMsg: 'showModal:ok', confirm, cancel: !confirm };
      options.success?.(result);
      options.complete?.(result);
      return Promise.resolve(result);
    },
  };
  Object.assign(globalThis.wx, wx);
  globalThis.WXWebAssembly = packageWasm(project, wasmPaths);
  let app = null;
  globalThis.App = (options) => { app = Object.assign({}, options); };
  globalThis.getApp = () => app;
  globalThis.Page = (options) => {
    const methods = {};
    for (const [key, value] of Object.entries(options)) {
      if (typeof value === 'function') methods[key] = function (...args) { return track(value.apply(this, args)); };
    }
    globalThis.Component({ data: options.data || {}, methods });
  };
  require(path.join(project, 'app.js'));
  app.onLaunch();
  launched.add(app);
  const appJson = JSON.parse(fs.readFileSync(path.join(project, 'app.json'), 'utf8'));
  return {
    app, project, storage, navigations, modals, requests, wasmPaths, modalAnswers,
    pages: appJson.pages,
    /** Page options as Page() received them (for the handler check), by page path. */
    pageOptions(pagePath) {
      let captured = null;
      const saved = globalThis.Page;
      globalThis.Page = (options) => { captured = options; };
      const file = path.join(project, `${pagePath}.js`);
      delete require.cache[require.resolve(file)];
      require(file);
      delete require.cache[require.resolve(file)];
      globalThis.Page = saved;
      return captured;
    },
    template(pagePath) {
      return parseTemplate(fs.readFileSync(path.join(project, `${pagePath}.wxml`), 'utf8'));
    },
    /** Renders a page, runs onLoad/onShow as the framework does, waits for its data. */
    async open(pagePath) {
      const id = simulate.load(path.join(project, pagePath), { rootPath: project });
      const comp = simulate.render(id);
      comp.attach(document.createElement('parent-wrapper'));
      const page = pageHandle(comp, pagePath, this);
      if (typeof comp.instance.onLoad === 'function') await comp.instance.onLoad({});
      await comp.instance.onShow();
      await settle();
      return page;
    },
  };
}

const TAG = (name) => `wx-${name}`;

/** What a test does with a rendered page, as a user would: read it, tap, type, pick. */
function pageHandle(comp, pagePath, mp) {
  const find = (tag, predicate, what) => {
    const found = [...comp.dom.querySelectorAll(TAG(tag))].filter(predicate);
    if (found.length === 0) throw new Error(`${pagePath}: no ${what} on the page. It shows: ${comp.dom.textContent.replace(/\s+/g, ' ').trim().slice(0, 300)}`);
    return found;
  };
  const fire = async (element, type, detail = {}) => {
    const target = element.__wxElement;
    if (!target) throw new Error(`${pagePath}: ${element.tagName} is not a rendered component`);
    exparser.Event.dispatchEvent(target, exparser.Event.create(type, detail, { bubbles: true, composed: true, capturePhase: true }));
    await settle();
  };
  const byText = (tag, text) => (el) => el.textContent.trim() === text || (text instanceof RegExp && text.test(el.textContent.trim()));
  return {
    comp,
    path: pagePath,
    get data() { return comp.instance.data; },
    text() { return comp.dom.textContent.replace(/\s+/g, ' ').trim(); },
    /** Every attribute value the renderer wrote to the DOM (data-*, class, aria-label …). */
    attributeValues() {
      return [...comp.dom.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => `${el.tagName.toLowerCase()} ${a.name}="${a.value}"`));
    },
    /** Taps the button (or any element of `tag`) whose visible text is `label`. */
    async tap(label, { tag = 'button', index = 0 } = {}) {
      const found = find(tag, byText(tag, label), `${tag} "${label}"`);
      await fire(found[index], 'tap');
    },
    /** Types into the input with data-field=`field` (the value arrives in detail.value). */
    async type(field, value) {
      const [input] = find('input', (el) => el.getAttribute('data-field') === field, `input for ${field}`);
      await fire(input, 'input', { value });
    },
    /** Picks entry `index` of the picker with data-field=`field` (or the nth picker). */
    async pick(field, index) {
      const pickers = find('picker', (el) => field === null || el.getAttribute('data-field') === field, `picker ${field}`);
      await fire(pickers[0], 'change', { value: index });
    },
    /** The picker whose text starts with `label` (pickers without a data-field). */
    async pickLabelled(label, index) {
      const [picker] = find('picker', (el) => el.textContent.trim().startsWith(label), `picker "${label}"`);
      await fire(picker, 'change', { value: index });
    },
    buttons() {
      return [...comp.dom.querySelectorAll(TAG('button'))].map((el) => el.textContent.trim());
    },
  };
}

export const WECHAT = DIALECTS.wechat;
