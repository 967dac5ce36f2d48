// 代办查看 — the logic is shared with WeChat and the web portal: www/shared/proxy-page.js
// (through www/shared/miniapp.js).
var shell = require('../../lib/shell.js');

Page(shell.pageOptions('proxy', getApp));
