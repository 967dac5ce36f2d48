// How every bench row is timed, in any engine (V8 under Node, JavaScriptCore under jsc): no
// Node API here, the clock is passed in. Each side of a row runs once untimed (the warm-up:
// V8 tiers up, jsc's interpreter fills its caches), then `runs` times; the figure is the
// median. A case may give `each(data)`, run untimed before every timed run (a fresh input for
// rows like "the first query of a freshly loaded history"), and `check(ours, theirs)`, which
// compares the two results so a row cannot silently measure different work.

export const DEFAULT_RUNS = 7;

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timeSide(fn, data, each, runs, now) {
  const input = () => (each ? each(data) : data);
  fn(input()); // warm-up
  const times = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const arg = input();
    const start = now();
    result = fn(arg);
    times.push(now() - start);
  }
  return { ms: median(times), result };
}

/** Times one case: {name, gongjiMs, peerMs, peerName, runs}. `now()` returns milliseconds. */
export async function measureCase(c, now) {
  const data = c.setup ? await c.setup() : undefined;
  const runs = c.runs ?? DEFAULT_RUNS;
  const ours = timeSide(c.gongji, data, c.each && ((d) => c.each(d, 'gongji')), runs, now);
  const theirs = timeSide(c.peer, data, c.each && ((d) => c.each(d, 'peer')), runs, now);
  if (c.check) c.check(ours.result, theirs.result);
  return { name: c.name, gongjiMs: ours.ms, peerMs: theirs.ms, peerName: c.peerName, runs };
}
