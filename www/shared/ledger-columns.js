// Loading a history fast on an engine without a JIT (iOS WeChat/Alipay): the host's native
// JSON.parse tokenises the text, this packer hands the core only the contract's fields as
// compact columns (the distinct texts' UTF-8 bytes and where each ends, one Uint32Array of
// layout words; layout in src/ledger/columns.rs), and the core applies the very rules of
// `Ledger.fromJson` to them. Measured in jsc with every JIT off, parsing in interpreted wasm
// and the glue's JS UTF-8 encoder of the whole text were ~1 s for 10k records; JSON.parse is
// ~9 ms.
//
// Exactness: JSON.parse turns number tokens into doubles, so a history goes the column way
// only when the packer can prove each number it hands over reads in the core exactly as the
// token that was sent:
//   - no number token of 16 or more digits and points, none with an exponent: a token of
//     at most 15 significant digits is the only such decimal that rounds to its double
//     (DBL_DIG), so String(value) — the shortest text that rounds to it — has the token's
//     value, and the packer checks it has no exponent either. The core reads amounts by
//     value (extra zero decimals allowed), so "12.30" and "12.3" are the same amount;
//   - in a field the core keeps as text (a code: med_type, setl_id…, marked "#" by
//     `Ledger.columnFields`), "12" and "12.0" differ: an integer there goes the column way
//     only when no token of the text spells that integer with zero decimals ("2021.0",
//     "0.00"), and, for 0, no "-0" (spelledWithZeroDecimals, once per integer);
//   - an amount sent as text goes as fen when it is spelled as toFixed(2) spells it (see
//     pack), else as text.
// JSON.parse and the core's reader must also see the same document: no escaped surrogate
// and no \u00XX escape (an escaped key could spell "records" twice; raw surrogates are
// encoded here as the glue would: U+FFFD), each of the three top-level keys at most
// once in the text, and nothing nested below the account, a member or a record (depth and
// duplicate-key rules then agree). Any other history, and text that is not JSON at all,
// goes to `Ledger.fromJson` unchanged, so every result, rejection and error is the text
// path's. False alarms only cost speed.
const NOT_OBJECT = 0xffffffff;
const TAG_STRING = 1 << 8;
const TAG_NUMBER = 2 << 8;
const TAG_OTHER = 3 << 8;
const TAG_FEN = 4 << 8;
/** Fen at or beyond which an amount goes as text (src/ledger/columns.rs MAX_PACKED_FEN). */
const MAX_PACKED_FEN = 1e15;

