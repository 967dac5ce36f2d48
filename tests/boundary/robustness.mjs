// The boundary robustness runs, engine-agnostic: Node runs them against pkg/node
// (tests/js/boundary.test.mjs) and JavaScriptCore against the WeChat bundle
// (tests/engines/boundary.test.mjs, which pastes this file's text in with `export` removed).
// Each run returns plain data — what broke, what it cost — and the tests assert on it.
// Kept to ES2017 and to no global but the ones every runtime here has.

/** Every kind of JS value a caller may pass, including the hostile ones. */
export function hostileValues() {
  var trapsThrow = {};
  ['get', 'set', 'has', 'deleteProperty', 'ownKeys', 'getOwnPropertyDescriptor', 'defineProperty', 'getPrototypeOf',
    'setPrototypeOf', 'isExtensible', 'preventExtensions', 'apply', 'construct'].forEach(function (trap) {
    trapsThrow[trap] = function () { throw new Error('trap ' + trap); };
  });
  var cyclic = { a: 1 };
  cyclic.self = cyclic;
  var revocable = Proxy.revocable({}, {});
  revocable.revoke();
  var values = [
    ['string', 'x'], ['empty string', ''], ['amount text', '12.30'], ['number', 10], ['fraction', 12.3], ['NaN', NaN],
    ['Infinity', Infinity], ['true', true], ['false', false], ['null', null], ['undefined', undefined],
    ['object', {}], ['array', []], ['array of numbers', [1, 2]], ['symbol', Symbol('s')],
    ['function', function () { return '1'; }],
    ['Proxy that throws on every trap', new Proxy({}, trapsThrow)],
    ['Proxy of an array that throws', new Proxy([], trapsThrow)],
    ['revoked Proxy', revocable.proxy],
    ['object with a throwing getter', { get selfPay() { throw new Error('getter'); }, get holder() { throw new Error('getter'); }, get from() { throw new Error('getter'); } }],
    ['array with a throwing element', Object.defineProperty(['1'], 0, { get: function () { throw new Error('getter'); } })],
    ['object with a throwing toJSON', { toJSON: function () { throw new Error('toJSON'); } }],
    ['object with a throwing valueOf and toString', { valueOf: function () { throw new Error('valueOf'); }, toString: function () { throw new Error('toString'); } }],
    ['boxed string', Object('12.30')],
    ['Date', new Date(0)],
    ['cyclic object', cyclic],
    ['deep array', (function () { var a = []; for (var i = 0; i < 200; i += 1) a = [a]; return a; })()],
  ];
  if (typeof BigInt === 'function') values.push(['BigInt', BigInt(10)]);
  return values;
}

function isCoded(g, error) {
  return g.isGongjiError(error) && typeof error.message === 'string' && error.message.length > 0;
}

/** The instance answers as it should: money, a small history (query, free), a binding rule. */
export function healthCheck(g, historyText) {
  var problems = [];
  function expect(what, ok) { if (!ok) problems.push(what); }
  try {
    expect('parseYuan', g.parseYuan('12.30') === '12.30');
    expect('addYuan', g.addYuan('0.10', '0.20') === '0.30');
    var ledger = g.Ledger.fromJson(historyText);
    var page = ledger.query({});
    expect('ledger query', page && typeof page.total === 'number' && page.total === ledger.size && ledger.size > 0);
    ledger.free();
    var released;
    try { ledger.query(); } catch (error) { released = error; }
    expect('released ledger', released && released.code === 'BOUNDARY_RELEASED');
    var split = g.previewPayment({ selfPay: '100.00', ownBalance: '30.00', holders: [] });
    expect('previewPayment', split.ownAccount === '30.00' && split.cash === '70.00');
    var set = g.PolicySet.builtIn();
    expect('policy set', set.policies().length > 0);
    set.free();
  } catch (error) {
    problems.push('threw ' + (error && error.code ? error.code : String(error)));
  }
  return problems;
}

/**
 * Calls every export, every static and every method with every value in every position
 * (and in all positions at once); returns the calls whose failure was not a GongjiError.
 */
