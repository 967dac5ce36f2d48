// The JS layer in front of every wasm export (bundled by scripts/build.mjs into pkg/node,
// pkg/web, pkg/wechat and pkg/alipay alike). It owns one promise: no user JS runs while a
// wasm frame is on the stack.
//
// Why: a getter, Proxy trap or toJSON that throws while Rust reads an argument unwinds
// through wasm frames and skips their epilogues, so wasm-bindgen's shadow stack pointer is
// never restored and a RefCell borrow (a Ledger's) is never released; a few thousand such
// calls corrupt the instance for good (docs/sources.md, last section). A `&str` parameter
// given a number makes the glue write out of bounds. So every argument is first read here,
// into plain values (strings, numbers, booleans, null, undefined, BigInt, symbols, and fresh
// null-prototype objects and arrays of those), each property read inside try/catch, before
// the raw glue function is called. What reaches wasm can run no code when it is read.
//
// Why not (also) restore the shadow stack pointer in the loaders: with this layer nothing
// can throw inside a wasm frame but a trap, and a trap is a Rust panic (a bug) after which
// the heap, the allocator and RefCell borrows may be half-updated — resetting the stack
// pointer alone would make a broken instance look healthy. It is not cheap either:
// `__stack_pointer` is not exported, and iOS WeChat accepts only function, memory and table
// exports, so reading it would need new wasm functions spliced into the module.
//
// A read that throws, a cycle, a function, or a wrong type where a string is required gives
// a GongjiError with code BOUNDARY_BAD_ARGUMENT naming the parameter by its catalog label
// (never its value). A Ledger or PolicySet used after free() gives BOUNDARY_RELEASED.

import { makeFastPaths } from './fast.js';

var MAX_DEPTH = 64;

// An object the core reads as "not a string, not a number": stands in for any object given
// where the core takes a primitive, so that no Proxy or exotic object reaches wasm.
var INERT = Object.freeze(Object.create(null));

function ArgumentProblem() {}

function plainCopy(value, depth, ancestors) {
  if (value === null) return null;
  var type = typeof value;
  if (type === 'function') throw new ArgumentProblem();
  if (type !== 'object') return value;
  if (depth > MAX_DEPTH) throw new ArgumentProblem();
  var isArray;
  try {
    isArray = Array.isArray(value);
  } catch (revokedProxy) {
    throw new ArgumentProblem();
  }
  if (ancestors.indexOf(value) !== -1) throw new ArgumentProblem();
  ancestors.push(value);
  var copy;
  try {
    if (isArray) {
      var length = value.length;
      if (typeof length !== 'number' || !(length >= 0) || length > 0xffffffff) throw new ArgumentProblem();
      copy = new Array(length);
      for (var index = 0; index < length; index += 1) copy[index] = plainCopy(value[index], depth + 1, ancestors);
    } else {
      var keys = Object.keys(value);
      copy = Object.create(null);
      for (var k = 0; k < keys.length; k += 1) {
        copy[keys[k]] = plainCopy(value[keys[k]], depth + 1, ancestors);
      }
    }
  } catch (problem) {
    // A getter, trap or length that throws: the caller's exception is not passed on, since
    // its text may hold the value; the parameter is named instead.
    throw new ArgumentProblem();
  } finally {
    ancestors.pop();
  }
  return copy;
}

export function makeGuard(raw) {
  function gongjiError(code, labelCode) {
    var text = raw.messageFor(code) || code;
    if (labelCode) text = text.split('{name}').join(raw.messageFor(labelCode) || '');
    var error = new Error(text);
    error.name = 'GongjiError';
    error.code = code;
    return error;
  }

  function badArgument(label) {
    return gongjiError('BOUNDARY_BAD_ARGUMENT', 'BOUNDARY_LABEL_' + label);
  }

  // One reader per parameter kind (see scripts/boundary/spec.js).
  var readers = {
    // A `&str` in Rust: a string, or a finite number read as its text (the national
    // platform sends relation and other codes as numbers at times); anything else is misuse.
    text: function (value, label) {
      if (typeof value === 'string') return value;
      if (typeof value === 'number' && isFinite(value)) return String(value);
      throw badArgument(label);
    },
    // A JsValue the core checks itself (amounts, validated text, states): primitives pass
    // as they are; any object, Proxy or function becomes INERT, which the core reports as
    // the wrong type in its own way (an error or a data result).
    value: function (value) {
      if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
      return INERT;
    },
    // The typed arrays of the column path (www/shared/ledger-columns.js): only a real typed
    // array (ArrayBuffer.isView is false for a Proxy), copied by the engine itself —
    // constructing from a typed array runs no user code.
    u8: function (value, label) {
      if (!ArrayBuffer.isView(value) || value instanceof DataView) throw badArgument(label);
      return new Uint8Array(value);
    },
    u32: function (value, label) {
      if (!ArrayBuffer.isView(value) || value instanceof DataView) throw badArgument(label);
      return new Uint32Array(value);
    },
    f64: function (value, label) {
      if (!ArrayBuffer.isView(value) || value instanceof DataView) throw badArgument(label);
      return new Float64Array(value);
    },
    // An object or array the core deserialises: copied into plain values first.
    data: function (value, label) {
      try {
        return plainCopy(value, 0, []);
      } catch (problem) {
        throw badArgument(label);
      }
    },
  };

  function readArguments(params, args) {
    var plain = new Array(params.length);
    for (var i = 0; i < params.length; i += 1) plain[i] = readers[params[i][0]](args[i], params[i][1]);
    return plain;
  }

  function guardFunction(fn, params) {
    return function () {
      return fn.apply(undefined, readArguments(params, arguments));
    };
  }

  // A class whose instances hold the raw wasm-bindgen object; free() drops it, and every
  // later use is BOUNDARY_RELEASED (free() itself again is a no-op).
  function guardClass(RawClass, spec) {
    var handles = new WeakMap();
    function Guarded() {
      throw gongjiError('BOUNDARY_BAD_ARGUMENT', 'BOUNDARY_LABEL_INPUT');
    }
    function wrap(rawObject) {
      var object = Object.create(Guarded.prototype);
      handles.set(object, rawObject);
      return object;
    }
    function live(object) {
      var rawObject = handles.get(object);
      if (!rawObject) throw gongjiError('BOUNDARY_RELEASED');
      return rawObject;
    }
    Object.keys(spec.statics).forEach(function (name) {
      var params = spec.statics[name].params;
      var returnsSelf = spec.statics[name].returnsSelf;
      Guarded[name] = function () {
        var result = RawClass[name].apply(RawClass, readArguments(params, arguments));
        return returnsSelf ? wrap(result) : result;
      };
    });
    Object.keys(spec.methods).forEach(function (name) {
      var params = spec.methods[name];
      Guarded.prototype[name] = function () {
        var plain = readArguments(params, arguments);
        // Checked after reading: a getter in an argument may have called free().
        var rawObject = live(this);
        return rawObject[name].apply(rawObject, plain);
      };
    });
    spec.getters.forEach(function (name) {
      Object.defineProperty(Guarded.prototype, name, {
        get: function () {
          return live(this)[name];
        },
        enumerable: false,
        configurable: true,
      });
    });
    Guarded.prototype.free = function () {
      var rawObject = handles.get(this);
      if (!rawObject) return;
      handles.delete(this);
      rawObject.free();
    };
    if (typeof Symbol === 'function' && Symbol.dispose) Guarded.prototype[Symbol.dispose] = Guarded.prototype.free;
    return Guarded;
  }

  /** Is this a GongjiError (any realm)? Never throws, whatever it is given. */
  function isGongjiError(error) {
    try {
      return error !== null && typeof error === 'object' && error.name === 'GongjiError' && typeof error.code === 'string';
    } catch (exoticObject) {
      return false;
    }
  }

  return { guardFunction: guardFunction, guardClass: guardClass, isGongjiError: isGongjiError };
}

