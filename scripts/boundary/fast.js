// Per-call fast paths of the boundary layer (issue #13): a call into wasm costs ~1 µs on V8
// and ~10 µs on JavaScriptCore without a JIT (an iPhone), more than the work of a message
// lookup or of formatting one canonical amount. Two exports are answered in JS where the
// answer is already known or is pure text work on an already-exact amount; everything
// else — and every input these paths do not recognise — still goes to the core, which stays
// the one implementation of the rules (tests/js/fast-paths.test.mjs compares both over
// every catalog code and many amounts).
//
// - messageFor: the catalog is read once per locale (messageCatalog(), one crossing) into a
//   null-prototype object; setLocale clears it.
// - formatYuan with no options: an amount string that needs no rounding (an optional "-",
//   digits, at most two decimals, at most 14 significant integer digits) is laid out here
//   ("¥1,234.50") exactly as src/money/format.rs writes it; any other amount (more decimals,
//   too many digits, a number, an object) or any options object goes to the core.

// The core's money::parse limit (src/money/parse.rs, MAX_INTEGER_DIGITS): longer amounts
// are the core's MONEY_OVERFLOW to report.
var MAX_INTEGER_DIGITS = 14;
var PLAIN_AMOUNT = /^(-?)0*(\d*?)(?:\.(\d{1,2}))?$/;
var DIGITS = /^\d/;

export function makeFastPaths(raw) {
  // `state.catalog`: the locale's catalog once read, else null — read in place by the
  // exported messageFor (guard.js), so that a known code costs one call and one lookup.
  var state = { catalog: null };

  function messages() {
    if (state.catalog === null) {
      var table = Object.create(null);
      var entries = raw.messageCatalog();
      for (var i = 0; i < entries.length; i += 1) table[entries[i].code] = entries[i].message;
      state.catalog = table;
    }
    return state.catalog;
  }

  /** The catalog text of a code (already read by the text reader), or undefined. */
  function messageFor(code) {
    var text = messages()[code];
    return typeof text === 'string' ? text : undefined;
  }

  function setLocale(tag) {
    var result = raw.setLocale(tag);
    state.catalog = null;
    return result;
  }

  /** formatYuan's text, or null when the core must answer. */
  function formatPlainAmount(amount) {
    if (typeof amount !== 'string' || amount.length > 24 || !DIGITS.test(amount.charAt(amount.charAt(0) === '-' ? 1 : 0))) return null;
    var match = PLAIN_AMOUNT.exec(amount);
    if (match === null) return null;
    var integer = match[2];
    if (integer.length > MAX_INTEGER_DIGITS) return null;
    var cents = match[3] === undefined ? '00' : match[3].length === 1 ? match[3] + '0' : match[3];
    if (integer === '') integer = '0';
    var grouped = '';
    var end = integer.length;
    while (end > 3) {
      grouped = ',' + integer.slice(end - 3, end) + grouped;
      end -= 3;
    }
    grouped = integer.slice(0, end) + grouped;
    var zero = integer === '0' && cents === '00';
    return (match[1] === '-' && !zero ? '-¥' : '¥') + grouped + '.' + cents;
  }

  return { state: state, messageFor: messageFor, setLocale: setLocale, formatPlainAmount: formatPlainAmount };
}
