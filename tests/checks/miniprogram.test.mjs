// What pkg/wechat and pkg/alipay promise a mini-program developer, checked on the built files:
// the module passes wasm-validate with every post-MVP feature off and exports no globals; the
// loaders are ES2017, never evaluate code and read no global but WXWebAssembly/MYWebAssembly;
// and they load and work in simulated WeChat and Alipay logic layers (node `vm` contexts that
// lack WebAssembly, TextEncoder, TextDecoder, fetch, URL and globalThis).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';
import * as acorn from 'acorn';
import { pkgDir } from '../js/helpers.mjs';
import { exportsOf } from '../../scripts/wasm-sections.mjs';

const PLATFORMS = [
  { name: 'wechat', api: 'WXWebAssembly' },
  { name: 'alipay', api: 'MYWebAssembly' },
];
// WeChat's package limit is 2 MB for the main package and each subpackage. pkg/alipay also
// ships the uncompressed module for its file-system fallback, so it may take more: half was
// its share until 2026-12-04, when #14's statement, guidance and hotline texts took it to
// 1,049,749 bytes (the raw module 696 KB -> 720 KB); 55% was that figure with a small margin,
// raised as a decision — the whole www/alipay code package was about 1.5 MB of the 2 MB. On
// 2026-12-04 the start module (#13: 95 KB brotli loaded at start instead of 232 KB) added its
// .br and loader (150 KB; no uncompressed copy: the fallback path loads the whole module):
// 1,204,381 bytes, 57.4%; 60% is the new share, raised as a decision (www/alipay: ~1.7 MB).
const PACKAGE_LIMIT = 2 * 1024 * 1024;
const SHARE_OF_LIMIT = { wechat: 1 / 4, alipay: 0.6 };

/** The whole module ('') and the start module ('start'), each in its folder of pkg/<platform>. */
const MODULES = [['', 'the module'], ['start', 'the start module']];

function moduleBytes(platform, sub = '') {
  return zlib.brotliDecompressSync(fs.readFileSync(path.join(pkgDir, platform, sub, 'gongji.wasm.br')));
}

/** Every file under `dir`, recursively. */
const filesUnder = (dir) => fs.readdirSync(dir, { recursive: true }).map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).isFile());

