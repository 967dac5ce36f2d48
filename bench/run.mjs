// `make bench`: every bench/<domain>.mjs exports `cases`, each
//   { name, setup(): data, gongji(data): result, peer(data): result, peerName, check?(a, b) }.
// Both sides do the same work on the same data in the same run; the table prints the median
// time of each and the ratio peer / gongji (above 1: gongji is faster). `check` compares
// the two results so a benchmark cannot silently measure different work.
// `node bench/run.mjs money` runs only bench/money.mjs.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = fs.readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs' && f !== 'lib.mjs')
  .filter((f) => only.length === 0 || only.includes(path.basename(f, '.mjs')))
  .sort();

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timeIt(fn, data, runs) {
  fn(data); // warm-up (JIT, wasm tier-up)
  const times = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    result = fn(data);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { ms: median(times), result };
}

const fmt = (ms) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1)) + ' ms';
const rows = [];
for (const file of files) {
  const { cases } = await import(pathToFileURL(path.join(here, file)));
  for (const c of cases) {
    const data = c.setup ? await c.setup() : undefined;
    const runs = c.runs ?? 7;
    const ours = timeIt(c.gongji, data, runs);
    const theirs = timeIt(c.peer, data, runs);
    if (c.check) c.check(ours.result, theirs.result);
    rows.push({ operation: c.name, gongji: fmt(ours.ms), peer: `${fmt(theirs.ms)} (${c.peerName})`, ratio: (theirs.ms / ours.ms).toFixed(2) + '×', extra: c.extra ? c.extra(data) : '' });
  }
}

const headers = ['operation', 'gongji', 'JS peer', 'ratio (peer/gongji)'];
const table = rows.map((r) => [r.operation, r.gongji, r.peer, r.ratio]);
const widths = headers.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
const line = (cells) => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
console.log(line(headers));
console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
for (const r of table) console.log(line(r));
for (const r of rows) if (r.extra) console.log(`${r.operation}: ${r.extra}`);
