// 钱能用在哪 — the logic is shared with WeChat and the web portal: www/shared/miniapp.js.
var shell = require('../../lib/shell.js');

Page(shell.pageOptions('uses', getApp));
