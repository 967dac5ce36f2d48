// `make docs` (scripts/docs.mjs, TypeDoc over the declarations pkg/ ships): the reference has
// the README's example on its front page, a page per exported function and class, the
// CHANGELOG, and a page listing every code errorCodes() reports with its text in both scripts.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildDocs } from '../../scripts/docs.mjs';
import { gongji, pkgDir } from '../js/helpers.mjs';

let out;
before(() => { out = buildDocs(); });

const read = (...parts) => fs.readFileSync(path.join(out, ...parts), 'utf8');
/** Text of an HTML page, tags dropped and entities of the example decoded. */
const text = (html) => html.replace(/<[^>]+>/g, '').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

test('the front page is the README, with its example', () => {
  const page = text(read('index.html'));
  const readme = fs.readFileSync(path.join(pkgDir, '..', 'README.md'), 'utf8');
  const example = readme.split('<!-- example:start -->')[1].split('```')[1];
  for (const line of example.split('\n').filter((l) => l.startsWith('// →'))) {
    assert.ok(page.includes(line), `the example's "${line}" is shown`);
  }
});

test('every exported function and class has its page; the version is the package\'s', () => {
  const version = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
  assert.match(read('index.html'), new RegExp(`gongji ${version.replace(/\./g, '\\.')}`));
  for (const [name, value] of Object.entries(gongji)) {
    if (typeof value !== 'function' || name === 'init') continue;
    const kind = /^[A-Z]/.test(name) ? 'classes' : 'functions';
    assert.ok(fs.existsSync(path.join(out, kind, `gongji.${name}.html`)), `${kind}/gongji.${name}.html`);
  }
});

test('the error-code page lists every code with its 简体 and 繁體 text, and the CHANGELOG is there', () => {
  const page = text(read('documents', 'Error_codes.html'));
  for (const code of gongji.errorCodes()) {
    assert.ok(page.includes(code), `${code} is listed`);
  }
  gongji.setLocale('zh-Hant');
  const hant = gongji.messageFor('BOUNDARY_UNKNOWN_LOCALE');
  gongji.setLocale('zh-Hans');
  assert.ok(page.includes(gongji.messageFor('BOUNDARY_UNKNOWN_LOCALE')) && page.includes(hant), 'both scripts');
  assert.match(text(read('documents', 'CHANGELOG.html')), /Semantic Versioning/);
});
