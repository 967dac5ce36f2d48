// The npm face of pkg/: package.json, the per-folder module-type manifests, and the two
// small Node entry files (CommonJS and ES module). scripts/build.mjs calls writePackage()
// after wasm-bindgen has written pkg/node/gongji.js; everything else in pkg/ is the build's.
//
// Why the shape is what it is (each line was checked with publint and
// @arethetypeswrong/cli, tests/checks/package.test.mjs):
// - every `exports` condition has its own `types`, in the module format of the file it
//   describes: pkg/node/ is CommonJS (its package.json says so), so the ES face's
//   declarations are `.d.mts` and the CommonJS face's `.d.cts`;
// - node/index.cjs re-exports with `module.exports = require(...)`, the form Node's
//   cjs-module-lexer reads, so `import { parseYuan } from 'gongji'` works in Node too;
// - the top-level `main`/`types` pair describe the same CommonJS file, for TypeScript's old
//   `node10` resolution and tools that ignore `exports`;
// - `miniprogram: "wechat"` is WeChat's 构建 npm convention: devtools (and miniprogram-ci's
//   packNpm) copy that folder to miniprogram_npm/gongji/, whose index.js is the entry
//   `require('gongji')` resolves;
// - `gongji/start` (and `gongji/wechat/start`, `gongji/alipay/start`) is the start module: the
//   same faces over the small module of identity, money and messages (scripts/build.mjs).
import fs from 'node:fs';
import path from 'node:path';

/** The module folders of each platform folder: the whole module, and start/ (scripts/build.mjs). */
const MODULES = ['', 'start'];

/** The Node entry files, written beside the boundary layer (pkg/node[/start]/gongji.js). */
function writeNodeFaces(pkg, sub) {
  const node = path.join(pkg, 'node', sub);
  // `init` resolves at once, so `await init()` is the same first line on every platform.
  fs.writeFileSync(path.join(node, 'index.cjs'), [
    "'use strict';",
    "module.exports = require('./gongji.js');",
    'module.exports.init = function init() { return Promise.resolve(); };',
    '',
  ].join('\n'));
  fs.writeFileSync(path.join(node, 'index.mjs'), [
    "export * from './gongji.js';",
    '/** Resolves at once in Node: the module is compiled when it is imported. */',
    'export function init() { return Promise.resolve(); }',
    'export default init;',
    '',
  ].join('\n'));
  const initDoc = '/** Resolves at once in Node: the module is compiled when it is loaded. */\n';
  fs.writeFileSync(path.join(node, 'index.d.mts'), `export * from './gongji.js';\n${initDoc}export declare function init(): Promise<void>;\nexport default init;\n`);
  const glueTypes = fs.readFileSync(path.join(node, 'gongji.d.ts'), 'utf8');
  fs.writeFileSync(path.join(node, 'index.d.cts'), `${glueTypes}\n${initDoc}export function init(): Promise<void>;\n`);
  fs.writeFileSync(path.join(node, 'package.json'), JSON.stringify({ type: 'commonjs', main: 'index.cjs', types: 'index.d.cts' }, null, 2) + '\n');
}

/** The mini-program folders are CommonJS; index.js is the entry WeChat's 构建 npm resolves. */
function writeMiniProgramFaces(pkg, sub) {
  for (const platform of ['wechat', 'alipay']) {
    const dir = path.join(pkg, platform, sub);
    fs.writeFileSync(path.join(dir, 'index.js'), "module.exports = require('./gongji.js');\n");
    fs.writeFileSync(path.join(dir, 'index.d.ts'), "export * from './gongji.js';\n");
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: 'commonjs', main: 'index.js', types: 'index.d.ts' }, null, 2) + '\n');
  }
}

/** A CommonJS-only subpath: types first, as TypeScript reads conditions in order. */
const cjs = (dir) => ({ types: `./${dir}/index.d.ts`, default: `./${dir}/index.js` });

