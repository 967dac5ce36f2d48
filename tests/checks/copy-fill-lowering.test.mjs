// The wide memory.copy / memory.fill of scripts/copy-fill-lowering.mjs against the native
// instructions (V8 has bulk memory): one module exporting `copy` and `fill`, built twice — as
// written and lowered — and run on the same seeded cases, overlapping both ways, every length
// around the eight-byte step, at the end of memory, and out of bounds (both must trap and
// leave memory as it was). The lowered one must also hold no bulk-memory instruction.
import test from 'node:test';
import assert from 'node:assert/strict';
import binaryen from 'binaryen';
import { lowerCopyFill } from '../../scripts/copy-fill-lowering.mjs';

const PAGE = 65536;
const SOURCE = `(module (memory (export "memory") 1)
  (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
  (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2))))`;

function native() {
  const module = binaryen.parseText(SOURCE);
  module.setFeatures(binaryen.Features.MVP | binaryen.Features.BulkMemory | binaryen.Features.BulkMemoryOpt);
  const bytes = module.emitBinary();
  module.dispose();
  return bytes;
}

const instance = (bytes) => new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports;

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Seeded (op, a, b, n) cases: short and long, overlapping, near the end, out of bounds. */
function cases() {
  const r = rng(20261204);
  const int = (n) => Math.floor(r() * n);
  const list = [];
  for (let n = 0; n <= 40; n++) {
    for (const shift of [-9, -8, -7, -1, 0, 1, 7, 8, 9]) list.push(['copy', 1000 + shift, 1000, n]);
    list.push(['fill', 333, 0x1ab, n], ['copy', PAGE - n, 0, n], ['copy', 0, PAGE - n, n], ['fill', PAGE - n, 7, n]);
  }
  for (let i = 0; i < 3000; i++) {
    const n = r() < 0.8 ? int(64) : int(5000);
    const a = int(PAGE);
    const b = r() < 0.5 ? Math.max(0, Math.min(PAGE - 1, a + int(33) - 16)) : int(PAGE);
    list.push(r() < 0.75 ? ['copy', a, b, n] : ['fill', a, int(512) - 128, n]);
  }
  // Out of bounds: past the end by one, a size that wraps around, a start beyond the end.
  list.push(['copy', PAGE - 3, 0, 4], ['copy', 0, PAGE - 3, 4], ['copy', 8, 16, 0xffffffff], ['copy', PAGE + 1, 0, 0]);
  list.push(['fill', PAGE - 3, 1, 4], ['fill', 8, 1, 0xfffffff8], ['fill', PAGE + 1, 1, 0]);
  return list;
}

test('the lowered copy and fill hold no bulk-memory instruction and validate as MVP', () => {
  const lowered = binaryen.readBinary(lowerCopyFill(native()));
  lowered.setFeatures(binaryen.Features.MVP);
  assert.equal(lowered.validate(), 1);
  const text = lowered.emitText();
  lowered.dispose();
  assert.doesNotMatch(text, /memory\.(copy|fill)/);
  assert.match(text, /i64\.store/, 'the copy moves eight bytes at a time');
});

test('the lowered copy and fill leave memory exactly as the native instructions do, and trap alike', () => {
  const bytes = native();
  const ours = instance(lowerCopyFill(bytes));
  const theirs = instance(bytes);
  const fillWith = (exports) => {
    const view = new Uint8Array(exports.memory.buffer);
    const r = rng(7);
    for (let i = 0; i < view.length; i++) view[i] = Math.floor(r() * 256);
    return view;
  };
  const mine = fillWith(ours);
  const reference = fillWith(theirs);
  let traps = 0;
  for (const [op, a, b, n] of cases()) {
    const outcome = (exports) => {
      try {
        exports[op](a, b, n);
        return 'ok';
      } catch (error) {
        return error instanceof WebAssembly.RuntimeError ? 'trap' : String(error);
      }
    };
    const got = outcome(ours);
    assert.equal(got, outcome(theirs), `${op}(${a}, ${b}, ${n})`);
    if (got === 'trap') traps += 1;
    assert.ok(Buffer.compare(mine, reference) === 0, `${op}(${a}, ${b}, ${n}) left different memory`);
  }
  assert.ok(traps >= 7, 'every out-of-bounds case traps');
});
