// Alipay mini-program entry (also the 市民中心 service): the core from lib/gongji
// (pkg/alipay) and the shared shell layer from lib/shell.js, both put there by
// `node www/scripts/sync-miniprogram.mjs`.
var gongji = require('./lib/gongji/gongji.js');
var shell = require('./lib/shell.js');
var config = require('./config.js');

App(shell.appOptions(Object.assign({ api: my, platform: 'alipay', gongji: gongji }, config)));
