// WeChat mini-program entry: the shared shell layer from lib/shell.js, the release settings
// from lib/config.js, and the core as an npm package: `require('gongji')` is
// miniprogram_npm/gongji/, which 构建 npm makes from node_modules/gongji — all put there by
// `node www/scripts/sync-miniprogram.mjs` (npm install + miniprogram-ci packNpm);
// `require('gongji/start')` is its start/ folder.
var shell = require('./lib/shell.js');
var config = require('./lib/config.js');
var precore = require('./lib/precore-messages.js');

App(shell.appOptions(Object.assign({
  api: wx,
  platform: 'wechat',
  precore: precore,
  loadCore: function () { return require('gongji'); },
  // The start module (identity, money, messages) answers the login page first.
  loadStartCore: function () { return require('gongji/start'); },
}, config)));
