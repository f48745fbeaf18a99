// Load benchmark: the quiz page against three reference pages showing the same
// first question, in Chromium over CDP. Not part of the test command.
//   node bench/run.mjs [runs=7]        (after `bash scripts/build.sh`)
// Fresh context per run, cache disabled, one warm-up, then the median of the
// runs, unthrottled and at Fast 3G + 4x CPU. All pages served gzipped on loopback.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { chromium } from '@playwright/test';

const RUNS = Number(process.argv[2] ?? 7);
const site = 'target/bench-site';
rmSync(site, { recursive: true, force: true });
mkdirSync(`${site}/banks`, { recursive: true });
cpSync('bench/pages', site, { recursive: true });
cpSync('dist/banks/microneedling.json', `${site}/banks/microneedling.json`);
for (const f of ['survey-core/survey.core.min.js', 'survey-core/survey-core.min.css', 'survey-js-ui/survey-js-ui.min.js']) {
  cpSync(`node_modules/${f}`, `${site}/${f.split('/')[1]}`);
}

const servers = [
  spawn('node', ['scripts/static-server.mjs', 'dist', '4190'], { stdio: 'ignore' }),
  spawn('node', ['scripts/static-server.mjs', site, '4191'], { stdio: 'ignore' }),
];
await new Promise((r) => setTimeout(r, 700));

const PAGES = [
  ['static HTML (floor)', 'http://127.0.0.1:4191/static.html'],
  ['vanilla JS + JSON bank', 'http://127.0.0.1:4191/vanilla.html'],
  ['SurveyJS', 'http://127.0.0.1:4191/surveyjs.html'],
  ['this quiz (Yew/wasm)', 'http://127.0.0.1:4190/'],
];
// Chrome DevTools' "Fast 3G" preset.
const FAST3G = { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 / 8) * 0.9, uploadThroughput: (750 * 1024 / 8) * 0.9 };
const PROFILES = [['unthrottled', null, 1], ['Fast 3G + 4x CPU', FAST3G, 4]];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function once(url, network, cpu) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => { window.__wasmMemory = e.detail.wasm.memory.buffer.byteLength; });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Performance.enable');
  if (network) await cdp.send('Network.emulateNetworkConditions', network);
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
    wasm: window.__wasmMemory ?? 0,
  }));
  const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  await context.close();
  return { ...timing, bytes, requests, heap: metrics.JSHeapUsedSize };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = {};
for (const [profile, network, cpu] of PROFILES) {
  for (const [name, url] of PAGES) {
    await once(url, network, cpu); // warm-up
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await once(url, network, cpu));
    results[`${profile}|${name}`] = Object.fromEntries(['ready', 'fcp', 'bytes', 'requests', 'heap', 'wasm'].map((k) => [k, median(runs.map((r) => r[k]))]));
  }
}
await browser.close();
servers.forEach((s) => s.kill());

const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '–');
console.log(`\nmedian of ${RUNS} runs (after one warm-up), fresh context, cache disabled\n`);
console.log('| profile | page | KB transferred | requests | ready ms | FCP ms | JS heap MB | wasm MiB |');
console.log('|---|---|---|---|---|---|---|---|');
for (const [key, r] of Object.entries(results)) {
  const [profile, name] = key.split('|');
  console.log(`| ${profile} | ${name} | ${fmt(r.bytes / 1024, 1)} | ${r.requests} | ${fmt(r.ready)} | ${fmt(r.fcp)} | ${fmt(r.heap / 1048576, 2)} | ${r.wasm ? fmt(r.wasm / 1048576, 2) : '–'} |`);
}
for (const [profile] of PROFILES) {
  const q = results[`${profile}|this quiz (Yew/wasm)`].ready;
  const v = results[`${profile}|vanilla JS + JSON bank`].ready;
  const s = results[`${profile}|SurveyJS`].ready;
  console.log(`\n${profile}: quiz ready / vanilla = ${fmt(q / v, 2)} (target ≤ 1.4); quiz / SurveyJS = ${fmt(q / s, 2)} (target ≤ 0.3)`);
}
