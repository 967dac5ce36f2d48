import init, { version } from '/pkg/web/gongji.js';

await init();
document.getElementById('version').textContent = version();
