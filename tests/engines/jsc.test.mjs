// The mini-program bundles (pkg/wechat, pkg/alipay) in JavaScriptCore — the engine of the
// iOS WeChat and Alipay logic layers — with every JIT off and once with the JIT on, in a realm
// without WebAssembly, TextEncoder, TextDecoder, BigInt or globalThis, given only a path-only
// WXWebAssembly / MYWebAssembly (tests/engines/jsc.mjs). Each run: the README example with
// every `// →` line, one call per exported function and method (the list read from the
// bundle), each result equal to V8's (pkg/node) for the same call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ENGINES, NO_JIT, codePackage, finished, jscProgram, jscVersion, runJsc } from './jsc.mjs';
import { readmeExample, exampleForPackage, root } from './readme-example.mjs';
import { API_LISTER, FIXTURES, RUN_CALLS, callSources } from './calls.mjs';

const require = createRequire(import.meta.url);
const WASM_PATH = '/lib/gongji/gongji.wasm.br';
// init()'s default: where each platform's project puts the module — WeChat's 构建 npm copies
// pkg/wechat to miniprogram_npm/gongji/; Alipay keeps the copied lib/gongji/.
const DEFAULT_PATH = { wechat: '/miniprogram_npm/gongji/gongji.wasm.br', alipay: WASM_PATH };
const PLATFORMS = [
  { name: 'wechat', wasm: 'WXWebAssembly' },
  { name: 'alipay', wasm: 'MYWebAssembly' },
];

function packageOf(platform) {
  const dir = path.join(root, 'pkg', platform.name);
  const { files } = codePackage({ [WASM_PATH]: path.join(dir, 'gongji.wasm.br'), [DEFAULT_PATH[platform.name]]: path.join(dir, 'gongji.wasm.br') });
  // The public entry point only: glue inside the folder may change shape.
  const modules = { '/lib/gongji/gongji.js': fs.readFileSync(path.join(dir, 'gongji.js'), 'utf8') };
  return { files, modules };
}

/** The body of the main run: init timed, the README example, every call. */
function mainBody(example) {
  const calls = callSources().map(([name, source]) => `[${JSON.stringify(name)}, ${source}]`).join(',\n');
  return `async function (load, report, host) {
    report({ absent: host.absent });
    var started = host.now();
    var gongji = load('/lib/gongji/gongji.js');
    var loaded = host.now();
    await gongji.init(${JSON.stringify(WASM_PATH)});
    var ready = host.now();
    report({ timing: { evaluateMs: loaded - started, initMs: ready - loaded }, wasmLog: host.wasmLog.slice() });
    var lines = [];
    var console = { log: function () { lines.push(Array.prototype.map.call(arguments, String).join(' ')); } };
    await (async function (gongji, console) {
      ${exampleForPackage(readmeExample().source, WASM_PATH)}
    })(gongji, console);
    gongji.setLocale('zh-Hans');
    report({ example: lines });
    report({ api: (${API_LISTER.toString()})(gongji) });
    report({ calls: (${RUN_CALLS.toString()})(gongji, ${JSON.stringify(FIXTURES)}, [${calls}]) });
  }`;
}

const results = {};
async function mainRun(platform, engine) {
  const key = `${platform.name} ${engine.name}`;
  if (!results[key]) {
    const program = jscProgram({ platform: platform.wasm, ...packageOf(platform), body: mainBody() });
    results[key] = runJsc(program, { flags: engine.flags }).then((run) => {
      const reports = finished(run);
      const pick = (field) => reports.find((r) => field in r)?.[field];
      return { run, absent: pick('absent'), timing: pick('timing'), wasmLog: pick('wasmLog'), example: pick('example'), api: pick('api'), calls: pick('calls') };
    });
  }
  return results[key];
}

/** The same calls in V8 through pkg/node, for the comparison. */
function v8Calls() {
  const g = require(path.join(root, 'pkg'));
  const calls = callSources().map(([name, source]) => [name, (0, eval)(`(${source})`)]);
  return RUN_CALLS(g, JSON.parse(JSON.stringify(FIXTURES)), calls);
}

test(`jsc is installed (${jscVersion()}) and these runs use it`, () => {
  assert.ok(fs.existsSync('/usr/bin/jsc'), 'make install-engines installs libjavascriptcoregtk-4.0-bin');
});

