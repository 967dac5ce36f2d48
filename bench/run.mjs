// `make bench`: every row in V8 (Node) and in JavaScriptCore with the JIT off (as on an
// iPhone, where the WeChat/Alipay logic layer may not JIT) and on, one table per engine.
// Each row is gongji beside a plain-JS peer doing the same work on the same seeded data, in
// the same engine and the same run; the ratio is peer time / gongji time (above 1: gongji is
// faster). Rows a user waits on come first: the cold start (bench/coldstart.mjs, median of
// 50 fresh processes), then bench/user.mjs (history load, first query, a page of formatted
// items), then the other bench/<domain>.mjs files. Every case is timed by bench/timing.mjs in
// every engine: one untimed warm-up run, then the median of `runs` (7 unless the case says).
//
//   node bench/run.mjs                      all rows, all three engines
//   node bench/run.mjs money ledger         only those files (and no cold start)
//   node bench/run.mjs --engines=v8,jsc-off only those engines (v8, jsc-off, jsc-on, chromium-6x)
//
// Last, the portal's login page in Debian's Chromium under 6× CPU throttling (bench/portal.mjs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NO_JIT, jscVersion } from '../tests/engines/jsc.mjs';
import { measureCase } from './timing.mjs';
import { jscColdStart, nodeColdStart, PROCESSES } from './coldstart.mjs';
import { runBenchInJsc } from './jsc.mjs';
import { portalRows, THROTTLE } from './portal.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('--'));
const engineArg = args.find((a) => a.startsWith('--engines='));
const wanted = engineArg ? engineArg.slice('--engines='.length).split(',') : ['v8', 'jsc-off', 'jsc-on', 'chromium-6x'];
const NOT_CASES = new Set(['run.mjs', 'lib.mjs', 'timing.mjs', 'coldstart.mjs', 'jsc.mjs', 'jsc-process.mjs', 'portal.mjs']);
const files = fs.readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && !NOT_CASES.has(f))
  .filter((f) => only.length === 0 || only.includes(path.basename(f, '.mjs')))
  .sort((a, b) => (a === 'user.mjs' ? -1 : b === 'user.mjs' ? 1 : a < b ? -1 : 1));
const withColdStart = only.length === 0;

const fmt = (ms) => (ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(1)} ms`);
const coldStartName = (which) => `cold start, ${which}: load + instantiate + first call (median of ${PROCESSES} processes)`;
// The start module answers the login page's first check (www/shared/core-service.js); the
// whole module's row is what a start without it would cost.
const COLD_STARTS = [['start module', true], ['whole module', false]];

function table(rows) {
  const headers = ['operation', 'gongji', 'JS peer', 'ratio (peer/gongji)'];
  const cells = rows.map((r) => [r.name, fmt(r.gongjiMs), `${fmt(r.peerMs)} (${r.peerName})`, (r.peerMs / r.gongjiMs).toFixed(2) + '×']);
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => '| ' + c.map((x, i) => x.padEnd(widths[i])).join(' | ') + ' |';
  return [line(headers), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...cells.map(line)].join('\n');
}

async function v8Rows() {
  const rows = [];
  const extras = [];
  if (withColdStart) for (const [which, start] of COLD_STARTS) rows.push({ name: coldStartName(which), peerName: 'id-validator', ...nodeColdStart({ start }) });
  for (const file of files) {
    const { cases } = await import(pathToFileURL(path.join(here, file)));
    for (const c of cases) {
      rows.push(await measureCase(c, () => Number(process.hrtime.bigint()) / 1e6));
      if (c.extra) extras.push(`${c.name}: ${c.extra(await c.setup())}`);
    }
  }
  return { rows, extras };
}

async function jscRows(flags) {
  const rows = [];
  if (withColdStart) for (const [which, start] of COLD_STARTS) rows.push({ name: coldStartName(which), peerName: 'id-validator', ...(await jscColdStart(flags, { start })) });
  const run = await runBenchInJsc(files, { flags });
  rows.push(...run.rows);
  return { rows, extras: [`init (read + instantiate the module through WXWebAssembly) in the bench process: ${fmt(run.initMs)}`] };
}

const cpu = os.cpus();
console.log(`gongji bench, ${new Date().toISOString().slice(0, 10)}, ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, ${os.type()} ${os.release()}`);
console.log('ratio = peer time / gongji time (above 1: gongji is faster); each case: 1 warm-up run, then the median of its runs.\n');
const engines = [
  { key: 'v8', title: `V8 ${process.versions.v8} (Node ${process.version}), JIT on`, rows: v8Rows },
  { key: 'jsc-off', title: `${jscVersion()} (jsc ${NO_JIT.join(' ')}): JIT off, as on an iPhone`, rows: () => jscRows(NO_JIT) },
  { key: 'jsc-on', title: `${jscVersion()} (jsc), JIT on`, rows: () => jscRows([]) },
  // The portal in a browser, slowed as a low-end phone is (bench/portal.mjs); only with the
  // cold start, i.e. a whole run or --engines=chromium-6x.
  { key: 'chromium-6x', title: `Debian's Chromium, the portal, ${THROTTLE}× CPU throttling`, rows: portalRows },
];
for (const engine of engines.filter((e) => wanted.includes(e.key) && (e.key !== 'chromium-6x' || withColdStart || engineArg))) {
  const started = Date.now();
  const { rows, extras } = await engine.rows();
  console.log(`### ${engine.title}\n`);
  console.log(table(rows));
  for (const line of extras) console.log(`\n- ${line}`);
  console.log(`\n(${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
}
