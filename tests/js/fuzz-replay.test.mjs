// The short replay of the fuzz corpus (tests/fuzz/corpus, grown by `make fuzz`) in make
// test: every kept input through the same target, each a pass, wasm memory flat.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from './helpers.mjs';

const target = createRequire(import.meta.url)(path.join(root, 'tests', 'fuzz', 'boundary.cjs'));
const corpusDir = path.join(root, 'tests', 'fuzz', 'corpus');

test('every input of the fuzz corpus replays without a finding', () => {
  const names = fs.readdirSync(corpusDir).sort();
  assert.ok(names.length >= 50, 'the corpus is in the repository');
  const before = target.wasmMemoryBytes();
  const outcomes = new Set();
  for (const name of names) {
    // Twice: the second run meets the state the first one left.
    for (let round = 0; round < 2; round += 1) outcomes.add(target.fuzz(fs.readFileSync(path.join(corpusDir, name))));
  }
  console.log(`fuzz corpus: ${names.length} inputs, ${outcomes.size} export/outcome pairs, wasm memory ${before} → ${target.wasmMemoryBytes()} bytes`);
  assert.ok(target.wasmMemoryBytes() - before <= 1 << 20);
});
