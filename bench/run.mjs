// Load benchmark: the quiz page against three reference pages showing the same
// first question, in Chromium over CDP. Not part of the test command.
//   node bench/run.mjs [runs=7] [pipeline]   (after `bash scripts/build.sh`;
//   "pipeline" skips the page load comparison)
// Fresh context per run, cache disabled, one warm-up, then the median of the
// runs, unthrottled and at Fast 3G + 4x CPU. All pages are served on loopback
// with their precompressed files (brotli to Chromium; gzip for the second
// transfer figure). Per page: ready (its "quiz-ready" mark), FCP, LCP, CLS.
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { unzipSync } from 'fflate';
import { chromium } from '@playwright/test';
import { ordinaryBank } from './big-moodle.mjs';

const RUNS = Number(process.argv[2] ?? 7);
const LOAD = process.argv[3] !== 'pipeline';
const site = 'target/bench-site';
rmSync(site, { recursive: true, force: true });
mkdirSync(`${site}/banks`, { recursive: true });
cpSync('bench/pages', site, { recursive: true });
cpSync('dist/banks/microneedling.json', `${site}/banks/microneedling.json`);
for (const f of ['survey-core/survey.core.min.js', 'survey-core/survey-core.min.css', 'survey-js-ui/survey-js-ui.min.js']) {
  cpSync(`node_modules/${f}`, `${site}/${f.split('/')[1]}`);
}
// The reference pages get precompressed files too, as the quiz does.
execFileSync('node', ['scripts/compress.mjs', site], { stdio: 'ignore' });

// A copy of dist/ with generated banks for the in-page pipeline figures: the
// shape of core/benches/pipeline.rs (every part the validator checks, short
// texts), and "3000 ordinary": the 3,000 questions of bench/big-moodle.mjs
// as the studio compiles them (texts of ordinary length, 2.5 MB of JSON).
const sized = 'target/bench-dist';
rmSync(sized, { recursive: true, force: true });
cpSync(process.env.BENCH_DIST ?? 'dist', sized, { recursive: true });
const SIZES = [200, 1000, 3000, 5000];
const ordinary = JSON.stringify(ordinaryBank(3000));
writeFileSync(`${sized}/bench-3000-ordinary.json`, ordinary);
console.log(`3000 ordinary: ${(ordinary.length / 1024 / 1024).toFixed(2)} MB of JSON`);
for (const n of SIZES) {
  const questions = Array.from({ length: n }, (_, i) => ({
    id: `q${i}`, topic: `t${i % 7}`, kind: 'single', prompt: `Q${i}?`,
    choices: [{ id: 'a', text: 'Yes', correct: true }, { id: 'b', text: 'No' }],
    explanation: 'E.', cites: [{ source: 's', locator: 'I' }],
  }));
  writeFileSync(`${sized}/bench-${n}.json`, JSON.stringify({
    format: 1,
    bank: { id: `bench-${n}`, title: 'Bench', language: 'en', version: '1', description: 'd', pass_mark: 70, disclaimer: 'x' },
    sources: [{ id: 's', title: 'S', authors: ['A'], publisher: 'P', date: '2020', url: 'https://example.org/' }],
    topics: Array.from({ length: 7 }, (_, t) => ({ id: `t${t}`, label: `Topic ${t}` })),
    questions,
  }));
}

// The default bank published as a website and as a SCORM 1.2 package (opened
// without an LMS, as its first screen is the same), unzipped as a host would.
const published = 'target/bench-published';
rmSync(published, { recursive: true, force: true });
for (const to of ['site', 'scorm12']) {
  const zip = `target/bench-${to}.zip`;
  execFileSync('cargo', ['run', '-q', '-p', 'quiz-core', '--features', 'toml', '--bin', 'bank', '--',
    'package', '--to', to, 'questions/microneedling.toml', '--out', zip, '--site', 'dist'], { stdio: 'ignore' });
  for (const [name, data] of Object.entries(unzipSync(readFileSync(zip)))) {
    mkdirSync(dirname(`${published}/${to}/${name}`), { recursive: true });
    writeFileSync(`${published}/${to}/${name}`, data);
  }
}
execFileSync('node', ['scripts/compress.mjs', published], { stdio: 'ignore' });

