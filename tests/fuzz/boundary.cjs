// The fuzz target for `make fuzz` (tests/fuzz/run.mjs) and for the corpus replay in
// `make test` (tests/js/fuzz-replay.test.mjs). Each input picks an export — a parser (parseYuan,
// checkYuan, validateResidentId, Ledger.fromJson, PolicySet.fromJson, …) or an
// object-taking export (previewPayment, checkBinding, ledger.query, …) — and builds its
// arguments from the bytes: text, numbers, nested objects, arrays, throwing getters, Proxies.
// A finding is any thrown value that is not a GongjiError, or an instance that no longer
// answers parseYuan('12.30') correctly afterwards.
'use strict';
const path = require('node:path');
const { ByteReader } = require('./bytes.cjs');
const g = require(path.join(__dirname, '..', '..', 'pkg', 'node', 'index.cjs'));

// A small history (tests/fixtures/gen-history.mjs, seed 5, 12 records with anomalies).
const HISTORY = require('node:fs').readFileSync(path.join(__dirname, 'history.json'), 'utf8');
let ledger = null;
function theLedger() {
  if (!ledger) ledger = g.Ledger.fromJson(HISTORY);
  return ledger;
}
const policySet = g.PolicySet.builtIn();

const PARSERS = ['parseYuan', 'checkYuan', 'roundYuan', 'formatYuan', 'toChineseUppercase', 'toSpokenChinese', 'validateResidentId', 'validateName', 'validatePhone', 'validateSmsCode', 'validateAdmdvs', 'validateInstitutionCode', 'validatePsnNo', 'maskName', 'maskPhone', 'maskResidentId', 'relationName', 'messageFor'];
const OBJECT_TAKERS = ['previewPayment', 'checkBinding', 'checkQuota', 'checkUse', 'checkWalletTransfer', 'estimateMonthlyCredit', 'quotaSummary', 'releaseQuota', 'relationEnd', 'validateForm', 'sumYuan', 'formatYuanMany', 'validateResidentIds', 'nextBindingState'];
const KEYS = ['selfPay', 'ownBalance', 'holders', 'holder', 'member', 'relation', 'date', 'bindings', 'amount', 'at', 'use', 'region', 'psn_no', 'balc', 'certno', 'from', 'to', 'types', 'members', 'page', 'pageSize', 'quotas', 'name', 'phone'];

function value(data, depth) {
  switch (data.consumeIntegralInRange(0, depth > 3 ? 5 : 9)) {
    case 0: return data.consumeString(data.consumeIntegralInRange(0, 40), 'utf-8');
    case 1: return data.consumeNumber();
    case 2: return data.consumeBoolean();
    case 3: return null;
    case 4: return undefined;
    case 5: return data.consumeIntegralInRange(-100000, 100000) / 100;
    case 6: {
      const object = {};
      const count = data.consumeIntegralInRange(0, 6);
      for (let i = 0; i < count; i += 1) object[data.pickValue(KEYS)] = value(data, depth + 1);
      return object;
    }
    case 7: {
      const count = data.consumeIntegralInRange(0, 4);
      const array = [];
      for (let i = 0; i < count; i += 1) array.push(value(data, depth + 1));
      return array;
    }
    case 8: return Object.defineProperty({ [data.pickValue(KEYS)]: value(data, depth + 1) }, data.pickValue(KEYS), { get() { throw new Error('getter'); }, enumerable: true });
    default: return new Proxy({}, { ownKeys() { throw new Error('trap'); }, get() { throw new Error('trap'); } });
  }
}

function call(data) {
  const kind = data.consumeIntegralInRange(0, 3);
  if (kind === 0) {
    const name = data.pick(PARSERS);
    return g[name](data.consumeBoolean() ? data.consumeString(200, 'utf-8') : value(data, 0), value(data, 2));
  }
  if (kind === 1) {
    const name = data.pick(OBJECT_TAKERS);
    return g[name](value(data, 0), value(data, 0), value(data, 2));
  }
  if (kind === 2) {
    const method = data.pick(['ledger.query', 'ledger.monthly', 'ledger.byMember', 'ledger.toCsv', 'ledger.freshness']).slice(7);
    return theLedger()[method](value(data, 0), value(data, 1));
  }
  if (data.consumeBoolean()) {
    const made = g[data.pick(['Ledger', 'PolicySet'])].fromJson(data.consumeBoolean() ? data.consumeRemainingAsString() : value(data, 0));
    made.free();
    return made;
  }
  const method = data.pick(['policySet.checkBinding', 'policySet.checkUse', 'policySet.checkQuota', 'policySet.relationEnd', 'policySet.checkWalletTransfer']).slice(10);
  return policySet[method](value(data, 0));
}

module.exports.fuzz = function fuzz(bytes) {
  const data = new ByteReader(bytes);
  let outcome;
  try {
    const result = call(data);
    outcome = result === null ? 'null' : Array.isArray(result) ? 'array' : typeof result;
  } catch (error) {
    if (!g.isGongjiError(error)) throw error;
    outcome = error.code;
  }
  g.setLocale('zh-Hans');
  if (g.parseYuan('12.30') !== '12.30') throw new Error('the instance no longer answers parseYuan');
  // What the driver keeps a new input for: an export and outcome not seen before.
  return data.picked.join('/') + ' → ' + outcome;
};

/** The export an input exercises, for the per-target call counts. */
module.exports.wasmMemoryBytes = () => g.wasmMemoryBytes();
