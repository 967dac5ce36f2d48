// One call per function the package exports, and per method of the classes it exports, for
// the engine tests: each runs in JavaScriptCore (through the mini-program bundle) and in V8
// (through pkg/node, the same calls), and the two results must be equal. The list of what
// must be called comes from the bundle itself (tests/engines/jsc.test.mjs), so an export with
// no entry here fails the test.
//
// Each call is `(g, fx) => value`, serialised with Function#toString into the jsc program:
// it may use only its arguments (g: the package, fx: the plain-data fixtures below) and
// ES2017. A thrown error is reported as {threw: code} by the runner, so calls that should
// throw are compared too.

const holder = { certno: '620102198001011239', psn_name: '张三', insutype: '310', psn_type: '1101', psn_insu_stas: '1', insuplc_admdvs: '620102' };
const grandfather = { certno: '620102193005051219', psn_name: '张爷爷', insutype: '390', psn_type: '1601', psn_insu_stas: '1', insuplc_admdvs: '621102' };

/** Plain data handed to every call (JSON: it crosses into jsc as text). */
export const FIXTURES = {
  holder,
  grandfather,
  ledgerText: JSON.stringify({
    account: { psn_no: '62110200000000000000000001', psn_name: '李四', insutype: '310', insuplc_admdvs: '621102', balc: '70.00', opening_balc: '100.00', opening_date: '2025-01-01', as_of: '2025-03-01 08:00:00', source: 'counter' },
    members: [{ psn_no: '62110200000000000000000002', psn_name: '李小四', relation: '20', unbound_at: null }],
    records: [
      { type: 'credit', time: '2025-01-15 08:00:00', amount: 0.1, period: '2025-01' },
      { type: 'credit', time: '2025-02-15 08:00:00', amount: 0.2, period: '2025-02' },
      { type: 'settlement', setl_id: 'S1', setl_time: '2025-02-20 10:00:00', psn_no: '62110200000000000000000002', psn_name: '李小四', fixmedins_code: 'P62110200001', fixmedins_name: '安定区某药店', med_type: '41', medfee_sumamt: '30.30', fund_pay_sumamt: '0', acct_pay: '30.30', acct_mulaid_pay: '0', psn_cash_pay: '0' },
      { type: 'credit', time: '2025-02-30 08:00:00', amount: '50', period: '2025-02' },
    ],
  }),
};

