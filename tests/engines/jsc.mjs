// JavaScriptCore as the iOS WeChat and Alipay logic layers run it: Debian's `jsc` shell
// (WebKitGTK, apt libjavascriptcoregtk-4.0-bin), with every JIT off as an iOS app must run,
// or with the JIT on. This module writes one jsc program out of
//   - a prelude that captures jsc's own WebAssembly and shell functions, then deletes
//     WebAssembly, TextEncoder, TextDecoder, BigInt and globalThis, the way a mini-program
//     logic layer (or Alipay's simulator) lacks them;
//   - a path-only WXWebAssembly / MYWebAssembly stand-in built over the captured WebAssembly:
//     it takes an absolute code-package path ending in .wasm or .wasm.br, nothing else (no
//     bytes, no relative path), and reads the file the package maps that path to. jsc has
//     no brotli decoder, so a .wasm.br is decompressed in Node beforehand and the package path
//     is mapped to the decompressed bytes;
//   - a small CommonJS module table: each package file (pkg/wechat/gongji.js, and later a
//     shell's worker script) is pasted in as a function of (module, exports, require), so
//     `require('../lib/gongji/gongji.js')` between package files works with no eval in jsc;
//   - an optional `worker` global (onMessage / postMessage) for Alipay's Worker side, where
//     MYWebAssembly lives and `my` does not;
//   - the test's own body, an async function whose `report(value)` lines come back to Node
//     as JSON.
// Node runs the program with execFile and parses the report lines.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

export const JSC = '/usr/bin/jsc';
/** The options that turn every JIT tier off, as on iOS where an app may not JIT. */
export const NO_JIT = ['--useJIT=false', '--useBBQJIT=false', '--useOMGJIT=false', '--useWasmLLInt=true'];
export const ENGINES = [
  { name: 'jsc, JIT off', flags: NO_JIT },
  { name: 'jsc, JIT on', flags: [] },
];
const MARK = '@@gongji@@';

/** The Debian package version of the jsc shell (it has no --version option). */
export function jscVersion() {
  try {
    return 'JavaScriptCore ' + execFileSync('dpkg-query', ['-W', '-f=${Version}', 'libjavascriptcoregtk-4.0-bin'], { encoding: 'utf8' }).trim();
  } catch {
    return 'JavaScriptCore (version unknown)';
  }
}

/**
 * A code package as the stand-in sees it: package path → a host file jsc can read.
 * `.wasm.br` files are decompressed here, once, into a scratch folder (jsc has no brotli).
 */
export function codePackage(entries) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gongji-jsc-'));
  const files = {};
  for (const [packagePath, hostFile] of Object.entries(entries)) {
    if (hostFile.endsWith('.br')) {
      const out = path.join(scratch, path.basename(hostFile, '.br'));
      fs.writeFileSync(out, zlib.brotliDecompressSync(fs.readFileSync(hostFile)));
      files[packagePath] = out;
    } else {
      files[packagePath] = hostFile;
    }
  }
  return { files, scratch };
}