/** package.json of pkg/, from the crate's Cargo.toml (one version for the crate and the package). */
export function manifest(root) {
  const cargo = fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8');
  const field = (name) => cargo.match(new RegExp(`^${name}\\s*=\\s*"([^"]+)"`, 'm'))?.[1];
  const nodeFaceOf = (dir) => ({
    import: { types: `./${dir}/index.d.mts`, default: `./${dir}/index.mjs` },
    require: { types: `./${dir}/index.d.cts`, default: `./${dir}/index.cjs` },
  });
  const webFaceOf = (dir) => ({ types: `./${dir}/gongji.d.ts`, default: `./${dir}/gongji.js` });
  const nodeFace = nodeFaceOf('node');
  const webFace = webFaceOf('web');
  const repository = field('repository');
  return {
    name: 'gongji',
    version: field('version') ?? '0.0.0',
    description: '职工医保个人账户家庭共济: exact money, validation, family-binding rules and account history for the WeChat, Alipay and web shells',
    keywords: ['医保', '家庭共济', 'wasm', 'miniprogram', 'decimal'],
    license: field('license') ?? 'UNLICENSED',
    // From Cargo.toml's `repository`, so the crate and the package name the same place; Cargo.toml
    // names none while the project has no public remote, and the field is then left out.
    ...(repository ? { repository: { type: 'git', url: `git+${repository}.git` } } : {}),
    type: 'module',
    main: './node/index.cjs',
    types: './node/index.d.cts',
    module: './web/gongji.js',
    miniprogram: 'wechat',
    sideEffects: false,
    exports: {
      '.': { node: nodeFace, ...webFace },
      './web': webFace,
      './web/gongji_bg.wasm': './web/gongji_bg.wasm',
      './node': nodeFace,
      './wechat': cjs('wechat'),
      './alipay': cjs('alipay'),
      // The start module: identity, money and messages, loaded first (README, "Two modules").
      './start': { node: nodeFaceOf('node/start'), ...webFaceOf('web/start') },
      './web/start': webFaceOf('web/start'),
      './web/start/gongji_bg.wasm': './web/start/gongji_bg.wasm',
      './node/start': nodeFaceOf('node/start'),
      './wechat/start': cjs('wechat/start'),
      './alipay/start': cjs('alipay/start'),
      './package.json': './package.json',
    },
    files: ['web', 'node', 'wechat', 'alipay', 'start', 'README.md', 'CHANGELOG.md', 'LICENSE'],
    engines: { node: '>=18' },
  };
}

/**
 * wasm-bindgen declares `[Symbol.dispose]()` on the classes; a user whose tsconfig `lib` stops
 * before ES2025 (e.g. ["es2022", "dom"]) would get TS2550 in our file. The reference makes the
 * declarations bring the one lib they need.
 */
function referenceDisposableLib(pkg) {
  for (const dir of ['web', 'node', 'wechat', 'alipay'].flatMap((platform) => MODULES.map((sub) => path.join(platform, sub)))) {
    const file = path.join(pkg, dir, 'gongji.d.ts');
    const text = fs.readFileSync(file, 'utf8');
    if (text.includes('Symbol.dispose') && !text.includes('lib="esnext.disposable"')) {
      fs.writeFileSync(file, `/// <reference lib="esnext.disposable" />\n${text}`);
    }
  }
}

/** Writes everything this module owns into pkg/ (after the glue and the mini-program builds). */
export function writePackage(root, pkg) {
  referenceDisposableLib(pkg);
  for (const sub of MODULES) {
    writeNodeFaces(pkg, sub);
    writeMiniProgramFaces(pkg, sub);
  }
  // `gongji/start` for resolvers that ignore `exports` (TypeScript's node10, old bundlers): a
  // folder whose manifest points at the CommonJS face, as the top-level main/types do.
  fs.mkdirSync(path.join(pkg, 'start'), { recursive: true });
  fs.writeFileSync(path.join(pkg, 'start', 'package.json'), JSON.stringify({ main: '../node/start/index.cjs', types: '../node/start/index.d.cts' }, null, 2) + '\n');
  fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify(manifest(root), null, 2) + '\n');
  for (const name of ['README.md', 'CHANGELOG.md', 'LICENSE']) {
    if (fs.existsSync(path.join(root, name))) fs.copyFileSync(path.join(root, name), path.join(pkg, name));
  }
}