/**
 * The guarded API over a raw glue namespace: every function and class in `spec` wrapped,
 * plus isGongjiError. Throws at build time when the glue exports something the spec does not
 * describe (or the reverse), so no new export can bypass the layer.
 */
export function guardApi(raw, spec, names) {
  var guard = makeGuard(raw);
  var api = { isGongjiError: guard.isGongjiError };
  names.forEach(function (name) {
    if (spec.functions[name]) api[name] = guard.guardFunction(raw[name], spec.functions[name]);
    else if (spec.classes[name]) {
      checkClassSpec(name, raw[name], spec.classes[name]);
      api[name] = guard.guardClass(raw[name], spec.classes[name]);
    }
    else throw new Error('gongji boundary: export ' + name + ' has no entry in scripts/boundary/spec.js');
  });
  // Answers that need no crossing into wasm (scripts/boundary/fast.js), behind the same readers.
  var fast = makeFastPaths(raw);
  // Their commonest calls, a primitive string, skip reading the arguments too: a primitive
  // runs no user code, so there is nothing to copy (the reading was half of messageFor's
  // time on V8), and further arguments are never read by either path. A known code is one
  // call and one lookup in the catalog already read — no `arguments`, which an interpreter
  // (JavaScriptCore without a JIT) builds as an object on every call. Any other call goes
  // through the readers as before.
  if (api.messageFor && raw.messageCatalog) {
    var readMessageFor = guard.guardFunction(fast.messageFor, spec.functions.messageFor);
    var fastState = fast.state;
    api.messageFor = function (code) {
      var catalog = fastState.catalog;
      if (catalog !== null && typeof code === 'string') {
        var known = catalog[code];
        if (typeof known === 'string') return known;
      }
      if (typeof code === 'string') {
        var text = fast.messageFor(code);
        if (text !== undefined) return text;
      }
      return readMessageFor.apply(undefined, arguments);
    };
  }
  if (api.setLocale) api.setLocale = guard.guardFunction(fast.setLocale, spec.functions.setLocale);
  if (api.formatYuan) {
    var readFormatYuan = guard.guardFunction(function (amount, options) {
      var text = options === undefined ? fast.formatPlainAmount(amount) : null;
      return text === null ? raw.formatYuan(amount, options) : text;
    }, spec.functions.formatYuan);
    api.formatYuan = function (amount, options) {
      if (options === undefined && typeof amount === 'string') {
        var text = fast.formatPlainAmount(amount);
        if (text !== null) return text;
      }
      return readFormatYuan.apply(undefined, arguments);
    };
  }
  return api;
}

// wasm-bindgen's own members, which the guarded class replaces or never offers.
var GLUE_MEMBERS = ['constructor', 'free', '__destroy_into_raw', 'length', 'name', 'prototype', '__wrap'];

function checkClassSpec(className, RawClass, classSpec) {
  var listed = Object.keys(classSpec.methods).concat(classSpec.getters, Object.keys(classSpec.statics));
  var present = Object.getOwnPropertyNames(RawClass.prototype).concat(Object.getOwnPropertyNames(RawClass));
  present.forEach(function (member) {
    if (GLUE_MEMBERS.indexOf(member) === -1 && listed.indexOf(member) === -1) {
      throw new Error('gongji boundary: ' + className + '.' + member + ' has no entry in scripts/boundary/spec.js');
    }
  });
  listed.forEach(function (member) {
    if (present.indexOf(member) === -1) throw new Error('gongji boundary: spec lists ' + className + '.' + member + ', which the glue lacks');
  });
}
