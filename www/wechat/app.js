// WeChat mini-program entry: the shared shell layer from lib/shell.js, the core from
// lib/gongji (pkg/wechat), the release settings from lib/config.js — all put there by
// `node www/scripts/sync-miniprogram.mjs`.
var shell = require('./lib/shell.js');
var config = require('./lib/config.js');
var precore = require('./lib/precore-messages.js');

App(shell.appOptions(Object.assign({
  api: wx,
  platform: 'wechat',
  precore: precore,
  loadCore: function () { return require('./lib/gongji/gongji.js'); },
}, config)));
