// What each platform loads before its first call (issue #13: "what a mini-program loads at
// start ≤ 100 KB brotli"), in brotli bytes as it travels: the loader and glue JS and the
// module. The mini-programs ship the module as gongji.wasm.br (counted as it is); Alipay's
// uncompressed gongji.wasm is only read when the logic layer lacks MYWebAssembly, so it is
// not start-up weight of the documented path. The web build's files are counted as a
// server sends them with brotli. Used by scripts/build.mjs (printed) and
// tests/checks/startup-size.test.mjs (asserted).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const brotli = (bytes) => zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** The files of one module in each platform folder: [file, already brotli?]. */
const MODULE_FILES = {
  wechat: [['gongji.js', false], ['gongji.wasm.br', true]],
  alipay: [['gongji.js', false], ['gongji.wasm.br', true]],
  web: [['gongji.js', false], ['gongji_glue.js', false], ['gongji_bg.wasm', false]],
};

/** What each platform loads at start: the start module (start/), whose exports serve the
 * login page; the whole module follows when a page first needs more (www/shared/core-service.js). */
export const STARTUP_FILES = Object.fromEntries(Object.entries(MODULE_FILES)
  .map(([platform, files]) => [platform, files.map(([file, compressed]) => [`start/${file}`, compressed])]));

/** The whole module's files, loaded after the start (for the build's table). */
export const WHOLE_FILES = MODULE_FILES;

/** [{platform, moduleBrotli, jsBrotli, total}] for the package in `pkgDir`: at start, or for
 * `files` = WHOLE_FILES the whole module loaded later. */
export function startupBytes(pkgDir, files = STARTUP_FILES) {
  return Object.entries(files).map(([platform, files]) => {
    let moduleBrotli = 0;
    let jsBrotli = 0;
    for (const [file, compressed] of files) {
      const bytes = fs.readFileSync(path.join(pkgDir, platform, file));
      const size = compressed ? bytes.length : brotli(bytes);
      if (file.includes('.wasm')) moduleBrotli += size;
      else jsBrotli += size;
    }
    return { platform, moduleBrotli, jsBrotli, total: moduleBrotli + jsBrotli };
  });
}