/** Exported functions: name → call. */
export const FUNCTIONS = {
  absYuan: (g) => g.absYuan('-12.30'),
  addYuan: (g) => g.addYuan('0.10', '0.20'),
  bindingStates: (g) => g.bindingStates(),
  checkBinding: (g, fx) => g.checkBinding({ holder: fx.holder, member: fx.grandfather, relation: '61', date: '2025-06-01' }),
  checkQuota: (g) => g.checkQuota({ balance: '1000.00', quotas: [{ psn_no: 'A', amount: '300', used: '50' }], psnNo: 'A', amount: '500', date: '2026-03-01', region: '620102' }),
  checkUse: (g) => g.checkUse({ use: '140104', date: '2025-06-01', region: '621102' }),
  checkWalletTransfer: (g) => g.checkWalletTransfer({ amount: '2500', at: '2025-06-01 22:30:00', transfersToday: 0, pending: false }),
  checkYuan: (g) => g.checkYuan('12.345'),
  compareYuan: (g) => g.compareYuan('1.10', '1.1'),
  errorCodes: (g) => g.errorCodes(),
  estimateMonthlyCredit: (g) => g.estimateMonthlyCredit({ psnType: '1101', contributionBase: '6400', region: '620102', date: '2025-06-01' }),
  formatYuan: (g) => g.formatYuan('1234.565'),
  formatYuanMany: (g) => g.formatYuanMany(['1', '-2.5', '1234567.891'], { grouping: true }),
  getLocale: (g) => g.getLocale(),
  init: (g) => typeof g.init, // called by every run before anything else; a second call returns the same promise
  maskName: (g) => g.maskName('欧阳修'),
  maskPhone: (g) => g.maskPhone('13800138000'),
  maskResidentId: (g) => g.maskResidentId('11010519491231002X'),
  messageCatalog: (g) => g.messageCatalog().length,
  messageFor: (g) => g.messageFor('LEDGER_RECORD_BAD_TIME'),
  negateYuan: (g) => g.negateYuan('3.20'),
  nextBindingState: (g) => g.nextBindingState('active', 'unbind', { date: '2025-06-01', boundAt: '2025-01-01', region: '620102' }),
  parseYuan: (g) => g.parseYuan('￥１,２３４．５元'),
  previewPayment: (g) => g.previewPayment({ selfPay: '120.50', ownBalance: '20.00', holders: [{ psn_no: 'A', psn_name: '张三', balc: '80.00' }, { psn_no: 'B', psn_name: '李四', balc: 50 }] }),
  quotaSummary: (g) => g.quotaSummary({ balance: 1000, quotas: [{ psn_no: 'A', amount: 300, used: '50.5' }, { psn_no: 'B', amount: '0.1' }] }),
  relationEnd: (g, fx) => g.relationEnd({ holder: fx.holder, member: Object.assign({}, fx.grandfather, { insuplc_admdvs: '610113' }), holderRegionAtStart: '620102', memberRegionAtStart: '621102', date: '2026-06-01', quota: { psn_no: 'A', amount: '300', used: '50' } }),
  relationName: (g) => g.relationName('61'),
  hotlineFor: (g) => [g.hotlineFor('621102'), g.hotlineFor('620102'), g.hotlineFor(''), g.hotlineFor(undefined)],
  relations: (g) => g.relations().length,
  residentIdValidity: (g) => Array.prototype.slice.call(g.residentIdValidity(['11010519491231002X', '11010519491231002Y', ''], '2024-06-01')),
  releaseQuota: (g) => g.releaseQuota({ balance: '1000', quotas: [{ psn_no: 'A', amount: '300', used: '50' }], psnNo: 'A' }),
  roundYuan: (g) => g.roundYuan('2.345'),
  setLocale: (g) => { g.setLocale('zh-Hant'); const text = g.messageFor('LEDGER_RECORD_BAD_TIME'); g.setLocale('zh-Hans'); return text; },
  subtractYuan: (g) => g.subtractYuan('0.30', '0.10'),
  sumYuan: (g) => g.sumYuan(['0.10', '0.20', '-0.05']),
  toChineseUppercase: (g) => g.toChineseUppercase('1004.05'),
  toChineseUppercaseMany: (g) => g.toChineseUppercaseMany(['0.5', '100000000']),
  toSpokenChinese: (g) => g.toSpokenChinese('2000.05'),
  toSpokenChineseMany: (g) => g.toSpokenChineseMany(['2000.05', '-0.5', '0']),
  validateAdmdvs: (g) => g.validateAdmdvs('621102'),
  validateForm: (g) => [g.validateForm('login', { certno: '11010519491231002Y', phone: '138 0013 8000', smsCode: '12345' }), g.validateForm('cardLogin', { certno: '11010519491231002X', cardNo: 'a1234 5678', captcha: '七' }, '2026-11-23')],
  validateInstitutionCode: (g) => g.validateInstitutionCode('H62110200001'),
  validateName: (g) => g.validateName('  王  建国 '),
  validatePhone: (g) => g.validatePhone('+86 139 9321 2345'),
  validatePsnNo: (g) => g.validatePsnNo('62110200000000000000000001'),
  validateResidentId: (g) => g.validateResidentId('11010519491231002X', '2024-06-01'),
  validateResidentIds: (g) => g.validateResidentIds(['11010519491231002X', '123'], '2024-06-01'),
  validateSmsCode: (g) => g.validateSmsCode('123456'),
  validateCardNumber: (g) => [g.validateCardNumber('a1234 5678'), g.validateCardNumber('1234')],
  validateCaptchaAnswer: (g) => [g.validateCaptchaAnswer('７３５２'), g.validateCaptchaAnswer('七')],
  isGongjiError: (g) => [g.isGongjiError(null), (function () { try { g.parseYuan('x'); } catch (e) { return g.isGongjiError(e); } })()],
  version: (g) => g.version(),
  wasmMemoryBytes: (g) => typeof g.wasmMemoryBytes() === 'number' && g.wasmMemoryBytes() > 0, // the size differs by build
};

