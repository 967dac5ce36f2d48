// Mini-program loader (bundled into pkg/wechat/gongji.js and pkg/alipay/gongji.js as ES2017
// CommonJS). It uses the platform's WebAssembly (WXWebAssembly / MYWebAssembly), which takes
// a path inside the code package and nothing else. Without it, it falls back to a standard
// WebAssembly: given the module bytes, or — where the platform object (wx / my) has a file
// system — reading the uncompressed module shipped beside the .br (pkg/alipay ships one: the
// Alipay logic layer has been seen to offer only a standard WebAssembly; no brotli decoder
// is bundled to keep the loader small). It touches no global but WXWebAssembly/MYWebAssembly,
// WebAssembly and wx/my: no TextEncoder/TextDecoder (utf8.js stands in), fetch, URL,
// import.meta or globalThis, and it never evaluates code.

// Where each platform's install puts the package, as an absolute code-package path: WeChat's
// 构建 npm copies the package's miniprogram folder (pkg/wechat) to miniprogram_npm/gongji/;
// an Alipay project carries pkg/alipay as lib/gongji/. The whole module is gongji.wasm.br
// there, the start module (identity, money, messages: what the login page needs) is
// start/gongji.wasm.br.
var PACKAGE_DIRS = {
  WXWebAssembly: '/miniprogram_npm/gongji/',
  MYWebAssembly: '/lib/gongji/',
};

// Realm-independent: bytes read by another realm (a Worker, a test harness) still count.
function isBytes(source) {
  return !!source && (ArrayBuffer.isView(source) || Object.prototype.toString.call(source) === '[object ArrayBuffer]');
}

// Reads a code-package file as bytes. WeChat's readFileSync takes (path) and returns the
// data; Alipay's is documented with an object ({filePath}) returning {data}: try both.
function readPackageFile(platform, path) {
  var fs = platform.getFileSystemManager();
  var result;
  try {
    result = fs.readFileSync({ filePath: path });
  } catch (objectFormFailed) {
    result = undefined;
  }
  if (result && result.data) return result.data;
  return fs.readFileSync(path);
}

// `moduleFile`: the module's path inside the package ('gongji.wasm.br' or 'start/gongji.wasm.br').
export function makeInit(glue, platformWasm, platformName, platform, moduleFile) {
  var ready = null;
  var DEFAULT_PATH = (PACKAGE_DIRS[platformName] || PACKAGE_DIRS.MYWebAssembly) + moduleFile;
  return function init(source) {
    if (ready) return ready;
    var imports = { './gongji_bg.js': glue };
    var path = source === undefined ? DEFAULT_PATH : source;
    var loading;
    if (isBytes(source)) {
      if (typeof WebAssembly === 'undefined') {
        return Promise.reject(new Error('gongji: module bytes need a standard WebAssembly, which this runtime lacks; pass the path of gongji.wasm.br'));
      }
      loading = WebAssembly.instantiate(source, imports);
    } else if (platformWasm) {
      loading = platformWasm.instantiate(path, imports);
    } else if (typeof WebAssembly !== 'undefined' && platform && typeof platform.getFileSystemManager === 'function') {
      try {
        loading = WebAssembly.instantiate(readPackageFile(platform, String(path).replace(/\.br$/, '')), imports);
      } catch (error) {
        return Promise.reject(error);
      }
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