const servers = [
  // (Not 4190: browsers refuse that port.)
  spawn('node', ['scripts/static-server.mjs', 'dist', '4290'], { stdio: 'ignore' }),
  spawn('node', ['scripts/static-server.mjs', published, '4293'], { stdio: 'ignore' }),
  spawn('node', ['scripts/static-server.mjs', site, '4291'], { stdio: 'ignore' }),
  spawn('node', ['scripts/static-server.mjs', sized, '4292'], { stdio: 'ignore' }),
];
await new Promise((r) => setTimeout(r, 700));

const PAGES = [
  ['static HTML (floor)', 'http://127.0.0.1:4291/static.html'],
  ['vanilla JS + JSON bank', 'http://127.0.0.1:4291/vanilla.html'],
  ['SurveyJS', 'http://127.0.0.1:4291/surveyjs.html'],
  ['this quiz (Yew/wasm)', 'http://127.0.0.1:4290/'],
  ['this quiz, ?bank= (no prerendered card)', 'http://127.0.0.1:4290/?bank=banks/microneedling.json'],
  ['published website (bank.json)', 'http://127.0.0.1:4293/site/'],
  ['SCORM 1.2 package (no LMS)', 'http://127.0.0.1:4293/scorm12/'],
];
// Chrome DevTools' "Fast 3G" preset.
const FAST3G = { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 / 8) * 0.9, uploadThroughput: (750 * 1024 / 8) * 0.9 };
const PROFILES = [['unthrottled', null, 1], ['Fast 3G + 4x CPU', FAST3G, 4]];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function once(url, network, cpu, encoding) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => { window.__wasmMemory = e.detail.wasm.memory.buffer.byteLength; });
    window.__lcp = NaN; window.__cls = 0;
    new PerformanceObserver((l) => { const e = l.getEntries(); window.__lcp = e[e.length - 1].startTime; })
      .observe({ type: 'largest-contentful-paint', buffered: true });
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })
      .observe({ type: 'layout-shift', buffered: true });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Performance.enable');
  if (network) await cdp.send('Network.emulateNetworkConditions', network);
  if (encoding) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': encoding } });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  let bytes = 0, requests = 0;
  cdp.on('Network.requestWillBeSent', () => { requests++; });
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => performance.getEntriesByName('quiz-ready').length > 0, null, { timeout: 60_000 });
  // Two frames later, so that pages which draw after their mark have painted.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const timing = await page.evaluate(() => ({
    ready: performance.getEntriesByName('quiz-ready')[0].startTime,
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    lcp: window.__lcp,
    cls: window.__cls,
    wasm: window.__wasmMemory ?? 0,
  }));
  const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  await context.close();
  return { ...timing, bytes, requests, heap: metrics.JSHeapUsedSize };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = {};
for (const [profile, network, cpu] of LOAD ? PROFILES : []) {
  for (const [name, url] of PAGES) {
    await once(url, network, cpu); // warm-up
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await once(url, network, cpu));
    results[`${profile}|${name}`] = Object.fromEntries(['ready', 'fcp', 'lcp', 'cls', 'bytes', 'requests', 'heap', 'wasm'].map((k) => [k, median(runs.map((r) => r[k]))]));
    // The same page with gzip only, for the gzip transfer size (untimed).
    results[`${profile}|${name}`].gzip = (await once(url, null, 1, 'gzip')).bytes;
  }
}

// Bank pipeline in the page: the "bank-parse" measure (parse + validate, first
// and only call), the longest main-thread task while loading (a freeze), and
// the first question: from the navigation to the start page ready, and from
// the click on Start to the first question painted.
async function pipeline(n, cpu) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  await page.goto(`http://127.0.0.1:4292/?bank=bench-${n}.json&count=10`);
  await page.waitForFunction(() => performance.getEntriesByName('quiz-ready').length > 0, null, { timeout: 60_000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const r = await page.evaluate(() => ({
    parse: performance.getEntriesByName('bank-parse').at(-1)?.duration ?? NaN,
    longest: window.__longest,
    ready: performance.getEntriesByName('quiz-ready')[0].startTime,
  }));
  r.first = await page.getByRole('button', { name: 'Start the quiz' }).evaluate((b) => new Promise((resolve) => {
    const start = performance.now();
    b.click();
    const seen = () => (document.querySelector('fieldset legend')
      ? requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0))
      : requestAnimationFrame(seen));
    seen();
  }));
  await context.close();
  return r;
}
const pipe = {};
for (const cpu of [1, 4]) {
  for (const n of [...SIZES, '3000-ordinary']) {
    await pipeline(n, cpu);
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await pipeline(n, cpu));
    pipe[`${cpu}|${n}`] = Object.fromEntries(['parse', 'longest', 'ready', 'first'].map((k) => [k, median(runs.map((r) => r[k]))]));
  }
}

