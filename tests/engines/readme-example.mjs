// The README's example and the results its `// →` comments state, extracted the way
// tests/js/package.test.mjs does (the marked block between <!-- example:start --> and
// <!-- example:end -->), plus a form of the same source that runs in a mini-program engine:
// the `import … from 'gongji'` line becomes a read of the loaded package, `await init()`
// gets the code-package path, and console.log collects lines.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function readmeExample() {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const match = readme.match(/<!-- example:start -->\s*```js\n([\s\S]*?)```\s*<!-- example:end -->/);
  if (!match) throw new Error('README.md has no marked example');
  const source = match[1];
  const expected = [...source.matchAll(/\/\/ → (.*)$/gm)].map((m) => m[1].trim());
  return { source, expected };
}

/**
 * The example as the body of `async function (gongji, console)`, for an engine without ES
 * modules in its logic layer. Fails loudly if the example stops looking like it does today
 * (one default-plus-named import from 'gongji', one `await init()`), rather than running
 * something else.
 */
export function exampleForPackage(source, wasmPath) {
  const importLine = /^import\s+(\w+)\s*,\s*\{([\s\S]*?)\}\s*from\s*'gongji';\s*$/m;
  const found = source.match(importLine);
  if (!found) throw new Error("the README example no longer starts with `import init, { … } from 'gongji'`");
  const names = found[2].split(',').map((s) => s.trim()).filter(Boolean);
  let body = source.replace(importLine, `var ${found[1]} = gongji.init;\nvar { ${names.join(', ')} } = gongji;`);
  const initCall = new RegExp(`await ${found[1]}\\(\\);`);
  if (!initCall.test(body)) throw new Error('the README example no longer calls `await init();`');
  body = body.replace(initCall, `await ${found[1]}(${JSON.stringify(wasmPath)});`);
  return body;
}
