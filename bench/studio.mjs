// The studio at real scale: a generated Moodle XML export of 3,000 questions
// (bench/big-moodle.mjs) imported into /author/ in Chromium, timing what an
// instructor does with it. Not part of the test command.
//   node bench/studio.mjs [runs=3] [questions=3000] [dist=dist] [port=4381]
// (after `bash scripts/build.sh`). Each run is a fresh browser context.
// Measured in the page (performance.now): an action is timed from the click
// or key press to the first frame painted after it (a requestAnimationFrame
// callback, then a task after that frame); "longest task" is the longest
// main-thread task (PerformanceObserver "longtask") during a phase, the
// freeze a person feels.
//   open           choosing the file, to the question list shown (through
//                  the category picker when the studio offers one: all kept)
//   select         clicking a question in the list, to its form painted
//   next page      the list's next page of questions
//   keystroke      a key typed in the question's prompt, to the next frame
//                  (median of 8 keys typed 120 ms apart)
//   settle         after typing stops: to the problems and preview brought
//                  up to date (the deferred check), and its longest task
//   problem link   clicking a problem in the list (a group opened first),
//                  to its field focused
//   add source     "Add a source" (a change to the bank's structure)
//   cite for all   the one-click citation of every uncited question
//   settle, valid  the same as settle once the bank has no errors (its
//                  check then searches every question for answer leaks)
//   reopen         a reload, to the saved draft open again
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { bigMoodleXml } from './big-moodle.mjs';

const RUNS = Number(process.argv[2] ?? 3);
const N = Number(process.argv[3] ?? 3000);
const DIST = process.argv[4] ?? 'dist';
const PORT = Number(process.argv[5] ?? 4381);
const file = `target/big-${N}.moodle.xml`;
if (!existsSync(file)) {
  mkdirSync('target', { recursive: true });
  writeFileSync(file, bigMoodleXml(N).xml);
}
const server = spawn('node', ['scripts/static-server.mjs', DIST, String(PORT)], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 700));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/** Resolves after the first frame painted from now, with the time it took. */
const FRAME = `() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))`;

