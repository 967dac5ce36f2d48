// The Alipay mini-program's AXML against its real Page options, since no Alipay renderer
// installs here: every `on*` / `catch*` handler the templates name exists, only `a:`
// directives Alipay defines are used, and every `{{ }}` path (through a:if / a:elif / a:else
// and a:for as the renderer walks them, tests/engines/templates.mjs) is in the data the
// pages really produce — logged out and logged in as each sample holder, against the local
// provincial endpoint, in a plain logic-layer stand-in (App/Page/getApp, `my` with storage,
// reLaunch and a my.request over node:http, a path-only MYWebAssembly).
//
// The user's steps are found in the templates, not hard-coded: the login form's inputs by
// data-field and the submit button by its label, each with the handler the AXML binds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { startTestServer, sampleLogins, fakeMyRequest, launchedApps, packageWasm, simulatedWorker } from '../shells/helpers.mjs';
import { root } from './readme-example.mjs';
import { DIALECTS, BAD_TEXT, handlersOf, missingPaths, parseTemplate, unknownDirectives } from './templates.mjs';

const require = createRequire(import.meta.url);
const ALIPAY = DIALECTS.alipay;
const logins = sampleLogins();
let env;
before(async () => { env = await startTestServer(); });
// Each launch's session keeps its expiry timer armed (as on a phone); a test's apps end
// their sessions when it finishes, so the process can exit.
const launched = launchedApps();
after(async () => {
  launched.endAll();
  await env.close();
});

/** A scratch CommonJS copy of www/alipay whose config.js points at the test server. */
function scratchProject(baseUrl) {
  const from = path.join(root, 'www', 'alipay');
  if (!fs.existsSync(path.join(from, 'lib', 'shell.js'))) throw new Error('www/alipay/lib is missing: run node www/scripts/sync-miniprogram.mjs');
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gongji-alipay-')), 'alipay');
  fs.cpSync(from, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "commonjs" }\n');
  fs.writeFileSync(path.join(dir, 'lib', 'config.js'), `module.exports = { baseUrl: ${JSON.stringify(baseUrl)}, sleep: function () { return Promise.resolve(); } };\n`);
  return dir;
}

function launchAlipay() {
  const project = scratchProject(env.origin);
  const storage = new Map();
  const navigations = [];
  const wasmPaths = [];
  globalThis.my = {
    request: fakeMyRequest([]),
    reLaunch: ({ url }) => navigations.push(url),
    navigateTo: ({ url }) => navigations.push(url),
    setNavigationBar: () => {},
    makePhoneCall: ({ number }) => navigations.push(`tel:${number}`),
    getStorageSync: ({ key }) => ({ data: storage.has(key) ? storage.get(key) : undefined }),
    setStorageSync: ({ key, data }) => { storage.set(key, data); },
    removeStorageSync: ({ key }) => { storage.delete(key); },
    confirm: (options) => options.success?.({ confirm: false }),
    showModal: (options) => options.success?.({ confirm: false }),
  };
  // The documented way in: MYWebAssembly inside a Worker (my.createWorker with the
  // experimental worker). The Worker realm has `worker` and MYWebAssembly, no `my`.
  globalThis.my.SDKVersion = '2.9.20';
  globalThis.my.getSystemInfoSync = () => ({ version: '10.6.0', SDKVersion: '2.9.20' });
  globalThis.my.canIUse = (name) => name === 'createWorker';
  globalThis.my.createWorker = (scriptPath, options) => simulatedWorker({ project, scriptPath, options, wasm: packageWasm(project, wasmPaths) });
  let app = null;
  const pageOptions = {};
  let current = null;
  globalThis.App = (options) => { app = Object.assign({}, options); };
  globalThis.getApp = () => app;
  globalThis.Page = (options) => { pageOptions[current] = options; };
  require(path.join(project, 'app.js'));
  const pages = JSON.parse(fs.readFileSync(path.join(project, 'app.json'), 'utf8')).pages;
  for (const pagePath of pages) {
    current = pagePath;
    require(path.join(project, `${pagePath}.js`));
  }
  app.onLaunch();
  launched.add(app);
  return {
    app, pages, pageOptions, navigations, wasmPaths,
    template: (pagePath) => parseTemplate(fs.readFileSync(path.join(project, `${pagePath}.axml`), 'utf8')),
    /** A page instance as the platform makes one: its own data, a JSON-copying setData. */
    async open(pagePath) {
      const options = pageOptions[pagePath];
      const page = Object.assign({}, options);
      page.data = JSON.parse(JSON.stringify(options.data ?? {}));
      page.setData = (patch, callback) => {
        for (const [key, value] of Object.entries(JSON.parse(JSON.stringify(patch)))) page.data[key] = value;
        if (callback) callback();
      };
      if (page.onLoad) await page.onLoad({});
      if (page.onShow) await page.onShow();
      return page;
    },
  };
}

/** The element of the tree that matches, with its attributes as an object. */
function findNode(tree, predicate) {
  const stack = [tree];
  while (stack.length) {
    const node = stack.shift();
    if (node.attrs && predicate(node, Object.fromEntries(node.attrs))) return { node, attrs: Object.fromEntries(node.attrs) };
    stack.push(...(node.children || []));
  }
  return null;
}

