// memory.copy and memory.fill for the MVP module, eight bytes at a time.
//
// The mini-program module must have no bulk-memory instructions (iOS WeChat rejects them), yet
// Rust's prebuilt std uses memory.copy / memory.fill for every memcpy / memset, so the build
// lowers them with binaryen's `llvm-memory-copy-fill-lowering` pass. That pass writes
// `__memory_copy` and `__memory_fill` as loops of one byte each, which is fine under a JIT and
// costly where the logic layer interprets wasm (iOS, no JIT): measured with jsc's sampling
// profiler, the byte loop was ~10% of `Ledger.fromColumns` on the 10k fixture (struct moves,
// Vec growth, string copies) and shows in every per-call export too.
//
// So this module runs binaryen's own pass (binaryen.js, the same binaryen the CLI is) and then
// gives the two helpers new bodies with the same contract: trap, before writing anything,
// when either range leaves memory (the bounds test is written so that it cannot wrap); copy as
// memmove (overlap allowed, forward unless the destination starts after the source); then
// eight-byte i64 loads and stores (wasm allows them unaligned) and the rest byte by byte.
// tests/checks/copy-fill-lowering.test.mjs compares both with the native instructions.
import binaryen from 'binaryen';

const I32 = binaryen.i32;
const I64 = binaryen.i64;
const PARAMS = binaryen.createType([I32, I32, I32]);
const { MVP, MutableGlobals, SignExt, NontrappingFPToInt, BulkMemory, BulkMemoryOpt } = binaryen.Features;
const FEATURES = MVP | MutableGlobals | SignExt | NontrappingFPToInt | BulkMemory | BulkMemoryOpt;

/** `bytes` (a wasm module that may use memory.copy/fill) with both lowered to wide loops. */
export function lowerCopyFill(bytes) {
  const module = binaryen.readBinary(bytes);
  try {
    // What the cargo build for the MVP module may still contain (std is prebuilt with them);
    // the build lowers sign-ext and the saturating conversions later, with the CLI.
    module.setFeatures(FEATURES);
    module.runPasses(['llvm-memory-copy-fill-lowering']);
    for (const [name, body] of [['__memory_copy', copyBody], ['__memory_fill', fillBody]]) {
      if (!module.getFunction(name)) continue; // the module used no such instruction
      module.removeFunction(name);
      module.addFunction(name, PARAMS, binaryen.none, body.locals, body(module));
    }
    if (!module.validate()) throw new Error('copy-fill-lowering: the lowered module does not validate');
    return module.emitBinary();
  } finally {
    module.dispose();
  }
}

// Locals of both: 0 dst, 1 src or value, 2 size; then the extra ones each declares.
const DST = 0;
const SRC = 1;
const SIZE = 2;
const END = 3;
const AT = 4;

/** Traps unless [dst, dst+size) and [other, other+size) lie within memory (no wrap-around). */
function boundsCheck(m, other) {
  const get = (i) => m.local.get(i, I32);
  const beyond = (start) => m.i32.gt_u(get(start), m.i32.sub(get(END), get(SIZE)));
  let test = m.i32.or(m.i32.gt_u(get(SIZE), get(END)), beyond(DST));
  if (other !== null) test = m.i32.or(test, beyond(other));
  return [m.local.set(END, m.i32.shl(m.memory.size(), m.i32.const(16))), m.if(test, m.unreachable())];
}

/** `block $exit (loop $next (br_if $exit (stop)) …steps (br $next))`. */
function whileNot(m, label, stop, steps) {
  return m.block(`${label}_exit`, [m.loop(`${label}_next`, m.block(null, [m.br(`${label}_exit`, stop), ...steps, m.br(`${label}_next`)]))]);
}

function copyBody(m) {
  const get = (i) => m.local.get(i, I32);
  const at = (base) => m.i32.add(get(base), get(AT));
  const addAt = (n) => m.local.set(AT, m.i32.add(get(AT), m.i32.const(n)));
  const subAt = (n) => m.local.set(AT, m.i32.sub(get(AT), m.i32.const(n)));
  const word = () => m.i64.store(0, 1, at(DST), m.i64.load(0, 1, at(SRC)));
  const byte = () => m.i32.store8(0, 1, at(DST), m.i32.load8_u(0, 1, at(SRC)));
  // Forward when the destination starts at or before the source: each store lands on bytes
  // already read. Backward otherwise: each store lands above every byte still to be read.
  const forward = m.block(null, [
    m.local.set(AT, m.i32.const(0)),
    whileNot(m, 'fw8', m.i32.lt_u(m.i32.sub(get(SIZE), get(AT)), m.i32.const(8)), [word(), addAt(8)]),
    whileNot(m, 'fw1', m.i32.ge_u(get(AT), get(SIZE)), [byte(), addAt(1)]),
  ]);
  const backward = m.block(null, [
    m.local.set(AT, get(SIZE)),
    whileNot(m, 'bw8', m.i32.lt_u(get(AT), m.i32.const(8)), [subAt(8), word()]),
    whileNot(m, 'bw1', m.i32.eqz(get(AT)), [subAt(1), byte()]),
  ]);
  return m.block(null, [...boundsCheck(m, SRC), m.if(m.i32.lt_u(get(SRC), get(DST)), backward, forward)]);
}
copyBody.locals = [I32, I32];

function fillBody(m) {
  const get = (i) => m.local.get(i, I32);
  const at = () => m.i32.add(get(DST), get(AT));
  const addAt = (n) => m.local.set(AT, m.i32.add(get(AT), m.i32.const(n)));
  const WORD = 5; // i64: the value's low byte in all eight
  const splat = m.i64.mul(m.i64.extend_u(m.i32.and(get(SRC), m.i32.const(0xff))), m.i64.const(0x0101010101010101n));
  return m.block(null, [
    ...boundsCheck(m, null),
    m.local.set(WORD, splat),
    m.local.set(AT, m.i32.const(0)),
    whileNot(m, 'fl8', m.i32.lt_u(m.i32.sub(get(SIZE), get(AT)), m.i32.const(8)), [m.i64.store(0, 1, at(), m.local.get(WORD, I64)), addAt(8)]),
    whileNot(m, 'fl1', m.i32.ge_u(get(AT), get(SIZE)), [m.i32.store8(0, 1, at(), get(SRC)), addAt(1)]),
  ]);
}
fillBody.locals = [I32, I32, I64];
