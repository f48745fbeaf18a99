// A tiny static server on loopback for the local preview, the browser tests
// and the examples.
//   node scripts/static-server.mjs DIR PORT [--quiz-origin URL]
// Applies DIR/_headers (Netlify/Cloudflare format) when present, so dist/ is
// served with its Content-Security-Policy; replaces %QUIZ_ORIGIN% in HTML;
// serves a file's precompressed .br or .gz when the browser accepts it.
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const [dirArg, portArg, ...rest] = process.argv.slice(2);
const root = resolve(dirArg ?? 'dist');
const port = Number(portArg ?? 4173);
const quizOrigin = rest[0] === '--quiz-origin' ? rest[1] : 'http://127.0.0.1:4173';
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.md': 'text/markdown; charset=utf-8',
};

/** The headers of every `_headers` block whose path pattern matches `path`. */
function readHeaders(path) {
  const file = join(root, '_headers');
  if (!existsSync(file)) return {};
  const headers = {};
  let applies = false;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (/^\S/.test(line)) {
      const pattern = new RegExp(`^${line.trim().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*')}$`);
      applies = pattern.test(path);
      continue;
    }
    const m = line.match(/^\s+([A-Za-z-]+):\s*(.+)$/);
    if (m && applies) headers[m[1].toLowerCase()] = m[2];
  }
  return headers;
}

createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://localhost');
    let path = normalize(join(root, decodeURIComponent(url.pathname)));
    if (!path.startsWith(root) || path.endsWith('_headers')) throw new Error('not served');
    if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
    let body = await readFile(path);
    const type = types[extname(path)] ?? 'application/octet-stream';
    const headers = { ...readHeaders(url.pathname), 'content-type': type, 'cache-control': 'no-store', vary: 'Accept-Encoding' };
    const accepts = req.headers['accept-encoding'] ?? '';
    const templated = type.startsWith('text/html') && body.includes('%QUIZ_ORIGIN%');
    // The build's precompressed FILE.br or FILE.gz when the browser accepts it
    // (scripts/compress.mjs); otherwise gzip on the fly, as any real host would.
    const precompressed = templated ? null : [['br', '.br'], ['gzip', '.gz']]
      .find(([coding, ext]) => new RegExp(`\\b${coding}\\b`).test(accepts) && existsSync(path + ext));
    if (precompressed) {
      body = await readFile(path + precompressed[1]);
      headers['content-encoding'] = precompressed[0];
    } else {
      if (templated) body = body.toString().replaceAll('%QUIZ_ORIGIN%', quizOrigin);
      if (/gzip/.test(accepts) && !/image\/png/.test(type)) {
        body = gzipSync(body);
        headers['content-encoding'] = 'gzip';
      }
    }
    res.writeHead(200, headers);
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  }
}).listen(port, '127.0.0.1', () => console.log(`serving ${root} on http://127.0.0.1:${port}/`));