for (const platform of PLATFORMS) {
  for (const engine of ENGINES) {
    const label = `${platform.name} bundle, ${engine.name}`;

    test(`${label}: loads in a realm without WebAssembly, TextEncoder, TextDecoder, BigInt, globalThis, through ${platform.wasm} only`, async () => {
      const r = await mainRun(platform, engine);
      for (const [name, type] of Object.entries(r.absent)) assert.equal(type, 'undefined', `${name} is absent in the run`);
      assert.deepEqual(r.wasmLog, [WASM_PATH], `the loader asked ${platform.wasm} for the absolute package path, once`);
      assert.ok(r.timing.initMs > 0);
      console.log(`# ${label}: evaluate bundle ${r.timing.evaluateMs.toFixed(1)} ms, init (instantiate) ${r.timing.initMs.toFixed(1)} ms; jsc process ${r.run.ms.toFixed(0)} ms`);
    });

    test(`${label}: the README example prints every // → line`, async () => {
      const r = await mainRun(platform, engine);
      assert.deepEqual(r.example, readmeExample().expected);
    });

    test(`${label}: one call per exported function and method, each equal to V8's result`, async () => {
      const r = await mainRun(platform, engine);
      const named = callSources().map(([name]) => name).sort();
      const missing = r.api.filter((name) => !named.includes(name));
      assert.deepEqual(missing, [], 'every export the bundle offers has a call in tests/engines/calls.mjs');
      const stale = named.filter((name) => !r.api.includes(name));
      assert.deepEqual(stale, [], 'every call in tests/engines/calls.mjs names an export of the bundle');
      const v8 = v8Calls();
      for (const name of named) {
        assert.ok(r.calls[name], `${name} ran`);
        assert.deepEqual(r.calls[name], v8[name], `${name}: jsc and V8 agree`);
      }
      const threw = named.filter((name) => 'threw' in r.calls[name]);
      assert.deepEqual(threw, [], 'no call threw');
      console.log(`# ${label}: ${named.length} calls checked against V8 (${r.api.length} exports and methods)`);
    });
  }

  test(`${platform.name}: the ${platform.wasm} stand-in refuses a relative path, a non-wasm path and bytes`, async () => {
    const body = `async function (load, report) {
      var gongji = load('/lib/gongji/gongji.js');
      var tries = [['relative', 'lib/gongji/gongji.wasm.br'], ['not wasm', '/lib/gongji/gongji.js'], ['missing', '/lib/other.wasm']];
      for (var i = 0; i < tries.length; i++) {
        try { await gongji.init(tries[i][1]); report({ try: tries[i][0], loaded: true }); }
        catch (error) { report({ try: tries[i][0], refused: String(error.message) }); }
      }
      try { await gongji.init(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])); report({ try: 'bytes', loaded: true }); }
      catch (error) { report({ try: 'bytes', refused: String(error.message) }); }
    }`;
    const reports = finished(await runJsc(jscProgram({ platform: platform.wasm, ...packageOf(platform), body }), { flags: NO_JIT }));
    const by = Object.fromEntries(reports.map((r) => [r.try, r]));
    assert.match(by.relative.refused, /relative path/);
    assert.match(by['not wasm'].refused, /neither \.wasm nor \.wasm\.br/);
    assert.match(by.missing.refused, /no file/);
    assert.match(by.bytes.refused, /need a standard WebAssembly|WebAssembly/, 'bytes need a standard WebAssembly, which this realm lacks');
  });

  // Alipay's instantiate takes absolute package paths only, and WeChat's examples use them:
  // the loaders' defaults are absolute (DEFAULT_PATH), which the strict stand-in accepts.
  test(`${platform.name}: init() with no argument loads from the default (absolute) package path`, async () => {
    const body = `async function (load, report, host) {
      var gongji = load('/lib/gongji/gongji.js');
      await gongji.init();
      report({ log: host.wasmLog.slice(), version: gongji.version() });
    }`;
    const reports = finished(await runJsc(jscProgram({ platform: platform.wasm, ...packageOf(platform), body }), { flags: NO_JIT }));
    assert.deepEqual(reports[0].log, [DEFAULT_PATH[platform.name]]);
  });
}

