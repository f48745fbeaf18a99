// Byte budget: what the quiz page transfers before its first question can be
// answered, compressed with gzip -9 and with brotli (the build's own .gz and
// .br files, scripts/compress.mjs). Sizes are deterministic for a build.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';

const GZIP_KB = Number(process.env.QUIZ_BUDGET_KB ?? 173);
const BROTLI_KB = Number(process.env.QUIZ_BUDGET_BR_KB ?? 144);
const dist = 'dist';
// The quiz page until its first question can be answered: everything in dist/
// but the loader a clinic page includes and the service worker (fetched after).
// quiz.css is a copy for sites that mount the quiz directly (the page inlines it);
// scorm.js is loaded only by SCORM packages (its own budget below).
const later = ['embed.js', 'sw.js', 'sw-extra.js', 'quiz.css', 'scorm.js'];
const files = readdirSync(dist).filter((f) => /\.(html|js|wasm|css)$/.test(f) && !later.includes(f));
const size = (p) => (existsSync(p) ? statSync(p).size : null);
let raw = 0, gz = 0, br = 0, missing = [];
console.log('file'.padEnd(48), 'raw B'.padStart(9), 'gzip B'.padStart(9), 'brotli B'.padStart(9));
for (const f of files) {
  const r = size(`${dist}/${f}`);
  const g = size(`${dist}/${f}.gz`) ?? (missing.push(`${f}.gz`), r);
  const b = size(`${dist}/${f}.br`) ?? (missing.push(`${f}.br`), r);
  raw += r; gz += g; br += b;
  console.log(f.padEnd(48), String(r).padStart(9), String(g).padStart(9), String(b).padStart(9));
}
console.log('total'.padEnd(48), String(raw).padStart(9), String(gz).padStart(9), String(br).padStart(9));
const loader = readFileSync(`${dist}/embed.js`).length;
const loaderGz = size(`${dist}/embed.js.gz`) ?? loader;
console.log(`embed.js (loaded by the clinic page): ${loaderGz} B gzip, budget 5120 B`);
const adapterGz = size(`${dist}/scorm.js.gz`) ?? size(`${dist}/scorm.js`);
console.log(`scorm.js (loaded only in SCORM packages): ${adapterGz} B gzip, budget 5120 B\n`);
if (adapterGz > 5120) {
  console.error('budget: scorm.js is over its 5 KB budget');
  process.exitCode = 1;
}
let failed = false;
if (missing.length) {
  console.error(`budget: no precompressed ${missing.join(', ')} (run scripts/compress.mjs)`);
  failed = true;
}
if (loaderGz > 5120) {
  console.error('budget: embed.js is over its 5 KB budget');
  failed = true;
}
for (const [name, bytes, kb] of [['gzip', gz, GZIP_KB], ['brotli', br, BROTLI_KB]]) {
  const have = bytes / 1024;
  if (have > kb) {
    console.error(`budget: ${have.toFixed(1)} KB ${name} is over the ${kb} KB budget`);
    failed = true;
  } else {
    console.log(`budget: ${have.toFixed(1)} KB ${name}, within ${kb} KB`);
  }
}
// Nothing of the studio (its forms, drafts, TOML editing, the importers and
// the draft preview) is in the quiz page's wasm; each marker is checked to be
// in the studio's own wasm, so the check cannot pass by looking for nothing.
const wasmIn = (dir) => readdirSync(dir).filter((f) => f.endsWith('.wasm')).map((f) => readFileSync(`${dir}/${f}`));
const quizWasm = Buffer.concat(wasmIn(dist));
const studioWasm = Buffer.concat(wasmIn(`${dist}/author`));
const markers = [
  'bank-studio:draft:',           // drafts saved in the browser
  'questions without a citation', // the studio's "cite for every question" action
  'Question bank studio',         // the studio's heading
  'draft-no-source',              // the draft preview's placeholder source
  'cleaned the formatting of',    // the Moodle HTML cleaning summary
  'questions are not supported',  // the GIFT and Moodle XML importers
  'write dates in quotes',        // the TOML reader's messages (the quiz reads JSON)
];
for (const m of markers) {
  const inStudio = studioWasm.includes(m);
  const inQuiz = quizWasm.includes(m);
  if (!inStudio) {
    console.error(`budget: marker "${m}" is not in the studio's wasm either; update the list`);
    failed = true;
  } else if (inQuiz) {
    console.error(`budget: the quiz page's wasm contains studio code ("${m}")`);
    failed = true;
  }
}
if (!failed) console.log(`budget: none of ${markers.length} studio markers in the quiz wasm (all in the studio's)`);
process.exit(failed ? 1 : 0);
