// The local provincial endpoint behind `make demo` and every shell test (plain node:http):
// the API of www/openapi.json under /api/v1 (www/server/api.mjs), the web portal (www/), the
// built package (/pkg/web/), and — in test/demo mode — the fault switches at /__faults.
//
//   node www/server.mjs --port 8080          demo: sample families, fault switches on
//   node www/server.mjs --port 8080 --no-faults
//
// Only an allow-list of files is served, each with a strict Content-Security-Policy: scripts
// and styles from this origin only, plus 'wasm-unsafe-eval' so the core can be compiled —
// no inline script or style, no eval, no other origin.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { createProvince } from './server/api.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export const CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

/** URL prefix → folder; nothing outside these is served (not server/, not the mini-programs). */
const STATIC = [
  ['/pkg/web/', path.join(root, 'pkg', 'web')],
  ['/app/', path.join(here, 'app')],
  ['/shared/', path.join(here, 'shared')],
];
const FILES = { '/': path.join(here, 'index.html'), '/index.html': path.join(here, 'index.html'), '/openapi.json': path.join(here, 'openapi.json') };

function staticFile(pathname) {
  if (FILES[pathname]) return FILES[pathname];
  for (const [prefix, dir] of STATIC) {
    if (!pathname.startsWith(prefix)) continue;
    let rel;
    try {
      rel = decodeURIComponent(pathname.slice(prefix.length));
    } catch {
      return null;
    }
    const file = path.resolve(dir, rel);
    return file.startsWith(dir + path.sep) ? file : null;
  }
  return null;
}

/** What is sent compressed, when the browser accepts brotli: the text and the modules. */
const COMPRESSED = new Set(['.html', '.js', '.mjs', '.json', '.css', '.svg', '.wasm']);

/**
 * A static file's brotli bytes, as a real deployment's server or CDN sends them (the module
 * is 731 KB raw, 234 KB brotli: on mobile data the difference is seconds). Made once per
 * file version, at quality 11, and kept.
 */
const brotliCache = new Map();
function brotliOf(file, { mtimeMs, size }) {
  const key = `${file}:${mtimeMs}:${size}`;
  let bytes = brotliCache.get(key);
  if (!bytes) {
    const raw = fs.readFileSync(file);
    bytes = zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
    brotliCache.set(key, bytes);
  }
  return bytes;
}

/** The HTTP server; `faults` turns on the test switches. Listen on 127.0.0.1 only. */
export function createServer({ faults = false, now } = {}) {
  const province = createProvince({ faults, now });
  return http.createServer(async (req, res) => {
    let url;
    try {
      url = new URL(req.url, 'http://localhost');
    } catch {
      res.writeHead(400).end();
      return;
    }
    try {
      if (await province(req, res, url.pathname)) return;
    } catch (problem) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ code: 'SHELL_SERVER_ERROR' }));
      console.error('server error:', problem?.message);
      return;
    }
    const file = staticFile(url.pathname);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, SECURITY_HEADERS).end();
      return;
    }
    const stat = file && fs.existsSync(file) ? fs.statSync(file) : null;
    if (!stat || !stat.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      res.end('not found');
      return;
    }
    const brotli = COMPRESSED.has(path.extname(file)) && /\bbr\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
      vary: 'accept-encoding',
      ...(brotli ? { 'content-encoding': 'br' } : {}),
      ...SECURITY_HEADERS,
    });
    if (req.method === 'HEAD') res.end();
    else if (brotli) res.end(brotliOf(file, stat));
    else fs.createReadStream(file).pipe(res);
  });
}

/** Starts a server on `port` (0: a free one) and resolves to {server, origin}. */
export function startServer({ port = 0, faults = true, now } = {}) {
  const server = createServer({ faults, now });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${server.address().port}` }));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--port');
  const port = at > 0 ? Number(process.argv[at + 1]) : 8080;
  const faults = !process.argv.includes('--no-faults');
  if (!fs.existsSync(path.join(root, 'pkg', 'web', 'gongji.js'))) {
    console.error('pkg/web is missing: run `node scripts/build.mjs` (or `make demo`) first');
    process.exit(1);
  }
  const { origin } = await startServer({ port, faults });
  console.log(`gongji demo: ${origin.replace('127.0.0.1', 'localhost')}  (SMS code for the sample logins: 123456; see www/README.md)`);
}
