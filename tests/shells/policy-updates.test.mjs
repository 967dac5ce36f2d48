// Rule updates without a release (#15), the shared module (www/shared/policy-updates.js) over
// both port implementations — the core in this thread and in a simulated Worker — against
// the local endpoint's GET /policies/current: a newer set is applied (a decision changes
// with it) and kept; a broken one is refused and the old one stays; one older than the
// built-in set is never applied; an offline start uses the last good set; the download runs
// again daily; a restarted Worker keeps the applied set. Each failure is said once, as one
// notice (SHELL_POLICY_KEPT), never thrown at the page.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { directPort, channelPort } from '../../www/shared/port.js';
import { serveCore } from '../../www/shared/core-worker.js';
import { createClient, memoryStorage } from '../../www/shared/client.js';
import { fetchTransport } from '../../www/shared/transports.js';
import { createPolicyUpdates, DAY_MS, POLICY_TEXT_KEY } from '../../www/shared/policy-updates.js';
import { t } from '../../www/shared/labels.js';
import { startTestServer } from './helpers.mjs';

const require = createRequire(import.meta.url);
const gongji = require('../../pkg/node/index.cjs');

/** A variant of the built-in set: another version, and a 医保钱包 limit per transfer. */
function setText({ version, maxPerTransfer = '2000.00' }) {
  const set = JSON.parse(gongji.PolicySet.builtInJson());
  set.version = version;
  set.issued = version.split('.')[0];
  set.wallet.maxPerTransfer = maxPerTransfer;
  return JSON.stringify(set, null, 2);
}
const BUILT_IN = gongji.PolicySet.builtIn().version();
const NEWER = setText({ version: '2026-12-05.1', maxPerTransfer: '500.00' });
const NEWEST = setText({ version: '2026-12-05.2', maxPerTransfer: '300.00' });
const OLDER = setText({ version: '2026-11-01.1', maxPerTransfer: '500.00' });
const BROKEN = NEWEST.replace('"maxPerDay": 3', '"maxPerDay": 0');

/** The decision that follows the set: may 1000 元 go in one 医保钱包 transfer? */
const WALLET = { server_time: '2026-12-02 10:00:00', transfers_today: 0, pending: false };
const allows1000 = async (port) => (await port.walletCheck({ amountText: '1000', wallet: WALLET })).ok;

/** A Worker stand-in: serveCore in the same process, messages copied, `kill()` as iOS does. */
function fakeWorkers() {
  const spawned = [];
  const spawn = () => {
    const toWorker = [];
    const toLogic = [];
    const deaths = [];
    const worker = { alive: true };
    serveCore({
      onMessage: (cb) => toWorker.push(cb),
      postMessage: (message) => {
        const copied = structuredClone(message);
        setImmediate(() => { if (worker.alive) for (const cb of toLogic) cb(copied); });
      },
    }, { load: () => Promise.resolve(gongji), path: 'worker' });
    worker.kill = () => { worker.alive = false; for (const cb of deaths) cb(); };
    spawned.push(worker);
    return {
      postMessage: (message) => {
        const copied = structuredClone(message);
        setImmediate(() => { if (worker.alive) for (const cb of toWorker) cb(copied); });
      },
      onMessage: (cb) => toLogic.push(cb),
      onDeath: (cb) => deaths.push(cb),
      terminate: () => { worker.alive = false; },
    };
  };
  return { spawn, spawned };
}

const IMPLEMENTATIONS = {
  direct: () => ({ port: directPort({ load: () => Promise.resolve(gongji) }) }),
  channel: () => {
    const workers = fakeWorkers();
    return { port: channelPort({ spawn: workers.spawn }), workers };
  },
};

let env;
before(async () => { env = await startTestServer(); });
after(async () => { await env.close(); });
beforeEach(async () => { await env.reset(); });

/** A shell's start: a port, a client to the endpoint (or an unreachable one), the storage. */
function shellOf(kind, { storage = memoryStorage(), offline = false } = {}) {
  const { port, workers } = IMPLEMENTATIONS[kind]();
  const client = createClient({ baseUrl: offline ? 'http://127.0.0.1:9' : env.origin, transport: fetchTransport(), timeoutMs: 3000, sleep: () => Promise.resolve() });
  const timers = [];
  const changes = [];
  const updates = createPolicyUpdates({
    port, client, storage,
    setTimer: (fn, ms) => { timers.push({ fn, ms }); return timers.length; },
    clearTimer: () => {},
    onChange: (state) => changes.push(state.set && state.set.version),
  });
  return { port, updates, storage, timers, changes, workers };
}

