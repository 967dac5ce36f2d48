// `make fuzz` (not part of `make test`): mutation fuzzing of the boundary through pkg/node
// for a set time (FUZZ_SECONDS, default 60), starting from and growing tests/fuzz/corpus.
//
// Why not Jazzer.js, which issue 11 suggests: @jazzer.js/core 4.0.0 ships its libFuzzer addon
// prebuilt for glibc ≥ 2.38 (this Debian 12 has 2.36, so it fails to load), and 2.1.0 fetches
// its addon from GitHub or builds it with node headers from nodejs.org — both outside the
// registries. So this driver mutates corpus inputs itself (bit flips, byte inserts and
// deletes, splices, fresh random inputs) and keeps an input when it reaches an export and
// outcome (result type or error code) not seen before: feedback by outcome, not by coverage.
// A finding (a non-GongjiError thrown, or an instance that stops answering) is written to
// tests/fuzz/findings/ and fails the run.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const corpusDir = path.join(here, 'corpus');
const findingsDir = path.join(here, 'findings');
const target = createRequire(import.meta.url)('./boundary.cjs');
const seconds = Number(process.env.FUZZ_SECONDS || 60);
const MAX_CORPUS = 400;

function random(n) {
  return crypto.randomInt(n);
}

function mutate(input, corpus) {
  const bytes = Array.from(input);
  const steps = 1 + random(4);
  for (let s = 0; s < steps; s += 1) {
    switch (random(5)) {
      case 0: if (bytes.length) bytes[random(bytes.length)] ^= 1 << random(8); break;
      case 1: bytes.splice(random(bytes.length + 1), 0, random(256)); break;
      case 2: if (bytes.length) bytes.splice(random(bytes.length), 1 + random(4)); break;
      case 3: { const other = corpus[random(corpus.length)]; const at = random(other.length + 1); bytes.splice(random(bytes.length + 1), 0, ...other.subarray(at, at + 1 + random(16))); break; }
      default: if (bytes.length) bytes[random(bytes.length)] = [0, 1, 0x7f, 0x80, 0xff, 0x22, 0x7b][random(7)];
    }
  }
  return Buffer.from(bytes.slice(0, 4096));
}

fs.mkdirSync(corpusDir, { recursive: true });
const corpus = fs.readdirSync(corpusDir).sort().map((name) => fs.readFileSync(path.join(corpusDir, name)));
const seen = new Set();
for (const input of corpus) seen.add(target.fuzz(input));
if (!corpus.length) corpus.push(crypto.randomBytes(32));

const perExport = {};
let calls = 0;
const memoryBefore = target.wasmMemoryBytes();
const deadline = Date.now() + seconds * 1000;
while (Date.now() < deadline) {
  for (let batch = 0; batch < 200; batch += 1) {
    const input = random(10) === 0 ? crypto.randomBytes(1 + random(256)) : mutate(corpus[random(corpus.length)], corpus);
    let signature;
    try {
      signature = target.fuzz(input);
    } catch (error) {
      fs.mkdirSync(findingsDir, { recursive: true });
      const file = path.join(findingsDir, crypto.createHash('sha1').update(input).digest('hex'));
      fs.writeFileSync(file, input);
      console.error(`finding after ${calls} calls: ${error && error.name}: ${error && error.message}\n  input saved to ${path.relative(process.cwd(), file)}`);
      process.exit(1);
    }
    calls += 1;
    const name = signature.split(' → ')[0];
    perExport[name] = (perExport[name] || 0) + 1;
    if (!seen.has(signature) && corpus.length < MAX_CORPUS) {
      seen.add(signature);
      corpus.push(input);
      fs.writeFileSync(path.join(corpusDir, crypto.createHash('sha1').update(input).digest('hex').slice(0, 16)), input);
    }
  }
}
console.log(`fuzzed ${calls} calls in ${seconds} s; corpus ${corpus.length} inputs, ${seen.size} export/outcome pairs; wasm memory ${memoryBefore} → ${target.wasmMemoryBytes()} bytes`);
for (const [name, count] of Object.entries(perExport).sort()) console.log(`  ${name.padEnd(36)} ${count}`);
