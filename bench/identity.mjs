// validateResidentId over 10^5 numbers beside npm id-validator (`new IDValidator().isValid`,
// no GB2260 table: it checks length, date and check character, not the address code).
// The numbers are mainland numbers (current Gansu and Beijing codes, dates 1930–2019) of
// which about 1 in 5 has one character changed, so both sides reject the same ones: `check`
// compares the valid counts.
//
// The region table's cost: `node bench/identity.mjs --table-cost` builds the Node wasm with
// the table (as in pkg/) and with an empty one (GONGJI_REGIONS_EMPTY=1, see
// codegen/regions.rs) the way scripts/build.mjs does, and prints both brotli sizes.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gongji, rng } from './lib.mjs';

const require = createRequire(import.meta.url);
const IDValidator = require('id-validator');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const N = 100_000;
const AS_OF = '2026-11-23';
const REGIONS = ['620102', '620103', '620104', '620105', '620111', '620121', '620122', '620123', '621102', '621121',
  '621122', '621124', '621126', '110101', '110102', '110105', '110108'];
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

function numbers() {
  const next = rng(2026);
  const pad = (n, w) => String(n).padStart(w, '0');
  const out = [];
  for (let i = 0; i < N; i++) {
    const region = REGIONS[Math.floor(next() * REGIONS.length)];
    const year = 1930 + Math.floor(next() * 90);
    const month = 1 + Math.floor(next() * 12);
    const day = 1 + Math.floor(next() * 28);
    const first17 = region + pad(year, 4) + pad(month, 2) + pad(day, 2) + pad(Math.floor(next() * 1000), 3);
    const sum = [...first17].reduce((acc, d, k) => acc + Number(d) * WEIGHTS[k], 0);
    let id = first17 + CHECK[sum % 11];
    if (next() < 0.2) {
      const at = Math.floor(next() * 18);
      const other = String((Number(id[at] === 'X' ? 10 : id[at]) + 1 + Math.floor(next() * 9)) % 10);
      id = id.slice(0, at) + other + id.slice(at + 1);
    }
    out.push(id);
  }
  return out;
}

function brotli(file) {
  return zlib.brotliCompressSync(fs.readFileSync(file), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}

const wasmFile = path.join(root, 'pkg', 'node', 'gongji_bg.wasm');
const peer = (ids) => {
  const validator = new IDValidator();
  let valid = 0;
  for (const id of ids) if (validator.isValid(id)) valid++;
  return valid;
};
const sameCount = (a, b) => { if (a !== b) throw new Error(`identity bench: gongji ${a} valid, id-validator ${b}`); };
const extra = () => `pkg/node wasm ${brotli(wasmFile)} B brotli; table cost: node bench/identity.mjs --table-cost`;

export const cases = [
  {
    name: `validateResidentId × ${N / 1000}k`,
    setup: numbers,
    gongji: (ids) => {
      let valid = 0;
      for (const id of ids) if (gongji.validateResidentId(id, AS_OF).valid) valid++;
      return valid;
    },
    peerName: 'id-validator',
    peer,
    check: sameCount,
    extra,
  },
  {
    name: `validateResidentIds (batch) × ${N / 1000}k`,
    setup: numbers,
    gongji: (ids) => gongji.validateResidentIds(ids, AS_OF).filter((r) => r.valid).length,
    peerName: 'id-validator',
    peer,
    check: sameCount,
  },
  {
    name: `residentIdValidity (batch, flags) × ${N / 1000}k`,
    setup: numbers,
    gongji: (ids) => gongji.residentIdValidity(ids, AS_OF).reduce((a, b) => a + b, 0),
    peerName: 'id-validator',
    peer,
    check: sameCount,
  },
];

/** Builds the Node wasm with and without the table, as scripts/build.mjs does. */
function tableCost() {
  const sizes = {};
  for (const [label, empty] of [['with table', '0'], ['empty table', '1']]) {
    const targetDir = path.join(root, 'target', 'table-cost');
    execFileSync('cargo', ['build', '--release', '--lib', '--target', 'wasm32-unknown-unknown', '--features', 'browser'], {
      stdio: 'inherit', cwd: root, env: { ...process.env, CARGO_TARGET_DIR: targetDir, GONGJI_REGIONS_EMPTY: empty },
    });
    const out = path.join(targetDir, 'bindgen');
    fs.rmSync(out, { recursive: true, force: true });
    execFileSync('wasm-bindgen', ['--target', 'nodejs', '--out-dir', out, '--out-name', 'gongji', path.join(targetDir, 'wasm32-unknown-unknown', 'release', 'gongji.wasm')], { stdio: 'inherit' });
    const file = path.join(out, 'gongji_bg.wasm');
    execFileSync(path.join(root, 'node_modules', '.bin', 'wasm-opt'), [file, '-o', file, '--enable-reference-types', '--enable-multivalue', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '-Oz'], { stdio: 'inherit' });
    sizes[label] = { raw: fs.statSync(file).size, brotli: brotli(file) };
  }
  const cost = {
    raw: sizes['with table'].raw - sizes['empty table'].raw,
    brotli: sizes['with table'].brotli - sizes['empty table'].brotli,
  };
  console.log(JSON.stringify({ ...sizes, 'table cost': cost }, null, 2));
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--table-cost')) tableCost();