// Runs in jsc before anything else. Plain ES5 so nothing here depends on what it deletes.
const PRELUDE = String.raw`
var __host = (function (scope) {
  var host = { print: print, readFile: readFile, preciseTime: preciseTime, WebAssembly: scope.WebAssembly };
  ['WebAssembly', 'TextEncoder', 'TextDecoder', 'BigInt', 'globalThis'].forEach(function (name) { delete scope[name]; });
  host.absent = {
    WebAssembly: typeof WebAssembly, TextEncoder: typeof TextEncoder, TextDecoder: typeof TextDecoder,
    BigInt: typeof BigInt, globalThis: typeof globalThis, fetch: typeof fetch, URL: typeof URL, window: typeof window,
  };
  return host;
})(this);

function __report(value) { __host.print(__MARK + JSON.stringify(value)); }

// The platform's WebAssembly: instantiate(path, imports) and nothing else.
function __pathOnlyWasm(name, files, log) {
  return {
    instantiate: function (path, imports) {
      log.push(path);
      if (typeof path !== 'string') return Promise.reject(new Error(name + '.instantiate takes a code-package path, not ' + Object.prototype.toString.call(path)));
      if (path.charAt(0) !== '/') return Promise.reject(new Error(name + '.instantiate: "' + path + '" is a relative path; the code package takes absolute paths (/lib/...)'));
      if (!/\.wasm(\.br)?$/.test(path)) return Promise.reject(new Error(name + '.instantiate: "' + path + '" is neither .wasm nor .wasm.br'));
      if (!Object.prototype.hasOwnProperty.call(files, path)) return Promise.reject(new Error(name + '.instantiate: no file ' + path + ' in the code package'));
      var bytes = __host.readFile(files[path], 'binary');
      return __host.WebAssembly.instantiate(bytes, imports);
    },
  };
}

// The code package's JS files, each a CommonJS function; require resolves relative paths.
function __modules(table) {
  var cache = {};
  function resolve(from, request) {
    if (request.charAt(0) !== '.' && request.charAt(0) !== '/') throw new Error('require("' + request + '"): only package files can be required');
    var parts = (request.charAt(0) === '/' ? [] : from.split('/').slice(0, -1));
    request.split('/').forEach(function (part) {
      if (part === '..') parts.pop();
      else if (part !== '.' && part !== '') parts.push(part);
    });
    var file = '/' + parts.filter(Boolean).join('/');
    if (!/\.js$/.test(file)) file += '.js';
    return file;
  }
  function load(file) {
    if (cache[file]) return cache[file].exports;
    if (!Object.prototype.hasOwnProperty.call(table, file)) throw new Error('require: no file ' + file + ' in the code package');
    var module = { exports: {} };
    cache[file] = module;
    table[file](module, module.exports, function (request) { return load(resolve(file, request)); });
    return module.exports;
  }
  return { require: function (file) { return load(file); } };
}

// Alipay's Worker side: a 'worker' global with onMessage/postMessage; messages to the page
// are reported, messages from the page are delivered by the body.
function __workerGlobal(sent) {
  var listeners = [];
  return {
    onMessage: function (listener) { listeners.push(listener); },
    postMessage: function (message) { sent.push(JSON.parse(JSON.stringify(message))); },
    __deliver: function (message) { listeners.forEach(function (l) { l(JSON.parse(JSON.stringify(message))); }); },
  };
}
`;

/**
 * One jsc program. `platform`: 'WXWebAssembly' or 'MYWebAssembly' (the stand-in's name),
 * `files`: package path → host file (from codePackage), `modules`: package path → JS source,
 * `worker`: give the program an Alipay-style `worker` global, `body`: the source of an
 * async function (gongji's package: `load(path)`; `report(value)`; `host` for timing).
 */
export function jscProgram({ platform = 'WXWebAssembly', files = {}, modules = {}, worker = false, body }) {
  const table = Object.entries(modules).map(([file, source]) =>
    `${JSON.stringify(file)}: function (module, exports, require) {\n${source}\n}`).join(',\n');
  return [
    `var __MARK = ${JSON.stringify(MARK)};`,
    PRELUDE,
    `var __wasmLog = [];`,
    `var ${platform} = __pathOnlyWasm(${JSON.stringify(platform)}, ${JSON.stringify(files)}, __wasmLog);`,
    worker ? 'var __workerSent = []; var worker = __workerGlobal(__workerSent);' : '',
    `var __package = __modules({\n${table}\n});`,
    `(function () {`,
    `  var report = __report;`,
    `  var load = __package.require;`,
    `  var host = { now: function () { return __host.preciseTime() * 1000; }, absent: __host.absent, wasmLog: __wasmLog${worker ? ', workerSent: __workerSent, deliver: worker.__deliver' : ''} };`,
    `  var main = ${body};`,
    `  main(load, report, host).then(function () { report({ done: true }); }, function (error) {`,
    `    report({ failed: String(error && error.stack || error), message: String(error && error.message || error), code: error && error.code });`,
    `  });`,
    `})();`,
    '',
  ].join('\n');
}

/** Runs a program in jsc; resolves to { reports, stdout, stderr, ms } (never rejects on exit). */
export function runJsc(program, { flags = NO_JIT, timeoutMs = 120000 } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongji-jsc-prog-'));
  const file = path.join(dir, 'program.js');
  fs.writeFileSync(file, program);
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    execFile(JSC, [...flags, file], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const reports = stdout.split('\n').filter((l) => l.startsWith(MARK)).map((l) => JSON.parse(l.slice(MARK.length)));
      fs.rmSync(dir, { recursive: true, force: true });
      resolve({ reports, stdout, stderr, ms, exit: error ? error.code ?? error.signal : 0 });
    });
  });
}

/** The reports of a run that must have finished: throws with jsc's own output otherwise. */
export function finished(run) {
  const last = run.reports.at(-1);
  if (last && last.done) return run.reports.slice(0, -1);
  const failure = run.reports.find((r) => r.failed);
  throw new Error(`jsc run did not finish: ${failure ? `${failure.message}\n${failure.failed}` : `exit ${run.exit}`}\n${run.stderr.slice(0, 2000)}`);
}
