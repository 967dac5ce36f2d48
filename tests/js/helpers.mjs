// Loads the built package the way its users do: CommonJS require of pkg/ (Node entry).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const pkgDir = path.join(root, 'pkg');
const require = createRequire(import.meta.url);
export const gongji = require(pkgDir);

/** Runs `fn`, expects it to throw a gongji Error, returns the error for further asserts. */
export function thrown(fn) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a thrown GongjiError');
}