// The start module (pkg/<platform>/start: identity, money, messages), which the shells load
// first: in jsc with the JIT off it loads through the platform API from its own path, offers
// the subset of the whole bundle's exports, and every call of tests/engines/calls.mjs for those
// exports equals V8's through pkg/node/start.
const START_PATH = '/lib/gongji/start/gongji.wasm.br';
for (const platform of PLATFORMS) {
  test(`${platform.name} start module, jsc, JIT off: loads from start/, a subset of the bundle's exports, each call equal to V8's`, async () => {
    const dir = path.join(root, 'pkg', platform.name, 'start');
    const { files } = codePackage({ [START_PATH]: path.join(dir, 'gongji.wasm.br') });
    const modules = { '/lib/gongji/start/gongji.js': fs.readFileSync(path.join(dir, 'gongji.js'), 'utf8') };
    const calls = callSources().map(([name, source]) => `[${JSON.stringify(name)}, ${source}]`).join(',\n');
    const body = `async function (load, report, host) {
      var started = host.now();
      var gongji = load('/lib/gongji/start/gongji.js');
      await gongji.init(${JSON.stringify(START_PATH)});
      var ready = host.now();
      var api = (${API_LISTER.toString()})(gongji);
      var all = [${calls}].filter(function (entry) { return api.indexOf(entry[0]) >= 0; });
      report({ initMs: ready - started, log: host.wasmLog.slice(), api: api, calls: (${RUN_CALLS.toString()})(gongji, ${JSON.stringify(FIXTURES)}, all) });
    }`;
    const [r] = finished(await runJsc(jscProgram({ platform: platform.wasm, files, modules, body }), { flags: NO_JIT }));
    assert.deepEqual(r.log, [START_PATH]);
    const whole = (await mainRun(platform, ENGINES.find((e) => e.flags === NO_JIT))).api;
    assert.deepEqual(r.api.filter((name) => !whole.includes(name)), [], 'only exports the whole bundle has');
    for (const absent of ['checkBinding', 'Ledger.fromJson', 'PolicySet.builtIn']) assert.ok(!r.api.includes(absent), `${absent} is not in the start module`);
    const startNode = require(path.join(root, 'pkg', 'node', 'start', 'index.cjs'));
    const v8 = RUN_CALLS(startNode, JSON.parse(JSON.stringify(FIXTURES)), callSources().filter(([name]) => r.api.includes(name)).map(([name, source]) => [name, (0, eval)(`(${source})`)]));
    assert.ok(Object.keys(r.calls).length >= 30, `${Object.keys(r.calls).length} calls`);
    assert.deepEqual(r.calls, v8);
    assert.deepEqual(Object.keys(r.calls).filter((name) => 'threw' in r.calls[name]), [], 'no call threw');
    console.log(`# ${platform.name} start module, JIT off: evaluate + init ${r.initMs.toFixed(1)} ms, ${Object.keys(r.calls).length} calls equal to V8's`);
  });
}

// Alipay documents MYWebAssembly for Worker threads only (my.createWorker(path,
// {useExperimentalWorker: true})): the Worker has MYWebAssembly and a `worker` global but no
// `my`. The harness runs that side too: here a minimal worker script stands in for the
// shell's (www/alipay's worker, which shells-port is adding), to prove the Worker realm loads
// the core through MYWebAssembly alone and answers the page's messages. When the shell's
// worker lands, its files go into `modules` and its own request/response shape is checked.
test('alipay: the Worker realm (worker global, MYWebAssembly, no my) loads the core and answers a message, JIT off', async () => {
  const { files, modules } = packageOf(PLATFORMS[1]);
  modules['/worker/index.js'] = `
    var gongji = require('../lib/gongji/gongji.js');
    var ready = gongji.init(${JSON.stringify(WASM_PATH)});
    worker.onMessage(function (message) {
      ready.then(function () {
        worker.postMessage({ id: message.id, ok: true, value: gongji[message.call].apply(null, message.args) });
      }, function (error) {
        worker.postMessage({ id: message.id, ok: false, code: error.code || 'LOAD_FAILED' });
      });
    });`;
  const body = `async function (load, report, host) {
    report({ my: typeof my, wasm: typeof MYWebAssembly });
    load('/worker/index.js');
    host.deliver({ id: 1, call: 'formatYuan', args: ['1234.565'] });
    host.deliver({ id: 2, call: 'toChineseUppercase', args: ['1004.05'] });
    // instantiate settles on jsc's run loop, not in a microtask: wait (bounded) for replies.
    for (var i = 0; i < 400 && host.workerSent.length < 2; i++) await new Promise(function (resolve) { setTimeout(resolve, 5); });
    report({ sent: host.workerSent, log: host.wasmLog });
  }`;
  const reports = finished(await runJsc(jscProgram({ platform: 'MYWebAssembly', files, modules, worker: true, body }), { flags: NO_JIT }));
  assert.deepEqual(reports[0], { my: 'undefined', wasm: 'object' });
  assert.deepEqual(reports[1].log, [WASM_PATH]);
  assert.deepEqual(reports[1].sent, [
    { id: 1, ok: true, value: '¥1,234.57' },
    { id: 2, ok: true, value: '壹仟零肆元零伍分' },
  ]);
});