for (const kind of Object.keys(IMPLEMENTATIONS)) {
  test(`${kind}: the endpoint's set is the built-in one: nothing changes, nothing is said`, async () => {
    const shell = shellOf(kind);
    const state = await shell.updates.start();
    assert.equal(state.set.version, BUILT_IN);
    assert.equal(state.set.builtIn, true);
    assert.equal(state.notice, null);
    assert.equal(shell.storage.get(POLICY_TEXT_KEY), null, 'the built-in set is not stored');
    assert.equal(await allows1000(shell.port), true);
  });

  test(`${kind}: a newer set is applied — the 医保钱包 check follows it — kept, and shown in 关于`, async () => {
    await env.faults({ policySet: NEWER });
    const shell = shellOf(kind);
    assert.equal(await allows1000(shell.port), true, 'under the built-in set (2000 元 a transfer)');
    const state = await shell.updates.start();
    assert.equal(state.set.version, '2026-12-05.1');
    assert.equal(state.set.issued, '2026-12-05');
    assert.ok(state.set.sources.length > 0);
    assert.equal(state.notice, null);
    assert.equal(await allows1000(shell.port), false, 'under the new set (500 元 a transfer)');
    assert.equal(shell.storage.get(POLICY_TEXT_KEY), NEWER, 'the last good set is kept');
    const about = await shell.updates.describe(t);
    assert.equal(about.line, '政策版本 2026-12-05.1（2026-12-05 发布）');
    assert.equal(about.notice, null);
  });

  test(`${kind}: a broken set is refused whole; the last good one stays, and that is said once`, async () => {
    await env.faults({ policySet: NEWER });
    const storage = memoryStorage();
    await shellOf(kind, { storage }).updates.start();
    await env.faults({ policySet: BROKEN });
    const shell = shellOf(kind, { storage });
    const state = await shell.updates.start();
    assert.equal(state.set.version, '2026-12-05.1', 'the stored set, not the broken one');
    assert.deepEqual(state.notice, { code: 'SHELL_POLICY_KEPT', cause: 'POLICY_SET_INVALID' });
    assert.equal(await allows1000(shell.port), false);
    assert.equal(storage.get(POLICY_TEXT_KEY), NEWER, 'the broken text is not stored');
    const about = await shell.updates.describe(t);
    assert.equal(about.notice.text, '暂时没有取得最新的政策，继续按 2026-12-05.1 版政策计算。');
    // The daily refresh fails again: still the one notice, not a second one.
    await shell.updates.refresh();
    assert.deepEqual(shell.updates.state.notice, { code: 'SHELL_POLICY_KEPT', cause: 'POLICY_SET_INVALID' });
  });

  test(`${kind}: a set older than the built-in one is never applied (POLICY_SET_OLDER); a stored one that old is dropped`, async () => {
    await env.faults({ policySet: OLDER });
    const shell = shellOf(kind);
    const state = await shell.updates.start();
    assert.equal(state.set.version, BUILT_IN);
    assert.equal(state.notice.cause, 'POLICY_SET_OLDER');
    assert.equal(await allows1000(shell.port), true, 'the older set\'s 500 元 limit is not applied');
    assert.equal(shell.storage.get(POLICY_TEXT_KEY), null);
    // Straight through the port, the refusal is coded with both versions in its text.
    await assert.rejects(shell.port.applyPolicySet({ text: OLDER }), (error) => error.code === 'POLICY_SET_OLDER' && error.slots.version === '2026-11-01.1');
    const view = await shell.port.errorView({ error: { code: 'POLICY_SET_OLDER', slots: { version: '2026-11-01.1', builtIn: BUILT_IN } } });
    assert.match(view.message, /2026-11-01\.1.*2026-12-04\.1/);
    // A stored set older than this build's built-in one (an app update) is dropped quietly.
    const stale = shellOf(kind, { storage: memoryStorage() });
    stale.storage.set(POLICY_TEXT_KEY, OLDER);
    await env.faults({ policySet: null });
    const after = await stale.updates.start();
    assert.equal(after.set.version, BUILT_IN);
    assert.equal(after.notice, null);
    assert.equal(stale.storage.get(POLICY_TEXT_KEY), null);
  });

  test(`${kind}: an offline start uses the last good set and says once that it does`, async () => {
    await env.faults({ policySet: NEWER });
    const storage = memoryStorage();
    await shellOf(kind, { storage }).updates.start();
    const shell = shellOf(kind, { storage, offline: true });
    await shell.updates.restore();
    assert.equal(await allows1000(shell.port), false, 'before any download, the stored set rules');
    const state = await shell.updates.start();
    assert.equal(state.set.version, '2026-12-05.1');
    assert.deepEqual(state.notice, { code: 'SHELL_POLICY_KEPT', cause: 'SHELL_OFFLINE' });
    // And when the endpoint answers 500: the same.
    await env.faults({ fail: { status: 500, path: '/policies' } });
    const failing = shellOf(kind, { storage });
    const failed = await failing.updates.start();
    assert.equal(failed.set.version, '2026-12-05.1');
    assert.equal(failed.notice.cause, 'SHELL_SERVER_ERROR');
  });

  test(`${kind}: the download runs again a day later; a newer set then replaces the one in use and the notice goes`, async () => {
    await env.faults({ fail: { status: 503, path: '/policies' } });
    const shell = shellOf(kind);
    await shell.updates.start();
    assert.equal(shell.updates.state.notice.cause, 'SHELL_SERVER_ERROR');
    assert.equal(shell.timers.at(-1).ms, DAY_MS, 'the daily refresh is armed');
    await env.faults({ fail: null, policySet: NEWEST });
    shell.timers.at(-1).fn();
    await shell.updates.refresh();
    assert.equal(shell.updates.state.set.version, '2026-12-05.2');
    assert.equal(shell.updates.state.notice, null);
    assert.equal(await allows1000(shell.port), false);
    // The same set again changes nothing; an older-but-newer-than-built-in one is not applied.
    await env.faults({ policySet: NEWER });
    await shell.updates.refresh();
    assert.equal(shell.updates.state.set.version, '2026-12-05.2');
    assert.equal((await shell.port.walletCheck({ amountText: '400', wallet: WALLET })).ok, false, 'still the 300 元 limit');
  });
}

