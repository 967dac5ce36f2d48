// The start-up weight of every platform (scripts/startup-bytes.mjs) stays within its bound
// (issue #13). The goal is a module of at most 100 KB brotli; the bound below is the figure
// reached so far plus a small margin, so that growth is a decision, not an accident.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startupBytes } from '../../scripts/startup-bytes.mjs';

const pkgDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'pkg');

/**
 * Module bytes (brotli) at start (README, "Speed and size"): goal 100 KB, not met. 230,000 was
 * the bound of 2026-12-03 (web 224,607 then); raised on 2026-12-04, as a decision, by what
 * three #14 features measured: Ledger#statement (+3.0 KB), the policy set's guidance and the
 * uses page's texts (+3.3 KB) — web 230,973, mini-programs 229,533.
 */
const MODULE_BROTLI_BOUND = 235_000;
/** Loader, boundary layer and glue JS (brotli) at start. */
const JS_BROTLI_BOUND = 30_000;

for (const row of startupBytes(pkgDir)) {
  test(`${row.platform}: the module loaded at start is at most ${MODULE_BROTLI_BOUND} bytes brotli`, () => {
    assert.ok(row.moduleBrotli <= MODULE_BROTLI_BOUND, `${row.platform} loads a ${row.moduleBrotli}-byte module (brotli) at start`);
  });
  test(`${row.platform}: the JS loaded at start is at most ${JS_BROTLI_BOUND} bytes brotli`, () => {
    assert.ok(row.jsBrotli <= JS_BROTLI_BOUND, `${row.platform} loads ${row.jsBrotli} bytes of JS (brotli) at start`);
  });
}
