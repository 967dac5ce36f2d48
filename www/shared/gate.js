// The base-library gate of the mini-programs: before anything loads, does this client offer
// what the core needs, and which way in does it take? (README.md, "Minimum base library".)
//
// - WeChat: WXWebAssembly arrived in base library 2.13.0, `.wasm.br` packages in 2.14.0;
//   we ship only the .br, so 2.14.0. The version is read from wx.getAppBaseInfo() (or, on
//   older libraries, wx.getSystemInfoSync()).
// - Alipay: MYWebAssembly needs base library 2.9.7 and client 10.5.60, and lives only in a
//   Worker (my.createWorker, checked with my.canIUse). A client without the Worker whose
//   logic layer still offers a standard WebAssembly and the file system takes the fallback
//   path (reported as such); anything else is told to update.
// A refusal is a code whose text is a pre-core message (the core's catalog cannot load).

/**
 * Where the module sits in each code package, as an absolute package path (the platforms'
 * instantiate wants one): WeChat's 构建 npm puts the package's miniprogram folder in
 * miniprogram_npm/gongji/; the Alipay project carries a copy in lib/gongji/.
 */
export const WASM_PATHS = {
  wechat: '/miniprogram_npm/gongji/gongji.wasm.br',
  alipay: '/lib/gongji/gongji.wasm.br',
};
/** The start module (identity, money, messages), loaded first: its start/ folder beside it. */
export const START_WASM_PATHS = {
  wechat: '/miniprogram_npm/gongji/start/gongji.wasm.br',
  alipay: '/lib/gongji/start/gongji.wasm.br',
};
/** Alipay's Worker script (bundled by www/scripts/sync-miniprogram.mjs; app.json "workers"). */
export const WORKER_SCRIPT = 'workers/core.js';

export const MINIMUM = {
  wechat: { baseLibrary: '2.14.0' },
  alipay: { baseLibrary: '2.9.7', client: '10.5.60' },
};

/** Compares dotted versions ("2.14.0" vs "2.9.7"); missing parts count as 0. */
export function compareVersions(a, b) {
  const pa = String(a).split('.').map((n) => parseInt(n, 10) || 0);
  const pb = String(b).split('.').map((n) => parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const d = (pa[i] || 0) - (pb[i] || 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

const safely = (read) => {
  try {
    return read();
  } catch {
    return undefined;
  }
};

/**
 * What the client says of itself: WeChat's getAppBaseInfo() (getSystemInfoSync() on an older
 * base library), Alipay's getSystemInfoSync(); {} when it cannot say.
 */
export function clientInfo(api, platform) {
  const info = platform !== 'alipay' && typeof api.getAppBaseInfo === 'function' ? safely(() => api.getAppBaseInfo()) : safely(() => api.getSystemInfoSync());
  return info && typeof info === 'object' ? info : {};
}

/**
 * Whether the client runs the logic layer (and Alipay's Worker) in JavaScriptCore inside an
 * iOS app, where no JIT is allowed: WeChat's platform 'ios' (iPhone and iPad), Alipay's 'iOS'
 * or 'iPhone OS'. Android runs V8 with its JIT, the devtools too; a client that cannot say
 * is taken to have one (the text path is correct everywhere, only slower without a JIT).
 * WeChat's getAppBaseInfo() has no platform: getDeviceInfo() (base library 2.20.1) or
 * getSystemInfoSync() says.
 */
export function logicLayerWithoutJit(api, platform) {
  const info = platform !== 'alipay' && typeof api.getDeviceInfo === 'function' ? safely(() => api.getDeviceInfo()) : safely(() => api.getSystemInfoSync());
  const name = info && typeof info === 'object' && typeof info.platform === 'string' ? info.platform.toLowerCase() : '';
  return name === 'ios' || name === 'iphone os' || name === 'ipados';
}

/** The base library version the client reports, or '' when it cannot say. */
export function baseLibraryVersion(api, platform) {
  if (platform === 'alipay') return String(api.SDKVersion || clientInfo(api, platform).SDKVersion || '');
  return String(clientInfo(api, platform).SDKVersion || '');
}

const atLeast = (version, minimum) => version !== '' && compareVersions(version, minimum) >= 0;

/**
 * @returns {{ok: boolean, path?: 'logic-layer' | 'worker' | 'logic-layer-fallback', code?: string, version: string}}
 */
export function checkClient(api, platform, { hasWebAssembly = false } = {}) {
  const version = baseLibraryVersion(api, platform);
  if (platform === 'wechat') {
    if (!atLeast(version, MINIMUM.wechat.baseLibrary)) return { ok: false, code: 'SHELL_UPDATE_WECHAT', version };
    return { ok: true, path: 'logic-layer', version };
  }
  const client = String(safely(() => api.getSystemInfoSync().version) || '');
  const canWorker = typeof api.createWorker === 'function' && (typeof api.canIUse !== 'function' || api.canIUse('createWorker'));
  if (canWorker && atLeast(version, MINIMUM.alipay.baseLibrary) && atLeast(client, MINIMUM.alipay.client)) {
    return { ok: true, path: 'worker', version };
  }
  if (hasWebAssembly && typeof api.getFileSystemManager === 'function') return { ok: true, path: 'logic-layer-fallback', version };
  return { ok: false, code: 'SHELL_UPDATE_ALIPAY', version };
}
