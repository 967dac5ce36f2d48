// Loading a history fast on an engine without a JIT (iOS WeChat/Alipay): the host's native
// JSON.parse tokenises the text, this packer hands the core only the contract's fields as
// compact columns (one table of distinct texts, one Uint32Array; layout in
// src/ledger/columns.rs), and the core applies the very rules of `Ledger.fromJson` to them.
// Measured in jsc with every JIT off, parsing in interpreted wasm and the glue's JS UTF-8
// encoder of the whole text were ~1 s for 10k records; JSON.parse is ~15 ms.
//
// Exactness: JSON.parse turns number tokens into doubles, so a history goes the column way
// only when the packer can prove every number token comes back from its double as the very
// text that was sent (then the core reads that text exactly, as it reads the token):
//   - no number token of 16 or more digits and points (a token of at most 15 significant
//     digits round-trips through a double: DBL_DIG), none with an exponent, none with a
//     fraction ending in 0 ("12.30": String gives "12.3"), no "-0";
//   - and String(value) of each number the packer keeps has no exponent.
// JSON.parse and the core's reader must also see the same document: no raw or escaped
// surrogate and no \u00XX escape (an escaped key could spell "records" twice), each of the
// three top-level keys at most once in the text, and nothing nested below the account,
// the members and the records (depth and duplicate-key rules then agree). Any other history,
// and text that is not JSON at all, goes to `Ledger.fromJson` unchanged, so every result,
// rejection and error is the text path's. False alarms only cost speed.

const NOT_OBJECT = 0xffffffff;
const TAG_STRING = 1 << 8;
const TAG_NUMBER = 2 << 8;
const TAG_OTHER = 3 << 8;

const RISKY_NUMBER = /[:,[]\s*(?:-?[\d.]{16}|-?[\d.]+[eE]|-?\d+\.\d*0(?!\d)|-0(?![\d.]))/;
const RISKY_TEXT = /[\ud800-\udfff]|\\u(?:00|[dD][89a-fA-F])/;
const NESTED = /:\s*[[{]|[[,]\s*\[/g;

const keysByCore = new WeakMap();

/** The core's contract keys → field position (null prototype: "__proto__" is a plain key). */
function fieldPositions(core) {
  let positions = keysByCore.get(core.Ledger);
  if (!positions) {
    positions = Object.create(null);
    core.Ledger.columnFields().split(',').forEach((key, i) => { positions[key] = i; });
    keysByCore.set(core.Ledger, positions);
  }
  return positions;
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The columns of `text`, or null when the history must go the text way (see the header).
 * @returns {{texts: string, words: Uint32Array} | null}
 */
export function packHistory(core, text) {
  if (typeof text !== 'string' || RISKY_TEXT.test(text) || RISKY_NUMBER.test(text)) return null;
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
  const nested = text.match(NESTED);
  if ((nested ? nested.length : 0) !== 2 + (members == null ? 0 : 1)) return null;

  const positions = fieldPositions(core);
  const ids = new Map();
  const texts = [];
  let words = new Uint32Array(64 + records.length * 24);
  let at = 0;
  const room = (n) => {
    if (at + n > words.length) {
      const grown = new Uint32Array(Math.max(words.length * 2, at + n));
      grown.set(words);
      words = grown;
    }
  };
  const idOf = (s) => {
    let id = ids.get(s);
    if (id === undefined) {
      id = texts.length;
      ids.set(s, id);
      texts.push(s);
    }
    return id;
  };
  /** One object's known fields; false when a number cannot be proven exact. */
  const pack = (obj) => {
    if (!isObject(obj)) {
      room(1);
      words[at++] = NOT_OBJECT;
      return true;
    }
    const keys = Object.keys(obj);
    room(1 + keys.length * 2);
    const head = at++;
    let cells = 0;
    for (let k = 0; k < keys.length; k++) {
      const field = positions[keys[k]];
      if (field === undefined) continue;
      const value = obj[keys[k]];
      if (value === null) continue;
      if (typeof value === 'string') {
        words[at++] = field | TAG_STRING;
        words[at++] = idOf(value);
      } else if (typeof value === 'number') {
        const digits = String(value);
        if (digits.indexOf('e') !== -1 || digits.indexOf('I') !== -1 || digits.indexOf('N') !== -1) return false;
        words[at++] = field | TAG_NUMBER;
        words[at++] = idOf(digits);
      } else {
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
  room(1);
  words[at++] = list.length;
  for (let i = 0; i < list.length; i++) if (!pack(list[i])) return null;
  room(1);
  words[at++] = records.length;
  for (let i = 0; i < records.length; i++) if (!pack(records[i])) return null;
  return { texts: texts.join('\0'), words: words.subarray(0, at) };
}

/**
 * `core.Ledger.fromJson(text)`, faster where the host's JSON.parse is: the same ledger,
 * the same rejections and the same errors.
 */
export function ledgerFromText(core, text) {
  const packed = packHistory(core, text);
  return packed ? core.Ledger.fromColumns(packed.texts, packed.words) : core.Ledger.fromJson(text);
}
