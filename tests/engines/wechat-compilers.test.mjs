// Tencent's own WXML and WXSS compilers, `wcc` and `wcsc` (the Linux builds shipped in the
// npm package miniprogram-compiler, which miniprogram-simulate depends on), compile every
// .wxml and .wxss of www/wechat. Any error, and any output on stderr (a warning), fails.
//
// The binaries are run directly with the arguments miniprogram-compiler's own wrappers use,
// because those wrappers swallow what matters here: wcsc's wrapper returns (not throws) an
// Error and neither passes stderr on when the exit status is 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from './readme-example.mjs';

const require = createRequire(import.meta.url);
const compilerDir = path.dirname(require.resolve('miniprogram-compiler/package.json'));
const compilerVersion = JSON.parse(fs.readFileSync(path.join(compilerDir, 'package.json'), 'utf8')).version;

/** wcc / wcsc from the npm package, made executable as its wrapper does (npm drops the bit). */
export function vendorTool(name) {
  const file = path.join(compilerDir, 'bin', 'linux', name);
  fs.chmodSync(file, 0o755);
  return file;
}

/** Project files with the extension, relative, outside lib/ and node_modules/. */
export function projectFiles(project, ext) {
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(project, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!['lib', 'node_modules', 'miniprogram_npm'].includes(entry.name)) walk(rel);
      } else if (entry.name.endsWith(ext)) out.push(rel);
    }
  };
  walk('');
  return out.sort();
}

/** wcc over every WXML of the project at once, as the devtools do: {status, stderr, js}. */
export function compileWxml(project, files = projectFiles(project, '.wxml')) {
  const run = spawnSync(vendorTool('wcc'), ['-d', '-cc', '0', ...files, '-gn', '$gwx'], { cwd: project, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: run.status, signal: run.signal, stderr: run.stderr, js: run.stdout, files };
}

/** wcsc over every WXSS: the ones with a sibling .json (pages, components, app) first. */
export function compileWxss(project, files = projectFiles(project, '.wxss')) {
  const withJson = files.filter((f) => fs.existsSync(path.join(project, f.replace(/\.wxss$/, '.json'))));
  const others = files.filter((f) => !withJson.includes(f));
  const run = spawnSync(vendorTool('wcsc'), ['-db', '-pc', String(withJson.length), ...withJson, ...others], { cwd: project, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: run.status, signal: run.signal, stderr: run.stderr, out: run.stdout, files };
}

const project = process.env.GONGJI_ENGINES_WECHAT ?? path.join(root, 'www', 'wechat');
const app = JSON.parse(fs.readFileSync(path.join(project, 'app.json'), 'utf8'));

test(`wcc (miniprogram-compiler ${compilerVersion}) compiles every .wxml of www/wechat with no error or warning`, () => {
  const result = compileWxml(project);
  for (const page of app.pages) assert.ok(result.files.includes(`${page}.wxml`), `${page}.wxml is compiled`);
  assert.equal(result.status, 0, `wcc failed:\n${result.stderr}`);
  assert.equal(result.signal, null);
  assert.equal(result.stderr.trim(), '', 'wcc printed nothing on stderr');
  for (const page of app.pages) assert.ok(result.js.includes(`'${page}.wxml'`), `the output holds ${page}.wxml`);
  console.log(`# wcc: ${result.files.length} WXML files, ${result.js.length} bytes of generated JS`);
});

test(`wcsc (miniprogram-compiler ${compilerVersion}) compiles every .wxss of www/wechat with no error or warning`, () => {
  const result = compileWxss(project);
  assert.ok(result.files.includes('app.wxss'));
  for (const page of app.pages) assert.ok(result.files.includes(`${page}.wxss`), `${page}.wxss is compiled`);
  assert.equal(result.status, 0, `wcsc failed:\n${result.stderr}`);
  assert.equal(result.signal, null);
  assert.equal(result.stderr.trim(), '', 'wcsc printed nothing on stderr');
  for (const file of result.files) assert.ok(result.out.includes(`${file}=`), `the output holds ${file}`);
  console.log(`# wcsc: ${result.files.length} WXSS files`);
});
