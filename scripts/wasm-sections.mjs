// Minimal WebAssembly binary surgery for the mini-program module: drop a custom section by
// name and drop exported globals. iOS WeChat accepts only functions, memory and tables as
// exports, and wasm-bindgen must not see the `target_features` section of an MVP build (it
// would still emit externref). Both edits only remove entries; nothing is re-encoded but the
// export section, whose format is simple: vec(name, kind byte, index).

function readU32(bytes, offset) {
  let result = 0;
  let shift = 0;
  let at = offset;
  for (;;) {
    const byte = bytes[at++];
    result |= (byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return { value: result >>> 0, next: at };
    shift += 7;
    if (shift > 28) throw new Error('LEB128 too long');
  }
}

function writeU32(value) {
  const out = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

/** Splits a module into [{id, start, end, payloadStart}] after the 8-byte header. */
export function sections(bytes) {
  const list = [];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const { value: size, next } = readU32(bytes, at + 1);
    list.push({ id, start: at, payloadStart: next, end: next + size });
    at = next + size;
  }
  return list;
}

function customName(bytes, section) {
  const { value: len, next } = readU32(bytes, section.payloadStart);
  return Buffer.from(bytes.subarray(next, next + len)).toString('utf8');
}

/** Export entries: [{name, kind, index}]; kind 0 func, 1 table, 2 memory, 3 global. */
export function exportsOf(bytes) {
  const section = sections(bytes).find((s) => s.id === 7);
  if (!section) return [];
  let { value: count, next: at } = readU32(bytes, section.payloadStart);
  const entries = [];
  while (count-- > 0) {
    const { value: len, next } = readU32(bytes, at);
    const name = Buffer.from(bytes.subarray(next, next + len)).toString('utf8');
    const kind = bytes[next + len];
    const { value: index, next: after } = readU32(bytes, next + len + 1);
    entries.push({ name, kind, index, raw: bytes.subarray(at, after) });
    at = after;
  }
  return entries;
}

function rebuild(bytes, replace) {
  const parts = [bytes.subarray(0, 8)];
  for (const section of sections(bytes)) {
    const replacement = replace(section);
    if (replacement === undefined) parts.push(bytes.subarray(section.start, section.end));
    else if (replacement !== null) parts.push(replacement);
  }
  return Buffer.concat(parts);
}

export function removeCustomSection(bytes, name) {
  return rebuild(bytes, (s) => (s.id === 0 && customName(bytes, s) === name ? null : undefined));
}

export function removeExportedGlobals(bytes) {
  return rebuild(bytes, (s) => {
    if (s.id !== 7) return undefined;
    const kept = exportsOf(bytes).filter((e) => e.kind !== 3);
    const payload = Buffer.concat([Buffer.from(writeU32(kept.length)), ...kept.map((e) => e.raw)]);
    return Buffer.concat([Buffer.from([7, ...writeU32(payload.length)]), payload]);
  });
}
