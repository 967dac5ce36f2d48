// 对账单 — the logic is shared with WeChat and the web portal: www/shared/miniapp.js.
var shell = require('../../lib/shell.js');

Page(shell.pageOptions('statement', getApp));
