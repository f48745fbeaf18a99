// Writes FILE.br (brotli, quality 11) and FILE.gz (gzip -9) next to every text
// file and WebAssembly module of a build, for hosts that serve precompressed
// files as they are (EMBEDDING.md, "Precompressed files"); the static server
// serves them too. A compressed file that would not be smaller is not written.
//   node scripts/compress.mjs DIR
import { readdirSync, readFileSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { join, extname } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const dir = process.argv[2] ?? 'dist';
const kinds = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.svg', '.json', '.md', '.txt']);
const walk = (d) => readdirSync(d).flatMap((n) => {
  const p = join(d, n);
  return statSync(p).isDirectory() ? walk(p) : [p];
});
let files = 0, raw = 0, br = 0, gz = 0;
for (const path of walk(dir)) {
  if (/\.(br|gz)$/.test(path)) { rmSync(path); continue; } // from an earlier run
  if (!kinds.has(extname(path))) continue;
  const body = readFileSync(path);
  const b = brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      [constants.BROTLI_PARAM_MODE]: path.endsWith('.wasm') ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
    },
  });
  const g = gzipSync(body, { level: 9 });
  if (b.length < body.length) writeFileSync(`${path}.br`, b);
  if (g.length < body.length) writeFileSync(`${path}.gz`, g);
  files++; raw += body.length; br += Math.min(b.length, body.length); gz += Math.min(g.length, body.length);
}
console.log(`compress: ${files} files, ${Math.round(raw / 1024)} KB raw, ${Math.round(gz / 1024)} KB gzip, ${Math.round(br / 1024)} KB brotli`);