// Interaction at 4x CPU: from the click on Check (and on Next) to the first
// DOM change, and whether that change came before the next frame.
async function interaction() {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto('http://127.0.0.1:4290/?count=3&seed=1');
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  const click = (name) => page.evaluate((name) => new Promise((resolve) => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === name);
    let changed = null;
    const observer = new MutationObserver(() => { changed ??= performance.now(); });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    requestAnimationFrame(() => {
      const frame = performance.now();
      observer.disconnect();
      resolve({ ms: changed === null ? NaN : changed - start, inFrame: changed !== null && changed <= frame });
    });
    const start = performance.now();
    button.click();
  }), name);
  await page.locator('fieldset input').first().check();
  const check = await click('Check answer');
  const next = await click('Next question');
  await context.close();
  return { check, next };
}
const clicks = [];
for (let i = 0; i < RUNS; i++) clicks.push(await interaction());

await browser.close();
servers.forEach((s) => s.kill());

const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '–');
if (LOAD) {
console.log(`\nmedian of ${RUNS} runs (after one warm-up), fresh context, cache disabled\n`);
console.log('| profile | page | KB brotli | KB gzip | requests | ready ms | FCP ms | LCP ms | CLS | JS heap MB | wasm MiB |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const [key, r] of Object.entries(results)) {
  const [profile, name] = key.split('|');
  console.log(`| ${profile} | ${name} | ${fmt(r.bytes / 1024, 1)} | ${fmt(r.gzip / 1024, 1)} | ${r.requests} | ${fmt(r.ready)} | ${fmt(r.fcp)} | ${fmt(r.lcp)} | ${fmt(r.cls, 3)} | ${fmt(r.heap / 1048576, 2)} | ${r.wasm ? fmt(r.wasm / 1048576, 2) : '–'} |`);
}
for (const [profile] of PROFILES) {
  const at = (name) => results[`${profile}|${name}`];
  const q = at('this quiz (Yew/wasm)'), b = at('this quiz, ?bank= (no prerendered card)');
  const v = at('vanilla JS + JSON bank'), st = at('static HTML (floor)'), sv = at('SurveyJS');
  console.log(`\n${profile}:`);
  console.log(`  quiz FCP / static FCP = ${fmt(q.fcp / st.fcp, 2)} (target ≤ 1.3); with ?bank= ${fmt(b.fcp / st.fcp, 2)}`);
  console.log(`  quiz ready / vanilla ready = ${fmt(q.ready / v.ready, 2)} (target ≤ 1.1); with ?bank= ${fmt(b.ready / v.ready, 2)}`);
  console.log(`  quiz / SurveyJS ready = ${fmt(q.ready / sv.ready, 2)}; vanilla / SurveyJS = ${fmt(v.ready / sv.ready, 2)}; CLS quiz ${fmt(q.cls, 3)}, ?bank= ${fmt(b.cls, 3)}`);
  // The JS heap of a page with no script at all is the browser's own floor.
  const floor = st.heap;
  const above = (name) => fmt((results[`${profile}|${name}`].heap - floor) / 1048576, 2);
  console.log(`JS heap above the static page: quiz ${above('this quiz (Yew/wasm)')} MB, vanilla ${above('vanilla JS + JSON bank')} MB, SurveyJS ${above('SurveyJS')} MB`);
}
}

console.log('\nBank pipeline in the page (median; parse + validate is the "bank-parse" measure):\n');
console.log('| CPU | questions | parse + validate ms | longest task while loading ms | start page ready ms | Start → first question ms |');
console.log('|---|---|---|---|---|---|');
for (const [key, r] of Object.entries(pipe)) {
  const [cpu, n] = key.split('|');
  console.log(`| ${cpu === '1' ? 'unthrottled' : `${cpu}x slower`} | ${n} | ${fmt(r.parse, 1)} | ${fmt(r.longest)} | ${fmt(r.ready)} | ${fmt(r.first)} |`);
}
console.log('\nInteraction at 4x CPU (median of click to first DOM change; in the same frame in how many runs):\n');
for (const k of ['check', 'next']) {
  const ms = median(clicks.map((c) => c[k].ms));
  const inFrame = clicks.filter((c) => c[k].inFrame).length;
  console.log(`${k === 'check' ? 'Check answer ' : 'Next question'}: ${fmt(ms, 1)} ms, before the next frame in ${inFrame}/${clicks.length} runs`);
}