export function tableRun(g, historyText) {
  var values = hostileValues();
  var uncoded = [];
  var calls = 0;
  function attempt(label, fn) {
    calls += 1;
    try {
      fn();
    } catch (error) {
      if (!isCoded(g, error)) uncoded.push(label + ': ' + (error && error.name) + ' ' + (error && error.message));
    }
  }
  function argumentLists(value) {
    return [[value], [undefined, value], [undefined, undefined, value], [value, value, value]];
  }
  var functions = Object.keys(g).filter(function (name) {
    return typeof g[name] === 'function' && ['Ledger', 'PolicySet', 'init', 'default', 'initSync'].indexOf(name) === -1;
  }).sort();
  var ledger = g.Ledger.fromJson(historyText);
  var set = g.PolicySet.builtIn();
  var methods = { Ledger: ledger, PolicySet: set };
  values.forEach(function (entry) {
    argumentLists(entry[1]).forEach(function (args, position) {
      var where = entry[0] + ' in position ' + (position === 3 ? 'all' : position);
      functions.forEach(function (name) {
        attempt(name + '(' + where + ')', function () { g[name].apply(undefined, args); });
      });
      ['Ledger', 'PolicySet'].forEach(function (className) {
        ['fromJson', 'builtIn', 'builtInJson'].forEach(function (name) {
          if (typeof g[className][name] !== 'function') return;
          attempt(className + '.' + name + '(' + where + ')', function () {
            var made = g[className][name].apply(undefined, args);
            if (made && typeof made.free === 'function') made.free();
          });
        });
        var object = methods[className];
        Object.getOwnPropertyNames(Object.getPrototypeOf(object)).forEach(function (name) {
          if (name === 'constructor' || name === 'free' || name === 'size') return;
          attempt(className + '#' + name + '(' + where + ')', function () { object[name].apply(object, args); });
        });
      });
    });
  });
  g.setLocale('zh-Hans');
  var stillQueryable = ledger.query({}).total === ledger.size;
  ledger.free();
  set.free();
  return { calls: calls, values: values.length, functions: functions.length, uncoded: uncoded, stillQueryable: stillQueryable };
}

/**
 * Rounds of calls whose argument throws from a getter, each caught; then the results and
 * the wasm memory. The core must answer correctly after every batch.
 */
export function roundsRun(g, historyText, rounds) {
  var throwing = function () { throw new Error('getter'); };
  var payment = Object.defineProperty({ ownBalance: '30.00', holders: [] }, 'selfPay', { get: throwing, enumerable: true });
  var binding = Object.defineProperty({ relation: '61', date: '2025-06-01' }, 'holder', { get: throwing, enumerable: true });
  var query = Object.defineProperty({}, 'from', { get: throwing, enumerable: true });
  var ledger = g.Ledger.fromJson(historyText);
  var expectedTotal = ledger.query({}).total;
  var report = { memoryBefore: g.wasmMemoryBytes(), wrongErrors: 0, wrongAnswers: 0, rounds: rounds };
  function run(count, call) {
    for (var i = 0; i < count; i += 1) {
      try {
        call();
        report.wrongErrors += 1;
      } catch (error) {
        if (!error || error.code !== 'BOUNDARY_BAD_ARGUMENT') report.wrongErrors += 1;
      }
      if (i % 10000 === 9999 && g.parseYuan('12.30') !== '12.30') report.wrongAnswers += 1;
    }
  }
  run(rounds.previewPayment, function () { g.previewPayment(payment); });
  run(rounds.checkBinding, function () { g.checkBinding(binding); });
  run(rounds.query, function () { ledger.query(query); });
  // A getter that frees the ledger it is read for.
  var freed = g.Ledger.fromJson(historyText);
  var freeing = Object.defineProperty({}, 'from', { get: function () { freed.free(); return undefined; }, enumerable: true });
  try { freed.query(freeing); } catch (error) { report.freeInGetter = error.code; }
  if (ledger.query({}).total !== expectedTotal) report.wrongAnswers += 1;
  ledger.free();
  report.memoryAfter = g.wasmMemoryBytes();
  report.health = healthCheck(g, historyText);
  return report;
}