const textOf = (node) => (node.children || []).map((c) => (c.text !== undefined ? c.text : textOf(c))).join('');

/** Everything the template would put on screen or in an attribute, for the BAD_TEXT check. */
function rendered(tree, data) {
  const out = [];
  const grab = (value) => {
    if (value == null) return;
    for (const m of value.matchAll(/\{\{([\s\S]*?)\}\}/g)) {
      const names = m[1].trim().split(/[^\w.]+/).filter((n) => /^[a-zA-Z_]/.test(n));
      for (const name of names) {
        const v = name.split('.').reduce((o, k) => (o == null ? undefined : o[k]), data);
        if (typeof v === 'number' && Number.isNaN(v)) out.push(`${name} is NaN`);
        if (typeof v === 'string' && BAD_TEXT.test(v)) out.push(`${name} = ${v}`);
      }
    }
  };
  const stack = [tree];
  while (stack.length) {
    const node = stack.shift();
    if (node.text !== undefined) grab(node.text);
    for (const [, value] of node.attrs || []) grab(value);
    stack.push(...(node.children || []));
  }
  return out;
}

function assertData(mp, pagePath, page, state) {
  const tree = mp.template(pagePath);
  assert.deepEqual(missingPaths(tree, page.data, ALIPAY, `${pagePath}.axml`), [], `${pagePath} (${state}): every {{ }} path is in the data`);
  assert.deepEqual(rendered(tree, page.data), [], `${pagePath} (${state}): no undefined/NaN/[object Object] in the values shown`);
}

/** Calls the handler the template binds on the element, with the event Alipay passes. */
async function fire(page, binding, handlerAttr, detail) {
  const handler = binding.attrs[handlerAttr];
  assert.equal(typeof page[handler], 'function', `${handlerAttr}="${handler}" exists`);
  const dataset = Object.fromEntries(Object.entries(binding.attrs).filter(([k]) => k.startsWith('data-')).map(([k, v]) => [k.slice(5), v]));
  await page[handler]({ type: handlerAttr.slice(2).toLowerCase(), currentTarget: { dataset }, target: { dataset }, detail });
}

async function logIn(mp, who) {
  const pagePath = mp.pages[0];
  const tree = mp.template(pagePath);
  const login = await mp.open(pagePath);
  for (const [field, value] of Object.entries(who)) {
    const input = findNode(tree, (n, a) => n.tag === 'input' && a['data-field'] === field);
    assert.ok(input, `the login page has an input for ${field}`);
    await fire(login, input, 'onInput', { value });
  }
  const submit = findNode(tree, (n, a) => n.tag === 'button' && a.type === 'primary' && a.onTap);
  assert.ok(submit, 'the login page has a primary button');
  await fire(login, submit, 'onTap', {});
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.equal(mp.navigations.at(-1), '/pages/home/index', `logged in (${textOf(submit.node).trim()}): ${login.data.notice ?? ''}`);
}

test('every page of app.json: each on*/catch* handler its AXML names is a function of its Page options; only Alipay syntax', () => {
  const mp = launchAlipay();
  assert.ok(mp.pages.length >= 7);
  for (const pagePath of mp.pages) {
    const source = fs.readFileSync(path.join(root, 'www', 'alipay', `${pagePath}.axml`), 'utf8');
    const tree = parseTemplate(source);
    const handlers = handlersOf(tree, ALIPAY);
    assert.ok(handlers.length > 0, `${pagePath} binds handlers`);
    for (const h of handlers) assert.equal(typeof mp.pageOptions[pagePath][h.handler], 'function', `${pagePath}.axml:${h.line} ${h.attr}="${h.handler}" has a handler in the Page options`);
    assert.deepEqual(unknownDirectives(tree, ALIPAY), [], `${pagePath}: only a: directives Alipay defines`);
    assert.doesNotMatch(source, ALIPAY.foreignSyntax, `${pagePath}: no WeChat syntax (wx:, bind…) in AXML`);
  }
});

test('logged out: the login page data covers its AXML; other pages send the user to login', async () => {
  await env.reset();
  const mp = launchAlipay();
  for (const pagePath of mp.pages) {
    const page = await mp.open(pagePath);
    if (pagePath === mp.pages[0]) assertData(mp, pagePath, page, 'logged out');
    else assert.equal(mp.navigations.at(-1), `/${mp.pages[0]}`, `${pagePath} without a session goes to login`);
  }
  assert.ok(mp.wasmPaths.length >= 1, 'the core loaded through MYWebAssembly');
  assert.equal(mp.app.shell.corePath, 'worker', 'through the documented Worker path, not the logic-layer fallback');
});

for (const [who, login] of Object.entries(logins)) {
  test(`logged in as the ${who} holder: every page's data covers its AXML`, async () => {
    await env.reset();
    const mp = launchAlipay();
    await logIn(mp, login);
    for (const pagePath of mp.pages.slice(1)) {
      const page = await mp.open(pagePath);
      assert.equal(page.data.error, null, `${pagePath} shows no error: ${JSON.stringify(page.data.error)}`);
      assertData(mp, pagePath, page, `logged in as ${who}`);
    }
  });
}