/** Exported classes: 'Class.static' and 'Class#method' → call. */
export const METHODS = {
  'Ledger.fromJson': (g, fx) => g.Ledger.fromJson(fx.ledgerText).size,
  'Ledger.columnFields': (g) => g.Ledger.columnFields(),
  'Ledger.fromColumns': (g) => {
    const keys = g.Ledger.columnFields().split(',').map((k) => k.replace(/[#$*]$/, ''));
    const cell = (key, id) => [keys.indexOf(key) | 256, id];
    const words = [3, ...cell('psn_no', 0), ...cell('balc', 1), ...cell('opening_balc', 1), 0, 1, 3, ...cell('type', 2), ...cell('time', 3), ...cell('amount', 1)];
    // ASCII texts: their UTF-8 bytes are their char codes (no TextEncoder in a logic layer).
    const texts = ['H', '10.00', 'credit', '2023-01-05 09:00:00'];
    const bytes = new Uint8Array(texts.join('').split('').map((c) => c.charCodeAt(0)));
    let end = 0;
    const ends = new Uint32Array(texts.map((t) => (end += t.length)));
    const ledger = g.Ledger.fromColumns(bytes, ends, new Uint32Array(words), new Float64Array(0));
    return [ledger.size, ledger.reconcile()];
  },
  'Ledger#byMember': (g, fx) => g.Ledger.fromJson(fx.ledgerText).byMember({}),
  'Ledger#freshness': (g, fx) => g.Ledger.fromJson(fx.ledgerText).freshness('2025-03-02 09:00:00'),
  'Ledger#monthly': (g, fx) => g.Ledger.fromJson(fx.ledgerText).monthly({}),
  'Ledger#query': (g, fx) => g.Ledger.fromJson(fx.ledgerText).query({ from: '2025-01-01', to: '2025-12-31', limit: 2 }),
  'Ledger#reconcile': (g, fx) => g.Ledger.fromJson(fx.ledgerText).reconcile(),
  'Ledger#rejected': (g, fx) => g.Ledger.fromJson(fx.ledgerText).rejected(),
  'Ledger#size': (g, fx) => g.Ledger.fromJson(fx.ledgerText).size,
  'Ledger#statement': (g, fx) => g.Ledger.fromJson(fx.ledgerText).statement({ from: '2025-01-01', to: '2025-06-30' }, 1740787200000),
  'Ledger#statementCsv': (g, fx) => g.Ledger.fromJson(fx.ledgerText).statementCsv({ from: '2025-01-01', to: '2025-06-30' }, '2025-03-01 08:00:00'),
  'Ledger#toCsv': (g, fx) => g.Ledger.fromJson(fx.ledgerText).toCsv({}),
  'Ledger#free': (g, fx) => { const l = g.Ledger.fromJson(fx.ledgerText); l.free(); try { l.query({}); return 'used after free'; } catch (e) { return 'threw after free'; } },
  'PolicySet.builtIn': (g) => g.PolicySet.builtIn().policies().length,
  'PolicySet.builtInJson': (g) => JSON.parse(g.PolicySet.builtInJson()) !== null,
  'PolicySet.fromJson': (g) => g.PolicySet.fromJson(g.PolicySet.builtInJson()).policies().map((p) => p.id),
  'PolicySet#checkBinding': (g, fx) => g.PolicySet.builtIn().checkBinding({ holder: fx.holder, member: fx.grandfather, relation: '61', date: '2024-06-01' }),
  'PolicySet#checkQuota': (g) => g.PolicySet.builtIn().checkQuota({ balance: '80', quotas: [], psnNo: 'B', amount: '100', date: '2026-03-01', region: '621102' }),
  'PolicySet#checkUse': (g) => g.PolicySet.builtIn().checkUse({ use: '居民医保缴费', date: '2025-06-01' }),
  'PolicySet#compareVersion': (g) => [g.PolicySet.builtIn().compareVersion('2026-12-01.2'), g.PolicySet.builtIn().compareVersion('2026-11-01.1')],
  'PolicySet#issued': (g) => g.PolicySet.builtIn().issued(),
  'PolicySet#sources': (g) => g.PolicySet.builtIn().sources().length > 0,
  'PolicySet#version': (g) => g.PolicySet.builtIn().version(),
  'PolicySet#checkWalletTransfer': (g) => g.PolicySet.builtIn().checkWalletTransfer({ amount: '100', at: '2025-06-01 10:30:00', transfersToday: 0, pending: false }),
  'PolicySet#estimateMonthlyCredit': (g) => g.PolicySet.builtIn().estimateMonthlyCredit({ psnType: '1201', region: '621102', date: '2025-06-01' }),
  'PolicySet#nextBindingState': (g) => g.PolicySet.builtIn().nextBindingState('invited', 'confirm', { date: '2025-06-01' }),
  'PolicySet#policies': (g) => g.PolicySet.builtIn().policies(),
  'PolicySet#policyFor': (g) => g.PolicySet.builtIn().policyFor('621102', '2024-06-01'),
  'PolicySet#relationEnd': (g, fx) => g.PolicySet.builtIn().relationEnd({ holder: fx.holder, member: fx.grandfather, holderRegionAtStart: '620102', memberRegionAtStart: '621102', date: '2026-06-01' }),
  'PolicySet#guidance': (g) => g.PolicySet.builtIn().guidance(),
  'PolicySet#useCategories': (g) => g.PolicySet.builtIn().useCategories(),
  'PolicySet#walletRules': (g) => g.PolicySet.builtIn().walletRules(),
  'PolicySet#free': (g) => { const p = g.PolicySet.builtIn(); p.free(); return 'freed'; },
};

/** What the package exports, as the calls above name it: functions, statics and methods. */
export const API_LISTER = function (g) {
  var names = [];
  Object.keys(g).forEach(function (name) {
    if (name === '__esModule') return;
    var value = g[name];
    if (typeof value === 'function' && value.prototype && Object.getOwnPropertyNames(value.prototype).length > 1) {
      Object.getOwnPropertyNames(value).forEach(function (s) {
        if (['length', 'name', 'prototype'].indexOf(s) < 0 && s.indexOf('__') !== 0 && typeof value[s] === 'function') names.push(name + '.' + s);
      });
      Object.getOwnPropertyNames(value.prototype).forEach(function (m) {
        if (m !== 'constructor' && m.indexOf('__') !== 0) names.push(name + '#' + m);
      });
    } else {
      names.push(name);
    }
  });
  return names.sort();
};

/** Every call, by name, as source text for the jsc program. */
export function callSources() {
  return Object.entries({ ...FUNCTIONS, ...METHODS }).map(([name, fn]) => [name, fn.toString()]);
}

/** Runs each call against `g`, catching what it throws: name → {value} or {threw}. */
export const RUN_CALLS = function (g, fx, calls) {
  var out = {};
  calls.forEach(function (entry) {
    try {
      out[entry[0]] = { value: entry[1](g, fx) };
    } catch (error) {
      out[entry[0]] = { threw: error && error.code ? error.code : String(error) };
    }
  });
  return JSON.parse(JSON.stringify(out));
};
