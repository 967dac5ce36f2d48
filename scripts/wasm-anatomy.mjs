// Where a module's bytes are: code size per function and per crate, read from the module's
// own name section, plus the data segments. For measuring only (issue #13): give it a module
// that still has its names, e.g. cargo's output before wasm-bindgen and wasm-opt
// (target/mvp/wasm32-unknown-unknown/release/gongji.wasm).
//
//   node scripts/wasm-anatomy.mjs file.wasm [--top=40] [--grep=REGEX]
//
// Sizes are raw bytes of each function body (before wasm-opt, which shrinks and inlines, so
// shares matter more than absolute figures). No twiggy: this is ~80 lines over the format,
// and a cargo install of twiggy costs minutes of the shared cores.
import fs from 'node:fs';
import { sections } from './wasm-sections.mjs';

function u32(bytes, at) {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    result += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [result, at];
    shift += 7;
  }
}

const text = (bytes, at, len) => Buffer.from(bytes.subarray(at, at + len)).toString('utf8');

export function anatomy(bytes) {
  const list = sections(bytes);
  let importedFunctions = 0;
  const imports = list.find((s) => s.id === 2);
  if (imports) {
    let [count, at] = u32(bytes, imports.payloadStart);
    while (count-- > 0) {
      let len;
      [len, at] = u32(bytes, at); at += len;
      [len, at] = u32(bytes, at); at += len;
      const kind = bytes[at++];
      if (kind === 0) { [, at] = u32(bytes, at); importedFunctions++; }
      else if (kind === 1) { at++; const flags = bytes[at++]; [, at] = u32(bytes, at); if (flags & 1) [, at] = u32(bytes, at); }
      else if (kind === 2) { const flags = bytes[at++]; [, at] = u32(bytes, at); if (flags & 1) [, at] = u32(bytes, at); }
      else if (kind === 3) { at += 2; }
    }
  }
  const names = new Map();
  for (const s of list.filter((x) => x.id === 0)) {
    const [len, after] = u32(bytes, s.payloadStart);
    if (text(bytes, after, len) !== 'name') continue;
    let at = after + len;
    while (at < s.end) {
      const id = bytes[at];
      const [size, body] = u32(bytes, at + 1);
      if (id === 1) {
        let [count, p] = u32(bytes, body);
        while (count-- > 0) {
          let index; let n;
          [index, p] = u32(bytes, p);
          [n, p] = u32(bytes, p);
          names.set(index, text(bytes, p, n));
          p += n;
        }
      }
      at = body + size;
    }
  }
  const functions = [];
  const code = list.find((s) => s.id === 10);
  if (code) {
    let [count, at] = u32(bytes, code.payloadStart);
    for (let i = 0; i < count; i++) {
      const [size, body] = u32(bytes, at);
      const index = importedFunctions + i;
      functions.push({ index, name: demangle(names.get(index) ?? `func[${index}]`), mangled: names.get(index) ?? '', size });
      at = body + size;
    }
  }
  const data = list.find((s) => s.id === 11);
  const bySection = list.map((s) => ({ id: s.id, size: s.end - s.start }));
  return { functions, dataBytes: data ? data.end - data.start : 0, bySection, total: bytes.length };
}

const ESCAPES = { $LT$: '<', $GT$: '>', $u20$: ' ', $C$: ',', $RF$: '&', $BP$: '*', $u7b$: '{', $u7d$: '}', $u27$: "'", $u5b$: '[', $u5d$: ']', $u3b$: ';', $u7e$: '~', $u21$: '!', $LP$: '(', $RP$: ')' };

/** Rust's legacy mangling (`_ZN…E`) back to a path, hash dropped; v0 names (`_R…`) as is. */
export function demangle(name) {
  if (!name.startsWith('_ZN')) return name;
  const parts = [];
  let at = 3;
  while (at < name.length && name[at] !== 'E') {
    const m = name.slice(at).match(/^(\d+)/);
    if (!m) break;
    at += m[1].length;
    parts.push(name.slice(at, at + Number(m[1])));
    at += Number(m[1]);
  }
  if (/^h[0-9a-f]{16}$/.test(parts.at(-1) ?? '')) parts.pop();
  return parts.join('::').replace(/\$[A-Za-z0-9]+\$/g, (e) => ESCAPES[e] ?? e).replace(/\.\./g, '::').replace(/^_</, '<');
}

/** The crate a name belongs to: `<a::B as c::D>::f` counts for a, `a::b::f` for a. */
export function crateOf(name) {
  const v0 = name.startsWith('_R') && name.match(/C(?:s[0-9A-Za-z]*_)?\d+([A-Za-z_][A-Za-z0-9_]*)/);
  if (v0) return v0[1];
  const m = demangle(name).replace(/^[<&* ]+/, '').match(/^([A-Za-z_][A-Za-z0-9_]*)/);
  return m ? m[1] : '?';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  const top = Number((process.argv.find((a) => a.startsWith('--top=')) ?? '--top=40').slice(6));
  const grep = process.argv.find((a) => a.startsWith('--grep='));
  const a = anatomy(fs.readFileSync(file));
  const codeTotal = a.functions.reduce((s, f) => s + f.size, 0);
  console.log(`${file}: ${a.total} bytes; code ${codeTotal} (${a.functions.length} functions); data ${a.dataBytes}`);
  const crates = new Map();
  for (const f of a.functions) crates.set(crateOf(f.mangled || f.name), (crates.get(crateOf(f.mangled || f.name)) ?? 0) + f.size);
  console.log('\nper crate (code bytes):');
  for (const [c, s] of [...crates].sort((x, y) => y[1] - x[1]).slice(0, 25)) console.log(`${String(s).padStart(9)}  ${c}`);
  const shown = grep ? a.functions.filter((f) => new RegExp(grep.slice(7)).test(f.name)) : a.functions;
  if (grep) console.log(`\n${shown.length} functions match, ${shown.reduce((s, f) => s + f.size, 0)} bytes`);
  console.log(`\nlargest functions:`);
  for (const f of [...shown].sort((x, y) => y.size - x.size).slice(0, top)) console.log(`${String(f.size).padStart(9)}  ${f.name.slice(0, 160)}`);
}