async function run() {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__tasks = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__tasks.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
    // Key press to the next painted frame, for every key typed.
    window.__keys = [];
    document.addEventListener('keydown', () => {
      const start = performance.now();
      requestAnimationFrame(() => setTimeout(() => window.__keys.push(performance.now() - start), 0));
    }, { capture: true });
  });
  await page.goto(`http://127.0.0.1:${PORT}/author/`);
  await page.getByRole('heading', { name: 'Question bank studio' }).waitFor();
  const now = () => page.evaluate(() => performance.now());
  const longest = (from, to) => page.evaluate(([a, b]) => Math.max(0, ...window.__tasks
    .filter(([s, d]) => s + d >= a && s <= b).map(([, d]) => d)), [from, to]);
  // Clicks `locator` in the page and times it to the next painted frame.
  const click = (locator) => locator.evaluate((el, frame) => {
    const start = performance.now();
    el.click();
    return eval(frame)().then(() => performance.now() - start);
  }, FRAME);
  const out = {};

  // Open: the file chosen, to the question list (all categories kept).
  let t0 = await now();
  await page.getByLabel('Open a file, or drop it here').setInputFiles(file);
  const list = page.getByRole('navigation', { name: /^Questions \(/ });
  const openAll = page.getByRole('button', { name: /^Open [\d,]+ questions?$/ });
  const stuck = page.getByText(/The forms cannot read this bank/);
  await Promise.race([list.waitFor({ timeout: 120_000 }), openAll.waitFor({ timeout: 120_000 }), stuck.waitFor({ timeout: 120_000 })]);
  if (await openAll.isVisible()) {
    out.categories = (await now()) - t0;
    await openAll.click();
    await Promise.race([list.waitFor({ timeout: 120_000 }), stuck.waitFor({ timeout: 120_000 })]);
  }
  await page.evaluate(FRAME);
  let t1 = await now();
  out.open = t1 - t0;
  out.openLongest = await longest(t0, t1);
  if (await stuck.isVisible()) {
    out.stuck = (await stuck.innerText()).slice(0, 120);
    await context.close();
    return out;
  }
  out.problems = await page.getByRole('region', { name: 'Problems' }).locator('li').count();

  // Select questions in the list.
  const selects = [];
  for (const n of [7, 42, 77]) {
    selects.push(await click(list.getByRole('button', { name: new RegExp(`^${n}\\.`) })));
    await page.getByRole('region', { name: new RegExp(`^Question ${n} of`) }).waitFor();
  }
  out.select = selects.sort((a, b) => a - b)[1];
  const nextPage = page.getByRole('button', { name: /^Next \d+ questions$|^Next page$/ });
  if (await nextPage.count()) out.nextPage = await click(nextPage.first());

  // Typing in the selected question's prompt.
  const form = page.getByRole('region', { name: /^Question \d+ of/ });
  const prompt = form.getByLabel('Question', { exact: true });
  await prompt.click();
  await page.keyboard.press('End');
  await page.evaluate(() => { window.__keys = []; });
  t0 = await now();
  for (let i = 0; i < 8; i++) {
    await page.keyboard.type('x');
    await page.waitForTimeout(120);
  }
  const keys = await page.evaluate(() => window.__keys);
  out.keystroke = keys.sort((a, b) => a - b)[Math.floor(keys.length / 2)];
  out.keystrokeMax = Math.max(...keys);
  out.typingLongest = await longest(t0, await now());
  // Settle: the problems and the preview catch up once typing stops.
  const typed = await prompt.inputValue();
  t0 = await now();
  const preview = page.getByRole('region', { name: /^Preview/ });
  await preview.locator('fieldset legend').filter({ hasText: typed.trim().slice(-20) }).waitFor({ timeout: 60_000 });
  await page.evaluate(FRAME);
  t1 = await now();
  out.settle = t1 - t0;
  out.settleLongest = await longest(t0, t1);

  // A problem in the list, to its field (in a group: opened first).
  const problems = page.getByRole('region', { name: 'Problems' });
  const group = problems.locator('details summary').first();
  if (await group.count()) out.openGroup = await click(group);
  const link = problems.getByRole('button', { name: /^Question \d+$/ }).first();
  if (await link.count()) out.problemLink = await click(link);

  // Add a source (structural), name it, cite it for every question.
  const sources = page.getByRole('region', { name: 'Sources' });
  out.addSource = await click(sources.getByRole('button', { name: 'Add a source' }));
  const id = sources.getByLabel('Source id');
  await id.fill('leaflet');
  await sources.getByLabel('Where in leaflet (section, page or paragraph)').fill('Aftercare');
  t0 = await now();
  out.citeAll = await click(sources.getByRole('button', { name: /^Cite leaflet for the [\d,]+ questions without a citation$/ }));
  await page.locator('.studio-bar .status').filter({ hasText: /is now cited by/ }).waitFor({ timeout: 60_000 });
  await page.evaluate(FRAME);
  t1 = await now();
  out.citeAllDone = t1 - t0;
  out.citeAllLongest = await longest(t0, t1);
  out.problemsAfter = await problems.locator('li').count();

  // The rest of the source and the disclaimer: a bank without errors, whose
  // check then includes the answer-leak search across all questions.
  for (const [label, value] of [['Title', 'Aftercare leaflet'], ['Address (https only)', 'https://example.org/leaflet'],
    ['Publisher, journal or website', 'The clinic'], ['Date as the source gives it', '2026'], [/^Authors/, 'The clinic']]) {
    await sources.getByLabel(label).fill(value);
  }
  await page.getByLabel('Disclaimer shown to patients').fill('Education only, not medical advice.');
  await problems.locator('.summary').filter({ hasText: /^No errors|^No problems/ }).waitFor({ timeout: 60_000 });
  await page.evaluate(FRAME);
  await prompt.click();
  await page.keyboard.press('End');
  t0 = await now();
  await page.keyboard.type('yz');
  const typed2 = await prompt.inputValue();
  await preview.locator('fieldset legend').filter({ hasText: typed2.trim().slice(-20) }).waitFor({ timeout: 60_000 });
  await page.evaluate(FRAME);
  t1 = await now();
  out.settleValid = t1 - t0;
  out.settleValidLongest = await longest(t0, t1);
  out.problemsValid = await problems.locator('li').count();

  // A reload reopens the draft saved in the browser.
  t0 = Date.now();
  await page.reload();
  await list.waitFor({ timeout: 120_000 });
  await page.evaluate(FRAME);
  out.reopen = Date.now() - t0;
  await context.close();
  return out;
}

const runs = [];
for (let i = 0; i < RUNS; i++) {
  const r = await run();
  console.error(JSON.stringify(r));
  runs.push(r);
}
await browser.close();
server.kill();

const median = (k) => {
  const xs = runs.map((r) => r[k]).filter((x) => typeof x === 'number').sort((a, b) => a - b);
  return xs.length ? xs[Math.floor(xs.length / 2)] : NaN;
};
const fmt = (n) => (Number.isFinite(n) ? n.toFixed(0) : '–');
console.log(`\nThe studio with ${N.toLocaleString('en')} imported questions (${DIST}), median of ${RUNS} runs, ms:\n`);
console.log('| interaction | to the next frame | longest task |');
console.log('|---|---|---|');
const rows = [
  ['open (file chosen → question list)', 'open', 'openLongest'],
  ['  of which: file chosen → category picker', 'categories', null],
  ['select a question in the list', 'select', null],
  ['next page of the list', 'nextPage', null],
  ['keystroke in the prompt (median)', 'keystroke', 'typingLongest'],
  ['keystroke (slowest of 8)', 'keystrokeMax', null],
  ['typing stops → problems and preview up to date', 'settle', 'settleLongest'],
  ['open a group of problems (its places)', 'openGroup', null],
  ['click a problem → its field', 'problemLink', null],
  ['add a source', 'addSource', null],
  ['cite a source for every question (click → done)', 'citeAllDone', 'citeAllLongest'],
  ['typing stops → up to date, bank without errors (answer-leak search included)', 'settleValid', 'settleValidLongest'],
  ['reload → the draft reopened (wall clock)', 'reopen', null],
];
for (const [label, k, l] of rows) console.log(`| ${label} | ${fmt(median(k))} | ${l ? fmt(median(l)) : ''} |`);
console.log(`\nproblem list entries: ${fmt(median('problems'))} after the import, ${fmt(median('problemsAfter'))} after citing, ${fmt(median('problemsValid'))} without errors`);
if (runs[0].stuck) console.log(`stuck: ${runs[0].stuck}`);
