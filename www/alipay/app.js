// Alipay mini-program entry (also the 市民中心 service): the shared shell layer from
// lib/shell.js and the release settings from lib/config.js, put there by
// `node www/scripts/sync-miniprogram.mjs`. The core runs in the Worker workers/core.js; the
// logic layer loads lib/gongji (pkg/alipay) only on the fallback path, for a client without
// Workers (and there only the whole module: the start one has no uncompressed copy).
var shell = require('./lib/shell.js');
var config = require('./lib/config.js');
var precore = require('./lib/precore-messages.js');

App(shell.appOptions(Object.assign({
  api: my,
  platform: 'alipay',
  precore: precore,
  loadCore: function () { return require('./lib/gongji/gongji.js'); },
  loadStartCore: function () { return require('./lib/gongji/start/gongji.js'); },
}, config)));
