// Mini-program loader (bundled into pkg/wechat/gongji.js and pkg/alipay/gongji.js as ES2017
// CommonJS). It uses the platform's WebAssembly (WXWebAssembly / MYWebAssembly), which takes
// a path inside the code package and nothing else, and falls back to a standard WebAssembly
// given the module bytes (the Alipay logic layer has been seen to offer only that). It
// touches no global but those two: no TextEncoder/TextDecoder (utf8.js stands in), fetch,
// URL, import.meta or globalThis, and it never evaluates code.

var DEFAULT_PATH = 'lib/gongji/gongji.wasm.br';

// Realm-independent: bytes read by another realm (a Worker, a test harness) still count.
function isBytes(source) {
  return !!source && (ArrayBuffer.isView(source) || Object.prototype.toString.call(source) === '[object ArrayBuffer]');
}

export function makeInit(glue, platformWasm, platformName) {
  var ready = null;
  return function init(source) {
    if (ready) return ready;
    var imports = { './gongji_bg.js': glue };
    var loading;
    if (isBytes(source)) {
      if (typeof WebAssembly === 'undefined') {
        return Promise.reject(new Error('gongji: module bytes need a standard WebAssembly, which this runtime lacks; pass the path of gongji.wasm.br'));
      }
      loading = WebAssembly.instantiate(source, imports);
    } else if (platformWasm) {
      loading = platformWasm.instantiate(source === undefined ? DEFAULT_PATH : source, imports);
    } else {
      return Promise.reject(new Error('gongji: this runtime has no ' + platformName + '; pass the module bytes to init() to use a standard WebAssembly'));
    }
    ready = loading.then(function (result) {
      // WeChat's typings say instantiate resolves to an Instance, other docs to
      // {module, instance}: accept both.
      var instance = result && result.instance ? result.instance : result;
      glue.__wbg_set_wasm(instance.exports);
      if (typeof instance.exports.__wbindgen_start === 'function') instance.exports.__wbindgen_start();
    }, function (error) {
      ready = null;
      throw error;
    });
    return ready;
  };
}