for (const { name, api } of PLATFORMS) {
  for (const [sub, which] of MODULES) {
    test(`${name}: ${which} passes wasm-validate with every post-MVP feature off`, () => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gongji-')), 'module.wasm');
      fs.writeFileSync(file, moduleBytes(name, sub));
      // Throws (failing the test) on a non-zero exit, with wasm-validate's reason on stderr.
      execFileSync('wasm-validate', [
        '--disable-reference-types', '--disable-multi-value', '--disable-bulk-memory',
        '--disable-saturating-float-to-int', '--disable-sign-extension', file,
      ], { stdio: ['ignore', 'pipe', 'pipe'] });
    });

    test(`${name}: ${which} exports only functions, memory and tables (iOS rejects globals)`, () => {
      const exported = exportsOf(moduleBytes(name, sub));
      assert.ok(exported.length > 5, 'the module exports its API');
      const globals = exported.filter((e) => e.kind === 3).map((e) => e.name);
      assert.deepEqual(globals, []);
    });

    test(`${name}: ${which}'s loader is ES2017 and never evaluates code or reads forbidden globals`, () => {
      const source = fs.readFileSync(path.join(pkgDir, name, sub, 'gongji.js'), 'utf8');
      // acorn refuses any syntax newer than the ecmaVersion it is given.
      assert.doesNotThrow(() => acorn.parse(source, { ecmaVersion: 2017, sourceType: 'script' }));
      for (const forbidden of [/\beval\s*\(/, /new\s+Function\b/, /import\.meta/, /\bfetch\s*\(/, /\bglobalThis\b/, /\bURL\b/]) {
        assert.doesNotMatch(source, forbidden);
      }
      // TextEncoder/TextDecoder appear only as the bundled stand-ins, declared locally.
      for (const name of ['TextEncoder', 'TextDecoder']) {
        assert.match(source, new RegExp(`var ${name} = class`), `${name} is declared in the bundle`);
      }
      assert.match(source, new RegExp(`typeof ${api} !== .undefined.`));
    });
  }

  test(`${name}: the package fits the mini-program size limit`, () => {
    // What the code package uploads: the declarations are for the developer's editor and stay
    // out of it (www/alipay/mini.project.json uploadExclude; WeChat packs no .d.ts either).
    const total = filesUnder(path.join(pkgDir, name)).filter((file) => !file.endsWith('.d.ts'))
      .reduce((sum, file) => sum + fs.statSync(file).size, 0);
    assert.ok(total < PACKAGE_LIMIT * SHARE_OF_LIMIT[name], `${name} ships ${total} bytes; keep it well under the 2 MB package limit`);
  });
}

/**
 * A logic layer like the vendors': a fresh realm with the platform's WebAssembly object (which
 * takes a path inside the code package, where the developer copied pkg/<platform> to
 * lib/gongji/), `console`, and none of the web globals.
 */
function simulatedRuntime({ platform, api, resultShape }) {
  const context = vm.createContext({ console });
  if (api) {
    context[api] = {
      instantiate(packagePath, imports) {
        assert.equal(typeof packagePath, 'string', 'the platform API takes a path, never bytes');
        const prefix = 'lib/gongji/';
        if (!packagePath.startsWith(prefix)) return Promise.reject(new Error(`no file ${packagePath} in the code package`));
        const bytes = zlib.brotliDecompressSync(fs.readFileSync(path.join(pkgDir, platform, packagePath.slice(prefix.length))));
        return WebAssembly.instantiate(bytes, imports).then((r) => (resultShape === 'instance' ? r.instance : r));
      },
    };
  }
  // BigInt too: old iOS WeChat and Alipay's simulator lack it, so no path the API takes may
  // reach it (the glue mentions it in conversions no gongji type uses).
  vm.runInContext('delete this.WebAssembly; delete this.globalThis; delete this.BigInt;', context);
  for (const missing of ['WebAssembly', 'TextEncoder', 'TextDecoder', 'fetch', 'URL', 'globalThis', 'window', 'BigInt']) {
    assert.equal(vm.runInContext(`typeof ${missing}`, context), 'undefined', `${missing} is absent`);
  }
  return context;
}

function loadInto(context, platform, sub = '') {
  const source = fs.readFileSync(path.join(pkgDir, platform, sub, 'gongji.js'), 'utf8');
  const wrapper = vm.runInContext(`(function (module, exports) {\n${source}\n})`, context, { filename: `${platform}/${sub}gongji.js` });
  const module = { exports: {} };
  wrapper(module, module.exports);
  return module.exports;
}

for (const { name, api } of PLATFORMS) {
  for (const resultShape of ['instance', 'module+instance']) {
    test(`${name}: loads from gongji.wasm.br in a simulated runtime (instantiate resolves to ${resultShape})`, async () => {
      const context = simulatedRuntime({ platform: name, api, resultShape });
      const gongji = loadInto(context, name);
      await gongji.init('lib/gongji/gongji.wasm.br');
      assert.match(gongji.version(), /^\d+\.\d+\.\d+$/);
      assert.ok(gongji.errorCodes().includes('BOUNDARY_UNKNOWN_LOCALE'));
      // Strings cross both ways through the bundled UTF-8 stand-ins, including astral chars.
      gongji.setLocale('zh-Hant');
      assert.match(gongji.messageFor('BOUNDARY_UNKNOWN_LOCALE'), /簡體/);
      let error;
      try {
        gongji.setLocale('fr');
      } catch (e) {
        error = e;
      }
      assert.ok(error, 'an unknown locale throws');
      assert.equal(error.code, 'BOUNDARY_UNKNOWN_LOCALE');
      assert.equal(error.name, 'GongjiError');
      assert.equal(vm.runInContext('(e) => e instanceof Error', context)(error), true, 'a real Error of the runtime');
      // One call per domain, so every kind of value crosses in the restricted realm: strings,
      // option objects in, plain objects and arrays out, and a class.
      assert.equal(gongji.formatYuan('1234.565'), '¥1,234.57');
      assert.equal(gongji.toChineseUppercase('1004.05'), '壹仟零肆元零伍分');
      const id = gongji.validateResidentId('11010519491231002X', '2024-01-01');
      assert.equal(id.valid, true);
      assert.equal(id.birthDate, '1949-12-31');
      const decision = gongji.checkBinding({
        holder: { certno: '11010519491231002X', psn_name: '张三', insutype: '310', psn_type: '1201', psn_insu_stas: '1', insuplc_admdvs: '620102' },
        member: { certno: '11010519491231002X', psn_name: '张三', insutype: '310', psn_type: '1201', psn_insu_stas: '1', insuplc_admdvs: '620102' },
        relation: '10', date: '2024-06-01',
      });
      assert.equal(decision.eligible, false);
      assert.ok(decision.reasons.some((r) => r.code === 'BIND_SAME_PERSON'));
      assert.ok(Array.isArray(gongji.PolicySet.builtIn().policies()));
      const ledger = gongji.Ledger.fromJson(JSON.stringify({
        account: { psn_no: '62010200000000000000000001', psn_name: '张三', insutype: '310', insuplc_admdvs: '621102', balc: '100.00', opening_balc: '0', opening_date: '2024-01-01', as_of: '2024-03-01 08:00:00', source: 'online' },
        members: [],
        records: [
          { type: 'credit', time: '2024-01-15 08:00:00', amount: 60.5, period: '2024-01' },
          { type: 'credit', time: '2024-02-15 08:00:00', amount: '39.50', period: '2024-02' },
          { type: 'credit', time: 'not a time', amount: '1.00', period: '2024-03' },
        ],
      }));
      const page = ledger.query({ from: '2024-01-01', to: '2024-12-31' });
      assert.equal(page.total, 2);
      assert.equal(page.sums.credit, '100.00');
      assert.deepEqual(Array.from(ledger.rejected(), (r) => r.index), [2]);
      assert.equal(ledger.reconcile().ok, true);
      assert.equal(ledger.reconcile().hotline, '0932-12393');
      ledger.free();
      // init is idempotent: a second call resolves to the same load.
      await gongji.init('lib/gongji/gongji.wasm.br');
    });
  }

  for (const resultShape of ['instance', 'module+instance']) {
    test(`${name}: the start module loads from start/gongji.wasm.br in a simulated runtime (${resultShape}) and has no family or ledger`, async () => {
      const context = simulatedRuntime({ platform: name, api, resultShape });
      const start = loadInto(context, name, 'start');
      await start.init('lib/gongji/start/gongji.wasm.br');
      assert.match(start.version(), /^\d+\.\d+\.\d+$/);
      start.setLocale('zh-Hant');
      assert.match(start.messageFor('BOUNDARY_UNKNOWN_LOCALE'), /簡體/);
      start.setLocale('zh-Hans');
      assert.equal(start.formatYuan('1234.565', { grouping: false }), '¥1234.57');
      assert.equal(start.validateResidentId('11010519491231002X', '2024-01-01').birthDate, '1949-12-31');
      assert.equal(start.validateForm('login', { certno: '11010519491231002X', phone: '13800138000', smsCode: '123456' }, '2024-01-01').ok, true);
      assert.equal(start.hotlineFor('621102'), '0932-12393');
      for (const absent of ['checkBinding', 'Ledger', 'PolicySet', 'relations']) assert.equal(start[absent], undefined, absent);
    });
  }

  test(`${name}: without ${api} nor WebAssembly, init rejects with a clear error`, async () => {
    const context = simulatedRuntime({ platform: name, api: null });
    const gongji = loadInto(context, name);
    await assert.rejects(gongji.init('lib/gongji/gongji.wasm.br'), new RegExp(api));
  });
}

test('alipay: a logic layer with only a standard WebAssembly loads from module bytes', async () => {
  const context = vm.createContext({ console, WebAssembly });
  const gongji = loadInto(context, 'alipay');
  await gongji.init(new Uint8Array(moduleBytes('alipay')));
  assert.match(gongji.version(), /^\d+\.\d+\.\d+$/);
});

test('alipay: the uncompressed module is the same module as the .br', () => {
  assert.deepEqual(fs.readFileSync(path.join(pkgDir, 'alipay', 'gongji.wasm')), moduleBytes('alipay'));
});

// Alipay documents readFileSync({filePath}) → {data}; WeChat readFileSync(path) → data. The
// fake file system reads the real package folder: pkg/alipay ships the uncompressed module,
// pkg/wechat does not (WXWebAssembly reads .br), so there the fallback must fail clearly.
for (const { name, platformObject, objectForm, loads } of [
  { name: 'alipay', platformObject: 'my', objectForm: true, loads: true },
  { name: 'wechat', platformObject: 'wx', objectForm: false, loads: false },
]) {
  test(`${name}: without its WebAssembly API, a standard WebAssembly ${loads ? 'loads' : 'cannot load'} the module through ${platformObject}'s file system`, async () => {
    const context = vm.createContext({ console, WebAssembly });
    const read = (filePath) => {
      const prefix = 'lib/gongji/';
      assert.ok(filePath.startsWith(prefix), filePath);
      return new Uint8Array(fs.readFileSync(path.join(pkgDir, name, filePath.slice(prefix.length)))).buffer;
    };
    context[platformObject] = {
      getFileSystemManager: () => ({
        readFileSync(arg) {
          if (objectForm !== (typeof arg === 'object')) throw new Error('readFileSync: wrong argument form');
          return objectForm ? { data: read(arg.filePath) } : read(arg);
        },
      }),
    };
    const gongji = loadInto(context, name);
    if (loads) {
      await gongji.init('lib/gongji/gongji.wasm.br');
      assert.equal(gongji.formatYuan('0.125'), '¥0.13');
    } else {
      await assert.rejects(gongji.init('lib/gongji/gongji.wasm.br'), /ENOENT/);
    }
  });
}

test('the UTF-8 stand-ins agree with the standard encoder and decoder', async () => {
  const { TextEncoder: Enc, TextDecoder: Dec } = await import('../../scripts/miniprogram/utf8.js');
  // '%' sequences, a BOM, NUL, long text and lone surrogates among them.
  const samples = ['', 'abc', '家庭共济', '𠀀𪚥', 'a\uD800b', '\uDC00', 'é€😀', '１２３．４５', 'x'.repeat(20000) + '共',
    '%', '%E4%BD%A0', '100%的', '\uFEFFBOM', '\u0000nul', '共'.repeat(30000), 'a\uD83D', '+ /?#&='];
  for (const sample of samples) {
    const ours = new Enc().encode(sample);
    assert.deepEqual([...ours], [...new TextEncoder().encode(sample)], JSON.stringify(sample.slice(0, 20)));
    assert.equal(new Dec().decode(ours), new TextDecoder('utf-8', { ignoreBOM: true }).decode(ours));
    // encodeInto, as the glue calls it: into a view three bytes a code unit long.
    const view = new Uint8Array(sample.length * 3);
    const { read, written } = new Enc().encodeInto(sample, view);
    assert.equal(read, sample.length);
    assert.deepEqual([...view.subarray(0, written)], [...ours]);
  }
  // Bytes that are not UTF-8 (the core never sends them): each bad byte becomes U+FFFD.
  assert.equal(new Dec().decode(new Uint8Array([0x41, 0xff, 0x42])), 'A\uFFFDB');
  assert.equal(new Dec().decode(new Uint8Array([0x61, 0xe4, 0xbd])), 'a\uFFFD\uFFFD', 'a sequence cut short');
  // encodeInto into a view too small for the whole text writes what fits, as the loop does.
  const small = new Uint8Array(4);
  assert.deepEqual(new Enc().encodeInto('共济', small), { read: 1, written: 3 });
});

test('a wrong path inside the code package rejects instead of hanging', async () => {
  const context = simulatedRuntime({ platform: 'wechat', api: 'WXWebAssembly', resultShape: 'instance' });
  const gongji = loadInto(context, 'wechat');
  await assert.rejects(gongji.init('miniprogram_npm/gongji/gongji.wasm.br'), /no file/);
  // A failed load may be retried with the right path.
  await gongji.init('lib/gongji/gongji.wasm.br');
  assert.match(gongji.version(), /^\d+\.\d+\.\d+$/);
});
