// The shells' chrome labels (www/shared/labels.js): every key has 简体 and 繁體 text, every
// key the pages ask for exists, and no label carries a rule (no digits: limits, amounts,
// times and hotlines come from the core's catalog).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { LABEL_KEYS, setScript, t } from '../../www/shared/labels.js';
import { root } from './helpers.mjs';

test('every label has both scripts and no digits', () => {
  for (const key of LABEL_KEYS) {
    setScript('zh-Hans');
    const hans = t(key);
    setScript('zh-Hant');
    const hant = t(key);
    assert.ok(hans && hant, key);
    assert.doesNotMatch(hans + hant, /\d/, `${key} holds no number`);
  }
  setScript('zh-Hans');
});

test('every label a page asks for exists', () => {
  const files = ['www/app/main.js', 'www/shared/views.js', 'www/shared/miniapp.js',
    ...fs.readdirSync(path.join(root, 'www/app/pages')).map((f) => `www/app/pages/${f}`)];
  const keys = new Set(LABEL_KEYS);
  for (const file of files) {
    const source = fs.readFileSync(path.join(root, file), 'utf8');
    for (const [, key] of source.matchAll(/\bt\('([A-Za-z]+)'/g)) assert.ok(keys.has(key), `${file}: label ${key}`);
  }
  // The mini-programs ask for labels by key lists too.
  const mini = fs.readFileSync(path.join(root, 'www/shared/miniapp.js'), 'utf8');
  for (const list of mini.matchAll(/page\('\w+', getApp, \[([^\]]*)\]/g)) {
    for (const [, key] of list[1].matchAll(/'(\w+)'/g)) assert.ok(keys.has(key), `miniapp: label ${key}`);
  }
});
