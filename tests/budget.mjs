// Byte budget: gzip size of everything the quiz page loads before the first
// question is answerable. Sizes are deterministic for a given build.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = Number(process.env.QUIZ_BUDGET_KB ?? 175);
const dist = 'dist';
// The quiz page until its first question can be answered: everything in dist/
// but the loader a clinic page includes and the service worker (fetched after).
const files = readdirSync(dist).filter((f) => /\.(html|js|wasm|css)$/.test(f) && !['embed.js', 'sw.js', 'sw-extra.js'].includes(f));
let raw = 0, gz = 0;
console.log('file'.padEnd(48), 'raw B'.padStart(9), 'gzip B'.padStart(9));
for (const f of files) {
  const body = readFileSync(`${dist}/${f}`);
  const z = gzipSync(body, { level: 9 }).length;
  raw += body.length; gz += z;
  console.log(f.padEnd(48), String(body.length).padStart(9), String(z).padStart(9));
}
console.log('total'.padEnd(48), String(raw).padStart(9), String(gz).padStart(9));
const loader = gzipSync(readFileSync(`${dist}/embed.js`), { level: 9 }).length;
console.log(`embed.js (loaded by the clinic page): ${loader} B gzip, budget 5120 B\n`);
if (loader > 5120) {
  console.error('budget: embed.js is over its 5 KB budget');
  process.exit(1);
}
const kb = gz / 1024;
if (kb > BUDGET_KB) {
  console.error(`budget: ${kb.toFixed(1)} KB gzip is over the ${BUDGET_KB} KB budget`);
  process.exit(1);
}
console.log(`budget: ${kb.toFixed(1)} KB gzip, within ${BUDGET_KB} KB`);
