// Shared by the shell and engine tests: the local provincial endpoint on a free port, its fault
// switches, Node stand-ins for wx.request / my.request built on node:http, the platforms'
// path-only WebAssembly, Alipay's Worker, and the list of launched apps whose sessions end.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../www/server.mjs';
import { sampleData, TEST_SMS_CODE } from '../../www/server/sample-data.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export { TEST_SMS_CODE };

/** The two sample holders' logins. */
export function sampleLogins() {
  const [dingxi, lanzhou] = sampleData().holders;
  const login = (h) => ({ certno: h.person.baseinfo.certno, phone: h.person.phone, smsCode: TEST_SMS_CODE });
  return { dingxi: login(dingxi), lanzhou: login(lanzhou) };
}

/** 代办: the 定西 holder's daughter, who logs in with her own ID number and phone to help him. */
export function helperLogin() {
  const daughter = sampleData().holders[2];
  return { certno: daughter.person.baseinfo.certno, phone: daughter.person.phone, smsCode: TEST_SMS_CODE, psnNo: daughter.person.baseinfo.psn_no, name: daughter.person.baseinfo.psn_name };
}

export async function startTestServer(options = {}) {
  const { server, origin } = await startServer({ port: 0, faults: true, ...options });
  return {
    server,
    origin,
    async faults(body) {
      const response = await fetch(`${origin}/__faults`, { method: 'POST', body: JSON.stringify(body) });
      return response.json();
    },
    async readFaults() {
      return (await fetch(`${origin}/__faults`)).json();
    },
    async reset() {
      await fetch(`${origin}/__reset`, { method: 'POST' });
    },
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}

/** One HTTP exchange with node:http, for the fake platform request functions. */
function exchange({ url, method, headers, body, timeout }, done) {
  const request = http.request(url, { method, headers }, (response) => {
    const chunks = [];
    response.on('data', (c) => chunks.push(c));
    response.on('end', () => done(null, { status: response.statusCode, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
  });
  if (timeout) {
    request.setTimeout(timeout, () => {
      request.destroy();
      done({ timeout: true });
    });
  }
  request.on('error', (error) => { if (!request.destroyed || !error.message.includes('socket hang up')) done({ network: error }); });
  if (body !== undefined) request.write(body);
  request.end();
}

/** wx.request as WeChat documents it: HTTP errors reach success; fail has an errMsg. */
export function fakeWxRequest(calls = []) {
  return function request(options) {
    calls.push(options);
    let finished = false;
    exchange({ url: options.url, method: options.method ?? 'GET', headers: options.header, body: options.data, timeout: options.timeout }, (error, res) => {
      if (finished) return;
      finished = true;
      if (error) options.fail?.({ errMsg: error.timeout ? 'request:fail timeout' : 'request:fail net::ERR_CONNECTION_REFUSED' });
      else options.success?.({ statusCode: res.status, header: res.headers, data: options.dataType === 'json' ? JSON.parse(res.text) : res.text });
      options.complete?.();
    });
  };
}

/** my.request as Alipay documents it: HTTP errors go to fail with error 19 and the status. */
export function fakeMyRequest(calls = []) {
  return function request(options) {
    calls.push(options);
    let finished = false;
    exchange({ url: options.url, method: options.method ?? 'GET', headers: options.headers, body: options.data, timeout: options.timeout }, (error, res) => {
      if (finished) return;
      finished = true;
      if (error) options.fail?.({ error: error.timeout ? 13 : 12, errorMessage: error.timeout ? 'timeout' : 'network error' });
      else if (res.status >= 200 && res.status < 300) options.success?.({ status: res.status, headers: res.headers, data: res.text });
      else options.fail?.({ error: 19, errorMessage: 'http status error', status: res.status, data: res.text, headers: res.headers });
      options.complete?.();
    });
  };
}

/** A port nothing listens on (for the offline cases). */
export async function closedPort() {
  const server = http.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The platform's path-only WebAssembly (WXWebAssembly / MYWebAssembly) as the vendors document
 * it: an absolute path inside the code package `project`, `.wasm` or `.wasm.br`, nothing else.
 * Each path read is pushed to `reads`; `failures()` true makes one instantiate fail.
 */
export function packageWasm(project, reads, { failures = () => false } = {}) {
  return {
    instantiate(packagePath, imports) {
      if (typeof packagePath !== 'string' || !packagePath.startsWith('/')) return Promise.reject(new Error(`instantiate takes an absolute package path, not ${JSON.stringify(packagePath)}`));
      if (!/\.wasm(\.br)?$/.test(packagePath)) return Promise.reject(new Error('instantiate takes a .wasm or .wasm.br file'));
      if (failures(packagePath)) return Promise.reject(new Error('instantiate failed (simulated)'));
      const file = path.join(project, packagePath);
      if (!fs.existsSync(file)) return Promise.reject(new Error(`no file ${packagePath} in the code package`));
      reads.push(packagePath);
      const bytes = fs.readFileSync(file);
      return WebAssembly.instantiate(packagePath.endsWith('.br') ? zlib.brotliDecompressSync(bytes) : bytes, imports);
    },
  };
}

/** Removes what a mini-program realm lacks and checks it is gone. */
export function strip(context, missing) {
  vm.runInContext(missing.filter((name) => name !== 'globalThis').map((name) => `delete this.${name};`).join(' ') + ' delete this.globalThis;', context);
  for (const name of missing) assert.equal(vm.runInContext(`typeof ${name}`, context), 'undefined', `${name} is absent`);
}

/**
 * Alipay's Worker (my.createWorker(scriptPath, options)), simulated faithfully: a second realm
 * with MYWebAssembly (`wasm`) and the `worker` global, but no `my`, no file system, no
 * WebAssembly, TextEncoder/TextDecoder or globalThis; joined to the logic layer only by
 * postMessage/onMessage with copying (structured clone), each message delivered on a later
 * turn. `kill()` ends it as iOS reclaims an experimental worker. The script read is pushed to
 * `reads`, the handle to `workers`; while `mute()` is true the Worker's answers are lost.
 */
export function simulatedWorker({ project, scriptPath, options, wasm, reads = [], workers = [], mute = () => false }) {
  assert.equal(options && options.useExperimentalWorker, true, 'the experimental worker (iOS needs it for MYWebAssembly)');
  const file = path.join(project, scriptPath);
  assert.ok(!scriptPath.startsWith('/') && fs.existsSync(file), `the worker script ${scriptPath} is in the code package`);
  reads.push(scriptPath);
  let alive = true;
  const toWorker = [];
  const toLogic = [];
  const killed = [];
  const context = vm.createContext({
    console, setTimeout, clearTimeout, Promise,
    MYWebAssembly: wasm,
    worker: {
      onMessage: (cb) => toWorker.push(cb),
      postMessage: (message) => {
        const copied = structuredClone(message);
        setImmediate(() => { if (alive && !mute()) for (const cb of toLogic) cb(copied); });
      },
    },
  });
  strip(context, ['WebAssembly', 'TextEncoder', 'TextDecoder', 'fetch', 'URL', 'my', 'wx', 'globalThis']);
  vm.runInContext(fs.readFileSync(file, 'utf8'), context, { filename: file });
  const handle = {
    postMessage(message) {
      const copied = structuredClone(message);
      setImmediate(() => { if (alive) for (const cb of toWorker) cb(copied); });
    },
    onMessage: (cb) => toLogic.push(cb),
    onProcessKilled: (cb) => killed.push(cb),
    terminate() { alive = false; },
    kill() {
      alive = false;
      for (const cb of killed) cb();
    },
    get alive() { return alive; },
  };
  workers.push(handle);
  return handle;
}

/**
 * The apps a test file launched. Each one's session keeps its expiry timer armed (as on a
 * phone), which would keep the test process alive; `endAll()` ends them when the file is done.
 */
export function launchedApps() {
  const apps = [];
  return {
    add(app) {
      apps.push(app);
      return app;
    },
    endAll() {
      for (const app of apps.splice(0)) {
        app.shell.session.end();
        // The daily rule-update timer (policy-updates.js) would keep the process alive too.
        app.shell.policies?.stop();
      }
    },
  };
}
