// The core in two stages (www/shared/core-service.js lazyService, issue #13): the start module
// (pkg/node/start: identity, money, messages) answers the login page's methods before the
// whole module is loaded; the first other method loads the whole one, which then answers
// everything in the locale the start one was given; the whole one also loads in the
// background once the start one is up; a start module that fails leaves the calls to the
// whole one. Checked through both ports: directPort, and channelPort into a Worker stand-in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { directPort, channelPort } from '../../www/shared/port.js';
import { serveCore } from '../../www/shared/core-worker.js';
import { START_METHODS, METHODS } from '../../www/shared/core-service.js';

const require = createRequire(import.meta.url);
const whole = require('../../pkg/node/index.cjs');
const start = require('../../pkg/node/start/index.cjs');

const LOGIN = { certno: '11010519491231002X', phone: '13800138000', smsCode: '123456' };

/**
 * Loaders that count their loads, and a `defer` that holds the background load until the
 * test runs it (`runDeferred`), so that what loads when is the test's to decide.
 */
function stages({ startFails = false, wholeFails = 0 } = {}) {
  const loads = { start: 0, whole: 0 };
  const deferred = [];
  return {
    loads,
    options: {
      loadStart: () => {
        loads.start += 1;
        return startFails ? Promise.reject(new Error('start module missing')) : Promise.resolve(start);
      },
      load: () => {
        loads.whole += 1;
        return loads.whole <= wholeFails ? Promise.reject(new TypeError('Failed to fetch')) : Promise.resolve(whole);
      },
      defer: (run) => deferred.push(run),
    },
    runDeferred: () => { for (const run of deferred.splice(0)) run(); },
  };
}

/** A Worker stand-in: serveCore on one side, messages copied and delivered on a later turn. */
function channelTo(options) {
  return () => {
    const toWorker = [];
    const toLogic = [];
    serveCore({
      onMessage: (cb) => toWorker.push(cb),
      postMessage: (message) => {
        const copied = structuredClone(message);
        setImmediate(() => { for (const cb of toLogic) cb(copied); });
      },
    }, { ...options, path: 'worker' });
    return {
      postMessage: (message) => {
        const copied = structuredClone(message);
        setImmediate(() => { for (const cb of toWorker) cb(copied); });
      },
      onMessage: (cb) => toLogic.push(cb),
    };
  };
}

const PORTS = {
  direct: (options) => directPort(options),
  channel: (options) => channelPort({ spawn: channelTo(options) }),
};

test('the start module exports only what START_METHODS need, and each of those is a port method', () => {
  for (const method of START_METHODS) assert.ok(METHODS.includes(method), method);
  for (const absent of ['Ledger', 'PolicySet', 'checkBinding', 'relations', 'previewPayment']) assert.equal(start[absent], undefined, absent);
  for (const present of ['validateForm', 'validateResidentId', 'messageFor', 'formatYuan', 'maskName', 'hotlineFor', 'setLocale']) {
    assert.equal(typeof start[present], 'function', present);
  }
});

for (const [name, makePort] of Object.entries(PORTS)) {
  test(`${name}: the login page is answered by the start module, before the whole one loads`, async () => {
    const { loads, options } = stages();
    const port = makePort(options);
    const info = await port.ready();
    assert.equal(info.stage, 'start');
    await port.setLocale('zh-Hant');
    const form = await port.loginForm({ values: { ...LOGIN, submitted: true } });
    assert.equal(form.ok, true);
    const bad = await port.loginForm({ values: { ...LOGIN, certno: '110105194912310021', submitted: true } });
    assert.equal(bad.ok, false);
    assert.match(await port.message({ code: 'BOUNDARY_UNKNOWN_LOCALE' }), /簡體/, 'in the locale given');
    assert.deepEqual(loads, { start: 1, whole: 0 }, 'nothing but the start module was loaded');
  });

  test(`${name}: the first other method loads the whole module, which keeps the locale and answers from then on`, async () => {
    const { loads, options } = stages();
    const port = makePort(options);
    await port.ready();
    await port.setLocale('zh-Hant');
    const relations = await port.relationList();
    assert.ok(relations.length > 5, 'a family method answered');
    assert.equal(loads.whole, 1);
    const info = await port.info();
    assert.equal(info.stage, 'whole');
    assert.equal(info.locale, 'zh-Hant', 'the locale the start module was given');
    assert.match(await port.message({ code: 'BOUNDARY_UNKNOWN_LOCALE' }), /簡體/);
    // The login form now goes to the whole module, with the same answer.
    assert.equal((await port.loginForm({ values: { ...LOGIN, submitted: true } })).ok, true);
    assert.deepEqual(loads, { start: 1, whole: 1 });
  });

  test(`${name}: once the start module is up, the whole one loads in the background`, async () => {
    const { loads, options, runDeferred } = stages();
    const port = makePort(options);
    await port.ready();
    assert.equal(loads.whole, 0);
    runDeferred();
    // The load is under way: the next call finds it (without loading it again).
    await port.relationList();
    assert.equal((await port.info()).stage, 'whole');
    assert.deepEqual(loads, { start: 1, whole: 1 });
  });

  test(`${name}: a start module that fails to load leaves every call to the whole one`, async () => {
    const { loads, options } = stages({ startFails: true });
    const port = makePort(options);
    const info = await port.ready();
    assert.equal(info.stage, 'whole');
    assert.equal((await port.loginForm({ values: { ...LOGIN, submitted: true } })).ok, true);
    await port.message({ code: 'BOUNDARY_UNKNOWN_LOCALE' });
    assert.deepEqual(loads, { start: 1, whole: 1 }, 'the start module is not tried again');
  });

  test(`${name}: the whole module failing to load, with the start one up, is a coded error in words; the next call loads it`, async () => {
    const { loads, options } = stages({ wholeFails: 1 });
    const port = makePort(options);
    await port.ready();
    // One module instance serves every test of this file: the locale is set, not assumed.
    await port.setLocale('zh-Hans');
    const error = await port.relationList().then(() => null, (e) => e);
    assert.equal(error && error.code, 'SHELL_CORE_LOAD_FAILED');
    const view = await port.errorView({ error: { name: error.name, code: error.code, message: error.message } });
    assert.match(view.message, /网络/);
    assert.ok((await port.relationList()).length > 5, 'tried again, loaded');
    assert.deepEqual(loads, { start: 1, whole: 2 });
  });

  test(`${name}: the start module describes an error with its catalog text and the holder's hotline`, async () => {
    const { loads, options } = stages();
    const port = makePort(options);
    await port.ready();
    const view = await port.errorView({ error: { name: 'PortError', code: 'SHELL_SERVER_ERROR', message: '' }, region: '621102' });
    assert.equal(view.code, 'SHELL_SERVER_ERROR');
    assert.equal(view.hotline, '0932-12393');
    assert.match(view.message, /0932-12393/);
    assert.deepEqual(loads, { start: 1, whole: 0 });
  });
}