// Outside strings (see packHistory), a run of 16 digits and points can only be in a number
// token, and an e or E only in an exponent or in true/false.
const LONG_NUMBER = /[\d.]{16}/;
// Over the whole text (when an escaped quote leaves no safe cut at the quotes): a number
// token after its ":", "," or "[", long or with an exponent. Slower there, and rare.
const RISKY_NUMBER = /[:,[]\s*-?(?:[\d.]{16}|[\d.]+[eE])/;
const RISKY_ESCAPE = /\\u(?:00|[dD][89a-fA-F])/;
const isDigit = (c) => c >= 48 && c <= 57;

/**
 * Whether `scanned` (the text outside strings, or all of it) holds a number token with the
 * value of the integer `value` spelled with zero decimals ("2021.0", "0.00", "-0.0") or, for
 * 0, as "-0". Native indexOf finds the candidates (a regular expression over the whole text
 * ran interpreted and was ~16% of the packer without a JIT); a few characters around each
 * decide. A candidate inside a longer token or a string is a false alarm, which costs only
 * speed.
 */
function spelledWithZeroDecimals(scanned, value) {
  const digits = String(Math.abs(value));
  const needle = digits + '.';
  for (let at = scanned.indexOf(needle); at !== -1; at = scanned.indexOf(needle, at + 1)) {
    const before = at > 0 ? scanned.charCodeAt(at - 1) : 32;
    if (isDigit(before) || before === 46) continue; // inside a longer number
    if ((before === 45) !== (value < 0) && value !== 0) continue; // the other sign
    let end = at + needle.length;
    if (scanned.charCodeAt(end) !== 48) continue; // "2021.5": another value
    while (scanned.charCodeAt(end) === 48) end++;
    if (!isDigit(scanned.charCodeAt(end))) return true;
  }
  if (value === 0) {
    for (let at = scanned.indexOf('-0'); at !== -1; at = scanned.indexOf('-0', at + 1)) {
      const after = scanned.charCodeAt(at + 2);
      if (!isDigit(after) && after !== 46) return true;
    }
  }
  return false;
}

const keysByCore = new WeakMap();

/**
 * The core's contract keys → field position (null prototype: "__proto__" is a plain key),
 * and each position's mark: "#" read as a code, "$" as an amount, "*" text worth sending
 * once per spelling (ids, names, codes, the record type); "" otherwise.
 */
function fieldPositions(core) {
  let known = keysByCore.get(core.Ledger);
  if (!known) {
    const positions = Object.create(null);
    const marks = [];
    core.Ledger.columnFields().split(',').forEach((key, i) => {
      const mark = /[#$*]$/.test(key) ? key.slice(-1) : '';
      positions[mark ? key.slice(0, -1) : key] = i;
      marks[i] = mark || (key === 'type' ? '*' : '');
    });
    known = { positions, marks };
    keysByCore.set(core.Ledger, known);
  }
  return known;
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The columns of `text`, or null when the history must go the text way (see the header).
 * @returns {{bytes: Uint8Array, ends: Uint32Array, words: Uint32Array, fens: Float64Array} | null}
 */
export function packHistory(core, text) {
  if (typeof text !== 'string') return null;
  // Regular expressions run interpreted without a JIT (~40 ns a character): scan only the
  // text outside strings, where every number token is — cut at the quotes natively, unless
  // an escaped quote makes that cut unsafe. (A loop, not filter: a callback per piece cost
  // ~15 ms of 10k records' load there.)
  let outside = text;
  if (text.indexOf('\\"') === -1) {
    const pieces = text.split('"');
    const kept = new Array((pieces.length + 1) >> 1);
    for (let i = 0, j = 0; i < pieces.length; i += 2) kept[j++] = pieces[i];
    outside = kept.join(' ');
    if (LONG_NUMBER.test(outside)) return null;
    if (outside.indexOf('e') !== -1 || outside.indexOf('E') !== -1) {
      const literalsOut = outside.split('true').join(' ').split('false').join(' ');
      if (literalsOut.indexOf('e') !== -1 || literalsOut.indexOf('E') !== -1) return null;
    }
  } else if (RISKY_NUMBER.test(text)) {
    return null;
  }
  if (text.indexOf('\\u') !== -1 && RISKY_ESCAPE.test(text)) return null;
  for (const key of ['"account"', '"members"', '"records"']) {
    if (text.indexOf(key) !== text.lastIndexOf(key)) return null;
  }
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(doc) || !isObject(doc.account) || !Array.isArray(doc.records)) return null;
  const { account, members, records } = doc;
  if (members != null && !Array.isArray(members)) return null;
  for (const key of Object.keys(doc)) {
    const value = doc[key];
    if (key !== 'account' && key !== 'members' && key !== 'records' && value !== null && typeof value === 'object') return null;
  }

  const { positions, marks } = fieldPositions(core);
  const lookalike = new Map(); // integer → spelledWithZeroDecimals(outside, integer)
  const ids = new Map();
  const fens = [];
  let words = new Uint32Array(64 + records.length * 32);
  let at = 0;
  // The texts, UTF-8 encoded here as they are listed (the glue would encode them anyway),
  // and where each one ends: text i is bytes[ends[i - 1]..ends[i]].
  let bytes = new Uint8Array(1024 + records.length * 64);
  let size = 0;
  let ends = new Uint32Array(256 + records.length * 8);
  let count = 0;
  const addText = (s) => {
    const length = s.length;
    if (size + length * 3 > bytes.length) bytes = grow(bytes, size + length * 3);
    if (count === ends.length) ends = grow(ends, count + 1);
    for (let i = 0; i < length; i++) {
      let code = s.charCodeAt(i);
      if (code < 0x80) {
        bytes[size++] = code;
      } else if (code < 0x800) {
        bytes[size++] = 0xc0 | (code >> 6);
        bytes[size++] = 0x80 | (code & 0x3f);
      } else if (code < 0xd800 || code > 0xdfff) {
        bytes[size++] = 0xe0 | (code >> 12);
        bytes[size++] = 0x80 | ((code >> 6) & 0x3f);
        bytes[size++] = 0x80 | (code & 0x3f);
      } else {
        // A surrogate pair is one character; a lone surrogate becomes U+FFFD, as the glue's
        // encoder makes it on the text path.
        const low = code <= 0xdbff && i + 1 < length ? s.charCodeAt(i + 1) : 0;
        if (low >= 0xdc00 && low <= 0xdfff) {
          code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
          i++;
          bytes[size++] = 0xf0 | (code >> 18);
          bytes[size++] = 0x80 | ((code >> 12) & 0x3f);
          bytes[size++] = 0x80 | ((code >> 6) & 0x3f);
          bytes[size++] = 0x80 | (code & 0x3f);
        } else {
          bytes[size++] = 0xef;
          bytes[size++] = 0xbf;
          bytes[size++] = 0xbd;
        }
      }
    }
    ends[count] = size;
    return count++;
  };
  // Times, setl_ids and amounts are nearly all distinct: listed as they come, not looked up.
  const idOf = (s) => {
    let id = ids.get(s);
    if (id === undefined) {
      id = addText(s);
      ids.set(s, id);
    }
    return id;
  };
  /** One object's known fields; false when a number cannot be proven exact. */
  const pack = (obj) => {
    if (!isObject(obj)) {
      if (Array.isArray(obj) && obj.length > 0) return false;
      if (at + 1 > words.length) words = grow(words, at + 1);
      words[at++] = NOT_OBJECT;
      return true;
    }
    const keys = Object.keys(obj);
    if (at + 1 + keys.length * 2 > words.length) words = grow(words, at + 1 + keys.length * 2);
    const head = at++;
    let cells = 0;
    for (let k = 0; k < keys.length; k++) {
      const field = positions[keys[k]];
      if (field === undefined) continue;
      const value = obj[keys[k]];
      if (value === null) continue;
      const mark = marks[field];
      if (typeof value === 'string') {
        if (mark === '$') {
          // An amount sent as text in the form toFixed(2) writes ("74.00", "-5.30") goes as
          // fen: native calls only, where the text would cost a per-character copy here and
          // a parse in interpreted wasm. Exact: for |fen| < 1e15, fen/100 lies within 0.002
          // of the decimal fen/100, so toFixed(2) spells that decimal, and the text equal to
          // it has that value, which the core's parse_fen gives too. Any other spelling
          // ("74.5", "074.00", "-0.00", " 1.00") goes as text, for the core to judge.
          const fen = Math.round(Number(value) * 100);
          if (fen < MAX_PACKED_FEN && fen > -MAX_PACKED_FEN && (fen / 100).toFixed(2) === value) {
            words[at++] = field | TAG_FEN;
            words[at++] = fens.length;
            fens.push(fen);
            cells++;
            continue;
          }
        }
        words[at++] = field | TAG_STRING;
        words[at++] = mark === '*' ? idOf(value) : addText(value);
      } else if (typeof value === 'number') {
        if (mark === '$') {
          // Exact in fen when fen/100 rounds back to the very double: the token's value
          // then is fen/100 (both have at most 15 significant digits, see the header).
          const fen = Math.round(value * 100);
          if (fen / 100 === value && fen < MAX_PACKED_FEN && fen > -MAX_PACKED_FEN) {
            words[at++] = field | TAG_FEN;
            words[at++] = fens.length;
            fens.push(fen);
            cells++;
            continue;
          }
        }
        const digits = String(value);
        if (digits.indexOf('e') !== -1 || digits.indexOf('I') !== -1 || digits.indexOf('N') !== -1) return false;
        if (mark === '#' && Number.isInteger(value)) {
          let spelled = lookalike.get(value);
          if (spelled === undefined) {
            spelled = spelledWithZeroDecimals(outside, value);
            lookalike.set(value, spelled);
          }
          if (spelled) return false;
        }
        words[at++] = field | TAG_NUMBER;
        words[at++] = addText(digits);
      } else {
        // Nothing is nested below a record: the core's reader then has no depth limit to hit.
        if (typeof value === 'object') return false;
        words[at++] = field | TAG_OTHER;
        words[at++] = 0;
      }
      cells++;
    }
    words[head] = cells;
    return true;
  };

  if (!pack(account)) return null;
  const list = members ?? [];
  if (at + 1 > words.length) words = grow(words, at + 1);
  words[at++] = list.length;
  for (let i = 0; i < list.length; i++) if (!pack(list[i])) return null;
  if (at + 1 > words.length) words = grow(words, at + 1);
  words[at++] = records.length;
  for (let i = 0; i < records.length; i++) if (!pack(records[i])) return null;
  return { bytes: bytes.subarray(0, size), ends: ends.subarray(0, count), words: words.subarray(0, at), fens: new Float64Array(fens) };
}

/** A copy of the typed array `array`, of its kind, with room for at least `need` items. */
function grow(array, need) {
  const grown = new array.constructor(Math.max(array.length * 2, need));
  grown.set(array);
  return grown;
}

/**
 * `core.Ledger.fromJson(text)`, faster where the host's JSON.parse is: the same ledger,
 * the same rejections and the same errors.
 */
export function ledgerFromText(core, text) {
  const packed = packHistory(core, text);
  return packed ? core.Ledger.fromColumns(packed.bytes, packed.ends, packed.words, packed.fens) : core.Ledger.fromJson(text);
}
