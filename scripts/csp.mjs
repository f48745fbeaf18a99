// Writes DIR/_headers (Netlify / Cloudflare Pages format, also read by the
// test server) with a strict CSP: no 'unsafe-inline', no 'unsafe-eval'; only
// 'wasm-unsafe-eval' and the sha256 of each inline <script> in index.html.
// frame-ancestors comes from <meta name="quiz-parent-origins"> when present.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const dir = process.argv[2] ?? 'dist';
const html = readFileSync(`${dir}/index.html`, 'utf8');
// Every page of the build: the quiz, and the instructor page when built.
const pages = [html, ...['author/index.html'].filter((p) => existsSync(`${dir}/${p}`)).map((p) => readFileSync(`${dir}/${p}`, 'utf8'))];
const hashes = [...new Set(pages.flatMap((page) => [...page.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`)))];
const parents = html.match(/<meta name="quiz-parent-origins" content="([^"]*)"/)?.[1].trim();
const ancestors = parents ? `'self' ${parents}` : "'self' https: http://localhost:* http://127.0.0.1:*";
export const csp = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`,
  "style-src 'self'",
  "img-src 'self' https:",
  "connect-src 'self' https:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  `frame-ancestors ${ancestors}`,
].join('; ');
writeFileSync(`${dir}/_headers`, [
  '/*',
  `  Content-Security-Policy: ${csp}`,
  '  X-Content-Type-Options: nosniff',
  '  Referrer-Policy: strict-origin-when-cross-origin',
  '',
].join('\n'));
console.log(`csp: ${hashes.length} inline script hash(es): ${hashes.join(' ')}`);