test('a restore that fails (the whole module did not load yet) neither stops the download nor the daily timer; it is tried again, and then applies the stored set', async () => {
  await env.faults({ policySet: null });
  const storage = memoryStorage();
  storage.set(POLICY_TEXT_KEY, NEWER);
  let wholeLoads = 0;
  let failing = true;
  const port = directPort({
    load: () => { wholeLoads += 1; return failing ? Promise.reject(new TypeError('Failed to fetch')) : Promise.resolve(gongji); },
  });
  const client = createClient({ baseUrl: env.origin, transport: fetchTransport(), timeoutMs: 3000, sleep: () => Promise.resolve() });
  const timers = [];
  const updates = createPolicyUpdates({ port, client, storage, setTimer: (fn, ms) => { timers.push({ fn, ms }); return timers.length; }, clearTimer: () => {} });
  const state = await updates.start();
  assert.ok(wholeLoads >= 2, 'the restore and the download each asked for the core');
  assert.equal(state.notice.code, 'SHELL_POLICY_KEPT', 'said once, quietly');
  assert.equal(timers.at(-1).ms, DAY_MS, 'the daily refresh is armed all the same');
  assert.equal(storage.get(POLICY_TEXT_KEY), NEWER, 'the stored set is kept for later');
  failing = false;
  // What a page does before it computes: the restore again, which now applies the stored set.
  await updates.restore();
  assert.equal((await port.policyInfo()).version, '2026-12-05.1');
  assert.equal(await allows1000(port), false, 'under the stored set (500 元 a transfer)');
});

test('channel: a Worker started again keeps the applied set', async () => {
  await env.faults({ policySet: NEWER });
  const shell = shellOf('channel');
  await shell.updates.start();
  assert.equal(await allows1000(shell.port), false);
  shell.workers.spawned[0].kill();
  assert.equal(await allows1000(shell.port), false, 'the new Worker was given the set');
  assert.equal(shell.port.restarts, 1);
  assert.equal((await shell.port.policyInfo()).version, '2026-12-05.1');
});

test('the endpoint serves the set with its version and sources; the switch takes a text or null only', async () => {
  const answer = await (await fetch(`${env.origin}/api/v1/policies/current`)).json();
  assert.equal(answer.version, BUILT_IN);
  assert.ok(Array.isArray(answer.sources) && answer.sources.length > 0);
  const refused = await fetch(`${env.origin}/__faults`, { method: 'POST', body: JSON.stringify({ policySet: 42 }) });
  assert.equal(refused.status, 400);
});
