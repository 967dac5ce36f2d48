// UTF-8 TextEncoder/TextDecoder stand-ins for runtimes without them (the WeChat and Alipay
// logic layers). esbuild `--inject` binds the glue's references to these names to this
// module, so no global is read or written. Only what wasm-bindgen's glue calls is here:
// `new TextEncoder().encode(s)`, `.encodeInto(s, view)` and
// `new TextDecoder('utf-8', {ignoreBOM, fatal}).decode(bytes)`. Lone surrogates become U+FFFD,
// as the standard encoder does. The decoder only ever sees valid UTF-8 (Rust strings), so
// it replaces each bad byte with U+FFFD rather than implementing WHATWG's maximal subparts.

function encodeInto(text, view) {
  var read = 0;
  var written = 0;
  var length = text.length;
  while (read < length) {
    var code = text.charCodeAt(read);
    var units = 1;
    if (code >= 0xd800 && code <= 0xdbff && read + 1 < length) {
      var low = text.charCodeAt(read + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        units = 2;
      } else {
        code = 0xfffd;
      }
    } else if (code >= 0xd800 && code <= 0xdfff) {
      code = 0xfffd;
    }
    var need = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (written + need > view.length) break;
    if (need === 1) {
      view[written++] = code;
    } else if (need === 2) {
      view[written++] = 0xc0 | (code >> 6);
      view[written++] = 0x80 | (code & 0x3f);
    } else if (need === 3) {
      view[written++] = 0xe0 | (code >> 12);
      view[written++] = 0x80 | ((code >> 6) & 0x3f);
      view[written++] = 0x80 | (code & 0x3f);
    } else {
      view[written++] = 0xf0 | (code >> 18);
      view[written++] = 0x80 | ((code >> 12) & 0x3f);
      view[written++] = 0x80 | ((code >> 6) & 0x3f);
      view[written++] = 0x80 | (code & 0x3f);
    }
    read += units;
  }
  return { read: read, written: written };
}

export class TextEncoder {
  encode(text) {
    var value = text === undefined ? '' : String(text);
    var view = new Uint8Array(value.length * 3);
    var result = encodeInto(value, view);
    return view.subarray(0, result.written);
  }

  encodeInto(text, view) {
    return encodeInto(String(text), view);
  }
}

export class TextDecoder {
  decode(bytes) {
    if (!bytes) return '';
    var view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes.buffer || bytes);
    var out = '';
    var chunk = [];
    var i = 0;
    var n = view.length;
    while (i < n) {
      var b = view[i];
      var code;
      if (b < 0x80) {
        code = b;
        i += 1;
      } else if (b >= 0xc2 && b < 0xe0 && i + 1 < n && (view[i + 1] & 0xc0) === 0x80) {
        code = ((b & 0x1f) << 6) | (view[i + 1] & 0x3f);
        i += 2;
      } else if (b >= 0xe0 && b < 0xf0 && i + 2 < n && (view[i + 1] & 0xc0) === 0x80 && (view[i + 2] & 0xc0) === 0x80) {
        code = ((b & 0x0f) << 12) | ((view[i + 1] & 0x3f) << 6) | (view[i + 2] & 0x3f);
        i += 3;
      } else if (b >= 0xf0 && b < 0xf5 && i + 3 < n && (view[i + 1] & 0xc0) === 0x80 && (view[i + 2] & 0xc0) === 0x80 && (view[i + 3] & 0xc0) === 0x80) {
        code = ((b & 0x07) << 18) | ((view[i + 1] & 0x3f) << 12) | ((view[i + 2] & 0x3f) << 6) | (view[i + 3] & 0x3f);
        i += 4;
      } else {
        code = 0xfffd;
        i += 1;
      }
      if (code > 0xffff) {
        code -= 0x10000;
        chunk.push(0xd800 + (code >> 10), 0xdc00 + (code & 0x3ff));
      } else {
        chunk.push(code);
      }
      if (chunk.length >= 8192) {
        out += String.fromCharCode.apply(null, chunk);
        chunk = [];
      }
    }
    return out + String.fromCharCode.apply(null, chunk);
  }
}
