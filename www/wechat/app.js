// WeChat mini-program entry: the core from lib/gongji (pkg/wechat) and the shared shell
// layer from lib/shell.js, both put there by `node www/scripts/sync-miniprogram.mjs`.
var gongji = require('./lib/gongji/gongji.js');
var shell = require('./lib/shell.js');
var config = require('./config.js');

App(shell.appOptions(Object.assign({ api: wx, platform: 'wechat', gongji: gongji }, config)));
