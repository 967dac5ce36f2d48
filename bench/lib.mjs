// Shared by the benchmark files: the built package (Node entry) and a seeded generator, so
// every run measures the same inputs.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const gongji = require('../pkg/node/index.cjs');

/** A small deterministic PRNG (mulberry32): same seed, same data, every run. */
export function rng(seed = 42) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
