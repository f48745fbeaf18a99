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
// Inline <style> elements (the quiz page inlines its CSS), allowed by hash too.
const styleHashes = [...new Set(pages.flatMap((page) => [...page.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)]
  .map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`)))];
const parents = html.match(/<meta name="quiz-parent-origins" content="([^"]*)"/)?.[1].trim();
const ancestors = parents ? `'self' ${parents}` : "'self' https: http://localhost:* http://127.0.0.1:*";
export const csp = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`,
  `style-src 'self' ${styleHashes.join(' ')}`.trim(),
  "img-src 'self' https:",
  "connect-src 'self' https:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  `frame-ancestors ${ancestors}`,
].join('; ');
// The page's files may be loaded by other sites that mount the quiz directly
// (EMBEDDING.md section 6): public, credential-less CORS on the static assets.
const assets = ['*.js', '*.wasm', '*.css', 'banks/*'].flatMap((p) => [`/${p}`, '  Access-Control-Allow-Origin: *', '']);
const headers = [
  '/*',
  `  Content-Security-Policy: ${csp}`,
  '  X-Content-Type-Options: nosniff',
  '  Referrer-Policy: strict-origin-when-cross-origin',
  '',
  ...assets,
].join('\n');
writeFileSync(`${dir}/_headers`, headers);
// The same file under a name hosts serve (they keep _headers to themselves),
// for the studio's "Publish", which packages the site from the browser.
writeFileSync(`${dir}/headers.txt`, headers);
console.log(`csp: ${hashes.length} inline script hash(es), ${styleHashes.length} inline style hash(es)`);

// The same headers, documented for whoever deploys this build.
writeFileSync(`${dir}/HEADERS.md`, `# HTTP headers for this build

Send these with every file of this folder (Netlify and Cloudflare Pages read
\`_headers\` as it is). The script hashes change with every build, because
Trunk's inline loader names this build's files: always copy them from here.

\`\`\`
Content-Security-Policy: ${csp}
X-Content-Type-Options: nosniff
Referrer-Policy: strict-origin-when-cross-origin
\`\`\`

- \`'wasm-unsafe-eval'\` lets the browser compile the quiz's WebAssembly; there is
  no \`'unsafe-inline'\` and no \`'unsafe-eval'\`.
- ${styleHashes.length} inline style hash(es): the quiz page's own CSS, inlined so the start card paints at once.
- ${hashes.length} inline script hash(es): ${hashes.join(', ')} (the quiz page and the bank editor).
- \`frame-ancestors\` lists the sites allowed to embed the quiz: ${ancestors}.
  Set your clinics' origins with \`<meta name="quiz-parent-origins" content="https://…">\`
  in index.html and rebuild.
`);
