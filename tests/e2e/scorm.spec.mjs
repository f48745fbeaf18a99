// SCORM 1.2 and 2004 packages in a test LMS. `bank package` makes the zips; a
// loopback server here plays the LMS: scorm-again's API in a wrapper page
// (tests/e2e/lms/) that frames the package's index.html from the same origin and
// logs every call. The learner takes the real quiz by role and label. A
// stand-in page with the adapter alone covers what the quiz rarely does
// (events and saves in other orders, the size limit, frames of other origins).
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { unzipSync } from 'fflate';

const PORT = Number(process.env.QUIZ_PORT ?? 4173) + 7; // beside the quiz's servers (playwright.config.mjs)
const LMS = `http://127.0.0.1:${PORT}`;
// The same server under another origin (localhost is not 127.0.0.1).
const OTHER = `http://localhost:${PORT}`;
const BANK = 'questions/microneedling.toml';
const PASS_MARK = 70;

// SCORM 1.2 RTE: CMITime HH:MM:SS[.SS]; CMITimespan HHHH:MM:SS[.SS] (hours 2-4 digits).
const CMI_TIME = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2})?$/;
const CMI_TIMESPAN = /^\d{2,4}:[0-5]\d:[0-5]\d(\.\d{1,2})?$/;
// SCORM 2004 RTE: ISO 8601 durations (at most 2 decimals of seconds) and time stamps.
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$/;
const ISO_STAMP = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2})?$/;
const IDENTIFIER = /^[A-Za-z0-9_-]{1,250}$/;
const DECIMAL = /^\d+(\.\d+)?$/;

const VERSIONS = [
  {
    name: 'SCORM 1.2', target: 'scorm12', scorm: '1.2', limit: 4096,
    finish: 'LMSFinish', init: 'LMSInitialize', set: 'LMSSetValue', commit: 'LMSCommit',
    exit: 'cmi.core.exit', sessionTime: 'cmi.core.session_time', duration: CMI_TIMESPAN,
    wrong: 'wrong', response: 'student_response', when: 'time', whenFormat: CMI_TIME,
    letters: /^[a-j](,[a-j])*$/, trueFalse: /^[tf]$/, sep: ',', tf: (id) => id[0],
    mastery: (percent) => ({ student_data: { mastery_score: String(percent) } }),
    mode: (mode) => ({ core: { lesson_mode: mode } }),
    resume: (data) => ({
      core: { entry: 'resume', lesson_status: data.core.lesson_status, lesson_location: data.core.lesson_location },
      suspend_data: data.suspend_data, interactions: data.interactions,
    }),
    status: (data) => data.core.lesson_status,
  },
  {
    name: 'SCORM 2004', target: 'scorm2004', scorm: '2004', limit: 64000,
    finish: 'Terminate', init: 'Initialize', set: 'SetValue', commit: 'Commit',
    exit: 'cmi.exit', sessionTime: 'cmi.session_time', duration: ISO_DURATION,
    wrong: 'incorrect', response: 'learner_response', when: 'timestamp', whenFormat: ISO_STAMP,
    letters: /^[a-j](\[,\][a-j])*$/, trueFalse: /^(true|false)$/, sep: '[,]', tf: (id) => id,
    mastery: (percent) => ({ scaled_passing_score: String(percent / 100) }),
    mode: (mode) => ({ mode }),
    resume: (data) => ({
      entry: 'resume', completion_status: data.completion_status, location: data.location,
      suspend_data: data.suspend_data, interactions: data.interactions,
    }),
    status: (data) => data.completion_status,
  },
];

let server;
let site;

// ---------------------------------------------------------------- the LMS server

function serve(root) {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm',
    '.svg': 'image/svg+xml', '.png': 'image/png', '.xml': 'application/xml' };
  return createServer(async (req, res) => {
    try {
      const path = normalize(join(root, decodeURIComponent(new URL(req.url, LMS).pathname)));
      if (!path.startsWith(root)) throw new Error('outside');
      const body = await readFile(path);
      res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
}

function put(path, bytes) {
  mkdirSync(dirname(join(site, path)), { recursive: true });
  writeFileSync(join(site, path), bytes);
}

test.beforeAll(async () => {
  site = mkdtempSync(join(tmpdir(), 'scorm-lms-'));
  mkdirSync(join(site, 'lms'));
  for (const v of ['scorm12', 'scorm2004']) {
    copyFileSync(`tests/e2e/lms/${v}.html`, join(site, 'lms', `${v}.html`));
    copyFileSync(`node_modules/scorm-again/dist/${v}.min.js`, join(site, 'lms', `${v}.min.js`));
  }
  server = serve(resolve(site));
  await new Promise((ok, fail) => server.once('error', fail).listen(PORT, '127.0.0.1', ok));
});

test.afterAll(async () => {
  await new Promise((ok) => (server ? server.close(ok) : ok()));
  if (site) rmSync(site, { recursive: true, force: true });
});

// ---------------------------------------------------------------- helpers

/** Opens the test LMS with the learner's data `cmi` and the SCO at `sco`. */
async function launch(page, v, cmi = {}, sco = `/packages/${v.target}/index.html`) {
  const url = `${LMS}/lms/${v.target}.html?sco=${encodeURIComponent(sco)}&cmi=${encodeURIComponent(JSON.stringify(cmi))}`;
  await page.goto(url);
  return page.frameLocator('#sco');
}

const calls = (page) => page.evaluate(() => window.lmsLog);
const lmsData = (page) => page.evaluate(() => window.lmsData().cmi);
const sets = (log, v) => log.filter((c) => c.name === v.set);
const values = (log, v, element) => sets(log, v).filter((c) => c.args[0] === element).map((c) => c.args[1]);
/** Closes the SCO as an LMS does (another SCO opens, or the player closes): pagehide fires in it. */
const leave = (page, how = 'navigate') => page.evaluate((remove) => {
  const frame = document.getElementById('sco');
  if (remove) frame.remove(); else frame.src = 'about:blank';
}, how === 'remove');

// ---------------------------------------------------------------- the adapter alone

// A stand-in for the quiz: #quiz-root, scorm.js (from embed/) and a helper to
// dispatch the quiz's events. Fast, and it reaches cases the quiz rarely does.
const MOCK_BANK = {
  format: 1,
  bank: { id: 'mock', title: 'Mock', pass_mark: 70 },
  questions: [
    { id: 'q one', kind: 'single', prompt: 'One?', points: 1,
      choices: [{ id: 'a', text: 'A' }, { id: 'b', text: 'B', correct: true }, { id: 'c', text: 'C' }] },
    { id: 'q2', kind: 'multiple', prompt: 'Two?', points: 2,
      choices: [{ id: 'x', text: 'X', correct: true }, { id: 'y', text: 'Y' }, { id: 'z', text: 'Z', correct: true }] },
    { id: 'q3', kind: 'true_false', prompt: 'Three?', points: 1,
      choices: [{ id: 'true', text: 'True' }, { id: 'false', text: 'False', correct: true }] },
  ],
};

function mockPackage(v) {
  const dir = `mock/${v.target}`;
  put(`${dir}/index.html`, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mock SCO</title></head><body>
<div id="quiz-root" data-bank="bank.json" data-bank-pass-mark="70"><p>Pass mark: 70%</p></div>
<script src="scorm.js" data-scorm="${v.scorm}"></script>
<script>
  window.boot = { live: document.documentElement.classList.contains('quiz-boot-live'),
    passMark: document.getElementById('quiz-root').getAttribute('data-pass-mark'),
    store: document.getElementById('quiz-root').getAttribute('data-progress') };
  window.progress = function (text) {
    document.getElementById('quiz-root').dispatchEvent(new CustomEvent('quiz:progress', { detail: text, bubbles: true }));
  };
  window.fire = function (type, detail) {
    document.getElementById('quiz-root').dispatchEvent(new CustomEvent('quiz:' + type, { detail: Object.assign({ version: 1 }, detail), bubbles: true }));
  };
</script></body></html>`);
  put(`${dir}/bank.json`, JSON.stringify(MOCK_BANK));
  copyFileSync('embed/scorm.js', join(site, dir, 'scorm.js'));
  return `/${dir}/index.html`;
}

const mockFrame = (page) => page.frame({ url: /\/mock\/scorm[0-9]+\/index\.html$/ });

for (const v of VERSIONS) {
  test.describe(`${v.name} adapter with a stand-in quiz`, () => {
    test('interactions, commit after the save, score before status, one finish', async ({ page }) => {
      const sco = mockPackage(v);
      await launch(page, v, v.mastery(80), sco);
      await expect.poll(() => mockFrame(page)?.evaluate(() => window.boot)).toEqual({ live: true, passMark: '80', store: 'lms' });
      const frame = mockFrame(page);
      await frame.evaluate(() => {
        fire('ready', { bank: 'mock', questions: 3 });
        fire('started', { bank: 'mock', questions: 3 });
        fire('answered', { question: 'q one', correct: false, points: 0, max: 1, choices: ['c'] });
        progress('c1~one');
      });
      // The quiz's save can come after its event, in a later task: the commit follows it.
      await frame.evaluate(() => fire('answered', { question: 'q2', correct: true, points: 2, max: 2, choices: ['z', 'x'] }));
      await frame.evaluate(() => new Promise((r) => setTimeout(r, 20)));
      await frame.evaluate(() => progress('c1~two'));
      await frame.evaluate(() => {
        fire('answered', { question: 'q3', correct: true, points: 1, max: 1, choices: ['false'] });
        progress('c1~three');
        fire('completed', { score: 3, max: 4, percent: 75, passed: false, topics: [] });
      });
      await expect.poll(async () => (await calls(page)).filter((c) => c.name === v.finish).length).toBe(1);
      const log = await calls(page);
      for (const c of log.filter((x) => x.name !== 'GetValue' && x.name !== 'LMSGetValue')) {
        expect([c.name, c.args, c.result, c.error]).toEqual([c.name, c.args, 'true', '0']);
      }
      const p = (n, f) => values(log, v, `cmi.interactions.${n}.${f}`);
      expect(p(0, 'id')).toEqual(['q_one']);
      expect(p(0, v.response)).toEqual(['c']);
      expect(p(0, 'correct_responses.0.pattern')).toEqual(['b']);
      expect(p(0, 'result')).toEqual([v.wrong]);
      expect(p(1, v.response)).toEqual([`a${v.sep}c`]);
      expect(p(1, 'weighting')).toEqual(['2']);
      expect(p(2, 'type')).toEqual(['true-false']);
      expect(p(2, v.response)).toEqual([v.tf('false')]);
      // Every interaction starts with its id.
      const first = sets(log, v).filter((c) => /^cmi\.interactions\.\d+\./.test(c.args[0]));
      expect(first[0].args[0]).toBe('cmi.interactions.0.id');
      // Each answer's commit comes after the save of its progress (a save in a
      // later task gets a commit of its own).
      const order = log.map((c) => (c.name === v.commit ? 'C' : c.name === v.set && c.args[0] === 'cmi.suspend_data' ? `S${c.args[1].slice(-3)}` : ''))
        .filter(Boolean).join(' ');
      expect(order).toBe('Sone C C Stwo C Sree C');
      // The LMS's mastery score decided: 75% is under 80.
      expect(values(log, v, v.scorm === '1.2' ? 'cmi.core.lesson_status' : 'cmi.success_status').at(-1)).toBe('failed');
      // Nothing after the finish, even if the quiz goes on.
      await frame.evaluate(() => { fire('started', { questions: 3 }); progress('c1~again'); });
      expect((await calls(page)).length).toBe(log.length);
    });

    test('progress over the LMS limit is refused; a hidden page commits; the API is found past a frame of another origin', async ({ page }) => {
      const sco = mockPackage(v);
      put('mock/relay.html', '<!doctype html><title>relay</title><iframe id="inner"></iframe><script>document.getElementById("inner").src = new URLSearchParams(location.search).get("to");</script>');
      // LMS page (127.0.0.1) > relay (localhost: another origin) > SCO (127.0.0.1).
      const relay = `${OTHER}/mock/relay.html?to=${encodeURIComponent(LMS + sco)}`;
      const warnings = [];
      page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
      await launch(page, v, {}, relay);
      await expect.poll(() => mockFrame(page)?.evaluate(() => window.boot)).toEqual({ live: false, passMark: null, store: 'lms' });
      const frame = mockFrame(page);
      await frame.evaluate((n) => { progress('x'.repeat(n)); progress('x'.repeat(n + 1)); }, v.limit);
      expect(values(await calls(page), v, 'cmi.suspend_data').map((s) => s.length)).toEqual([v.limit]);
      expect(warnings.join('\n')).toContain(`over the LMS limit of ${v.limit}`);
      // Hidden (another tab, a phone's home screen): a commit, and the session goes on.
      const before = (await calls(page)).length;
      await frame.evaluate(() => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
        document.dispatchEvent(new Event('visibilitychange'));
      });
      expect((await calls(page)).slice(before).map((c) => c.name)).toEqual([v.commit]);
    });

    test('a pass mark of 0 from the LMS: completed, with no pass or fail', async ({ page }) => {
      await launch(page, v, v.mastery(0), mockPackage(v));
      await expect.poll(() => mockFrame(page)?.evaluate(() => window.boot)).toEqual({ live: true, passMark: '0', store: 'lms' });
      await mockFrame(page).evaluate(() => fire('completed', { score: 1, max: 4, percent: 25, passed: true, topics: [] }));
      await expect.poll(async () => (await calls(page)).filter((c) => c.name === v.finish).length).toBe(1);
      const log = await calls(page);
      if (v.scorm === '1.2') {
        expect(values(log, v, 'cmi.core.lesson_status')).toEqual(['incomplete', 'completed']);
      } else {
        expect(values(log, v, 'cmi.completion_status')).toEqual(['incomplete', 'completed']);
        expect(values(log, v, 'cmi.success_status')).toEqual(['unknown']);
        expect(values(log, v, 'cmi.score.scaled')).toEqual(['0.25']);
      }
    });
  });
}

test('without an LMS the adapter does nothing: no store, no warnings', async ({ page }) => {
  const sco = mockPackage(VERSIONS[0]);
  const messages = [];
  page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
  await page.goto(LMS + sco);
  expect(await page.evaluate(() => window.boot)).toEqual({ live: false, passMark: null, store: null });
  expect(messages).toEqual(['info: Quiz: no SCORM LMS found; progress is kept in this browser.']);
});

// ---------------------------------------------------------------- the real packages

/** Files of each package (path -> bytes) and its bank, as `bank package` made them. */
const packages = {};

function buildPackages() {
  if (packages.scorm12) return;
  for (const v of VERSIONS) {
    const out = join(site, `${v.target}.zip`);
    execFileSync('cargo', ['run', '-q', '-p', 'quiz-core', '--features', 'toml', '--bin', 'bank', '--',
      'package', '--to', v.target, BANK, '--site', 'dist', '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    const files = unzipSync(readFileSync(out));
    for (const [path, bytes] of Object.entries(files)) {
      if (!path.endsWith('/')) put(`packages/${v.target}/${path}`, bytes);
    }
    packages[v.target] = { files, bank: JSON.parse(new TextDecoder().decode(files['bank.json'])) };
  }
}

/** The question on screen, from the package's bank. */
async function shown(sco, bank) {
  const legend = sco.locator('fieldset legend');
  await expect(legend).toBeVisible();
  const prompt = (await legend.innerText()).trim();
  const q = bank.questions.find((x) => x.prompt === prompt);
  expect(q, `a question of the bank: ${prompt}`).toBeTruthy();
  return q;
}

/** Answers the question on screen, right or wrong, as a person does; returns what was chosen. */
async function answer(sco, bank, right) {
  const q = await shown(sco, bank);
  const ids = right ? q.choices.filter((c) => c.correct).map((c) => c.id) : [q.choices.find((c) => !c.correct).id];
  for (const id of ids) {
    const text = q.choices.find((c) => c.id === id).text;
    await sco.getByRole(q.kind === 'multiple' ? 'checkbox' : 'radio', { name: text, exact: true }).check();
  }
  await sco.getByRole('button', { name: 'Check answer' }).click();
  await expect(sco.locator('.verdict strong')).toHaveText(right ? 'Correct' : 'Incorrect');
  return { q, ids, right };
}

/** Starts the quiz and answers `pattern.length` questions (true: right), moving on after each. */
async function take(sco, bank, pattern, { finish = false } = {}) {
  await sco.getByRole('button', { name: 'Start the quiz' }).click();
  const heading = sco.getByRole('heading', { name: /^Question 1 of \d+$/ });
  await expect(heading).toBeVisible();
  const total = Number((await heading.innerText()).match(/of (\d+)/)[1]);
  const answers = [];
  for (let i = 0; i < pattern.length; i++) {
    await expect(sco.getByRole('heading', { name: `Question ${i + 1} of ${total}` })).toBeVisible();
    answers.push(await answer(sco, bank, pattern[i]));
    const last = i + 1 === total;
    if (!last || finish) await sco.getByRole('button', { name: last ? 'See results' : 'Next question' }).click();
  }
  if (finish) await expect(sco.getByRole('heading', { name: 'Your results' })).toBeVisible();
  return { total, answers };
}

/** The responses the interactions must carry for the choices `ids` of `q`. */
function expected(v, q, ids) {
  if (q.choices.length === 2 && q.choices.map((c) => c.id).sort().join() === 'false,true') return v.tf(ids[0]);
  return ids.map((id) => q.choices.findIndex((c) => c.id === id)).sort((a, b) => a - b)
    .map((i) => 'abcdefghij'[i]).join(v.sep);
}

/** Every write and commit went through without an error, and nothing came after the finish. */
function checkCalls(log, v) {
  expect(log[0].name).toBe(v.init);
  for (const c of log.filter((x) => !x.name.endsWith('GetValue'))) {
    expect({ call: c.name, args: c.args, result: c.result, error: c.error })
      .toEqual({ call: c.name, args: c.args, result: 'true', error: '0' });
  }
  expect(log.filter((c) => c.name === v.finish)).toHaveLength(1);
  expect(log.at(-1).name).toBe(v.finish);
  for (const s of values(log, v, 'cmi.suspend_data')) {
    expect(s.length).toBeLessThanOrEqual(v.limit);
    expect(s).toMatch(/^c1~/);
  }
}

/** The interactions, in the order the SCO wrote them: `[{ id, type, … }]`, checking indices 0..n-1 and id first. */
function interactions(log, v, from = 0) {
  const list = [];
  for (const c of sets(log, v)) {
    const m = c.args[0].match(/^cmi\.interactions\.(\d+)\.(.+)$/);
    if (!m) continue;
    const n = Number(m[1]) - from;
    if (n === list.length) {
      expect(m[2], 'an interaction starts with its id').toBe('id');
      list.push({});
    }
    expect(n, 'interactions are written in order').toBe(list.length - 1);
    list[n][m[2]] = c.args[1];
  }
  return list;
}

function checkInteraction(v, got, { q, ids, right }) {
  const trueFalse = q.kind === 'true_false';
  expect(got.id).toMatch(IDENTIFIER);
  expect(got.id).toBe(q.id.replace(/[^A-Za-z0-9_-]/g, '_'));
  expect(got.type).toBe(trueFalse ? 'true-false' : 'choice');
  expect(got[v.response]).toMatch(trueFalse ? v.trueFalse : v.letters);
  expect(got[v.response]).toBe(expected(v, q, ids));
  expect(got['correct_responses.0.pattern']).toBe(expected(v, q, q.choices.filter((c) => c.correct).map((c) => c.id)));
  expect(got.result).toBe(right ? 'correct' : v.wrong);
  // Essential questions (asked in every visit) carry the objective "essential".
  expect(got['objectives.0.id']).toBe(q.essential ? 'essential' : undefined);
  expect(got.weighting).toMatch(DECIMAL);
  expect(Number(got.weighting)).toBeGreaterThan(0);
  expect(got.latency).toMatch(v.duration);
  expect(got[v.when]).toMatch(v.whenFormat);
  if (v.scorm === '2004') {
    expect(got.description.length).toBeLessThanOrEqual(250);
    expect(q.prompt.startsWith(got.description)).toBe(true);
    expect(Math.abs(Date.parse(got.timestamp) - Date.now())).toBeLessThan(120_000);
  }
}

test.describe('packages made by `bank package`', () => {
  test.beforeAll(() => {
    test.setTimeout(600_000); // the first cargo run may compile the tool
    buildPackages();
  });

  test('each package: imsmanifest.xml lists exactly its files, one SCO, the bank\'s pass mark', async ({ page }) => {
    for (const v of VERSIONS) {
      const { files, bank } = packages[v.target];
      expect(bank.bank.pass_mark).toBe(PASS_MARK);
      const manifest = new TextDecoder().decode(files['imsmanifest.xml']);
      const parsed = await page.evaluate((xml) => {
        const doc = new DOMParser().parseFromString(xml, 'application/xml');
        const all = (name) => [...doc.getElementsByTagNameNS('*', name)];
        return {
          error: doc.getElementsByTagName('parsererror').length,
          root: doc.documentElement.localName,
          schema: all('schema').map((e) => e.textContent),
          version: all('schemaversion').map((e) => e.textContent),
          resources: all('resource').map((r) => ({ href: r.getAttribute('href'),
            type: r.getAttributeNS(r.lookupNamespaceURI('adlcp'), 'scormType') || r.getAttributeNS(r.lookupNamespaceURI('adlcp'), 'scormtype') })),
          files: all('file').map((f) => f.getAttribute('href')),
          items: all('item').map((i) => i.getAttribute('identifierref')),
          mastery: all('masteryscore').map((e) => e.textContent.trim()),
          measure: all('minNormalizedMeasure').map((e) => e.textContent.trim()),
        };
      }, manifest);
      expect(parsed.error).toBe(0);
      expect(parsed.root).toBe('manifest');
      expect(parsed.schema).toEqual(['ADL SCORM']);
      expect(parsed.version).toEqual([v.scorm === '1.2' ? '1.2' : '2004 3rd Edition']);
      expect(parsed.resources).toEqual([{ href: 'index.html', type: 'sco' }]);
      expect(parsed.items).toHaveLength(1);
      const inZip = Object.keys(files).filter((p) => !p.endsWith('/') && p !== 'imsmanifest.xml').sort();
      expect([...parsed.files].sort()).toEqual(inZip);
      expect(new Set(parsed.files).size).toBe(parsed.files.length);
      expect(inZip).toEqual(expect.arrayContaining(['index.html', 'bank.json', 'scorm.js']));
      if (v.scorm === '1.2') expect(parsed.mastery.map(Number)).toEqual([PASS_MARK]);
      else expect(parsed.measure.map((m) => Math.round(Number(m) * 100))).toEqual([PASS_MARK]);
      // The page loads the adapter for its version, right after #quiz-root.
      const index = new TextDecoder().decode(files['index.html']);
      expect(index).toMatch(new RegExp(`<div id="?quiz-root"?[^>]*data-bank-pass-mark="?${PASS_MARK}"?`));
      expect(index).toContain(`<script src="scorm.js" data-scorm="${v.scorm}"></script>`);
    }
  });

  test('without an LMS the package is an ordinary quiz page', async ({ page }) => {
    const messages = [];
    page.on('console', (m) => messages.push({ type: m.type(), text: m.text(), from: m.location().url }));
    page.on('pageerror', (e) => messages.push({ type: 'pageerror', text: String(e) }));
    await page.goto(`${LMS}/packages/scorm12/index.html`);
    await page.getByRole('button', { name: 'Start the quiz' }).click();
    await expect(page.getByRole('heading', { name: /^Question 1 of \d+$/ })).toBeVisible();
    expect(await page.locator('#quiz-root').getAttribute('data-progress')).toBeNull();
    // One quiet line from the adapter; no errors from anything.
    expect(messages.filter((m) => m.from?.endsWith('/scorm.js')).map((m) => `${m.type}: ${m.text}`))
      .toEqual(['info: Quiz: no SCORM LMS found; progress is kept in this browser.']);
    expect(messages.filter((m) => m.type === 'error' || m.type === 'pageerror')).toEqual([]);
  });

  for (const v of VERSIONS) {
    test.describe(v.name, () => {
      test('a whole attempt: interactions, score, status, one finish, nothing off the LMS', async ({ page }) => {
        const offsite = [];
        page.on('request', (r) => { if (!r.url().startsWith(`${LMS}/`)) offsite.push(r.url()); });
        const { bank } = packages[v.target];
        const sco = await launch(page, v);
        const visit = bank.bank.draw ?? bank.questions.length;
        const pattern = Array.from({ length: visit }, (_, i) => i % 3 !== 2); // two right, one wrong
        const { total, answers } = await take(sco, bank, pattern, { finish: true });
        expect(total).toBe(visit);
        const percent = Number((await sco.locator('.score .percent').innerText()).replace('%', ''));
        const passed = percent >= PASS_MARK;
        await expect(sco.locator('.outcome strong')).toHaveText(passed ? 'Passed' : 'Not passed yet');
        await expect.poll(async () => (await calls(page)).filter((c) => c.name === v.finish).length).toBe(1);
        const log = await calls(page);
        checkCalls(log, v);

        const list = interactions(log, v);
        expect(list).toHaveLength(total);
        list.forEach((got, i) => checkInteraction(v, got, answers[i]));
        // Every visit asks the bank's essential questions, so the LMS sees them all.
        const essentials = bank.questions.filter((q) => q.essential).map((q) => q.id);
        expect(essentials.length).toBeGreaterThan(0);
        expect(list.filter((got) => got['objectives.0.id'] === 'essential').map((got) => got.id).sort()).toEqual([...essentials].sort());

        // Each answer is committed after the quiz saved its progress.
        const kinds = log.filter((c) => c.name !== v.init && !c.name.endsWith('GetValue'))
          .map((c) => (c.name === v.commit ? 'commit' : c.args[0] === 'cmi.suspend_data' ? 'save'
            : /^cmi\.interactions\.\d+\.result$/.test(c.args[0]) ? 'answer' : null)).filter(Boolean);
        kinds.forEach((k, i) => {
          if (k !== 'answer') return;
          const commit = kinds.indexOf('commit', i);
          const lastSave = kinds.lastIndexOf('save', commit);
          expect(commit, `a commit after answer ${i}`).toBeGreaterThan(i);
          expect(lastSave, 'a save before that commit').toBeGreaterThan(kinds.lastIndexOf('commit', i));
        });

        // Score, then status; then the session time, exit, commit, finish.
        const writes = sets(log, v).map((c) => c.args[0]);
        const score = v.scorm === '1.2' ? 'cmi.core.score.' : 'cmi.score.';
        expect(values(log, v, `${score}raw`)).toEqual([String(percent)]);
        expect(String(percent)).toMatch(/^(\d|[1-9]\d|100)$/);
        expect(values(log, v, `${score}min`)).toEqual(['0']);
        expect(values(log, v, `${score}max`)).toEqual(['100']);
        const status = v.scorm === '1.2' ? 'cmi.core.lesson_status' : 'cmi.success_status';
        expect(values(log, v, status).at(-1)).toBe(passed ? 'passed' : 'failed');
        expect(writes.lastIndexOf(`${score}raw`)).toBeLessThan(writes.lastIndexOf(status));
        expect(values(log, v, v.sessionTime)).toHaveLength(1);
        expect(values(log, v, v.sessionTime)[0]).toMatch(v.duration);
        if (v.scorm === '1.2') {
          expect(values(log, v, 'cmi.core.exit')).toEqual(['']);
          expect(values(log, v, 'cmi.core.lesson_status')).toEqual(['incomplete', passed ? 'passed' : 'failed']);
          expect(values(log, v, 'cmi.core.lesson_location').at(-1)).toBe(String(total));
        } else {
          expect(values(log, v, 'cmi.score.scaled')).toEqual([String(percent / 100)]);
          expect(values(log, v, 'cmi.exit')).toEqual(['normal']);
          expect(values(log, v, 'cmi.completion_status')).toEqual(['incomplete', 'completed']);
          expect(values(log, v, 'cmi.progress_measure').map(Number)).toEqual([...answers.map((_, i) => Number(((i + 1) / total).toFixed(7))), 1]);
          for (const m of values(log, v, 'cmi.progress_measure')) expect(m).toMatch(/^(0(\.\d+)?|1)$/);
        }
        expect(log.at(-2).name).toBe(v.commit);
        // What the LMS keeps.
        const data = await lmsData(page);
        expect(Object.keys(data.interactions)).toHaveLength(total);

        // Retry: the attempt is over for the LMS, nothing more is recorded.
        await sco.getByRole('button', { name: /^Retry/ }).first().click();
        await expect(sco.getByRole('heading', { name: /^Question 1 of \d+$/ })).toBeVisible();
        expect((await calls(page)).length).toBe(log.length);
        expect(offsite).toEqual([]);
      });

      test('leaving mid-quiz suspends; coming back resumes at the same question with the answers kept', async ({ page }) => {
        const { bank } = packages[v.target];
        let sco = await launch(page, v);
        const { answers, total } = await take(sco, bank, [true, false]);
        await expect(sco.getByRole('heading', { name: `Question 3 of ${total}` })).toBeVisible();
        const third = await shown(sco, bank);
        await leave(page);
        await expect.poll(async () => (await calls(page)).filter((c) => c.name === v.finish).length).toBe(1);
        const log = await calls(page);
        checkCalls(log, v);
        expect(values(log, v, v.exit)).toEqual(['suspend']);
        expect(values(log, v, v.sessionTime)[0]).toMatch(v.duration);
        expect(log.at(-2).name).toBe(v.commit);
        expect(interactions(log, v)).toHaveLength(2);
        const data = await lmsData(page);
        expect(v.status(data)).toBe('incomplete');
        expect(data.suspend_data).toMatch(/^c1~/);

        // Progress went to the LMS, not to this browser's storage (the same origin
        // as the package): the resume below can only come from cmi.suspend_data.
        expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('microneedling-quiz')))).toEqual([]);
        await page.evaluate(() => localStorage.clear());

        // The LMS launches the SCO again with what it kept.
        sco = await launch(page, v, v.resume(data));
        await expect(sco.getByRole('heading', { name: `Question 3 of ${total}` })).toBeVisible();
        expect((await shown(sco, bank)).id).toBe(third.id);
        await sco.getByRole('button', { name: 'Previous' }).click();
        expect((await shown(sco, bank)).id).toBe(answers[1].q.id);
        await expect(sco.locator('.verdict strong')).toHaveText('Incorrect');
        await sco.getByRole('button', { name: 'Previous' }).click();
        expect((await shown(sco, bank)).id).toBe(answers[0].q.id);
        await expect(sco.locator('.verdict strong')).toHaveText('Correct');
        await sco.getByRole('button', { name: 'Next question' }).click();
        await sco.getByRole('button', { name: 'Next question' }).click();
        const next = await answer(sco, bank, true);
        await expect.poll(async () => interactions(await calls(page), v, 2).length).toBe(1);
        // The new answer goes on after the two the LMS has (cmi.interactions._count).
        checkInteraction(v, interactions(await calls(page), v, 2)[0], next);
      });

      test('browse and review modes record nothing', async ({ page }) => {
        for (const mode of ['browse', 'review']) {
          const { bank } = packages[v.target];
          const sco = await launch(page, v, v.mode(mode));
          await take(sco, bank, [true]);
          await sco.getByRole('button', { name: 'Next question' }).click();
          await leave(page, 'remove');
          await expect.poll(async () => (await calls(page)).filter((c) => c.name === v.finish).length).toBe(1);
          const log = await calls(page);
          expect(log.map((c) => c.name).filter((n) => !n.endsWith('GetValue'))).toEqual([v.init, v.finish]);
        }
      });

      test('the LMS\'s mastery score is the pass mark the learner sees and is judged by', async ({ page }) => {
        const { bank } = packages[v.target];
        // 1.2: 100 (stricter than the bank's 70); 2004: 0.1 (kinder).
        const mark = v.scorm === '1.2' ? 100 : 10;
        const sco = await launch(page, v, v.mastery(mark));
        await expect(sco.getByText(`Pass mark: ${mark}%`)).toBeVisible();
        await expect(sco.getByText(`Pass mark: ${PASS_MARK}%`)).toHaveCount(0);
        const visit = bank.bank.draw ?? bank.questions.length;
        // 1.2: one wrong (over 70%, under 100%); 2004: a quarter right (under 70%, over 10%).
        const pattern = Array.from({ length: visit }, (_, i) => (v.scorm === '1.2' ? i > 0 : i < visit / 4));
        await take(sco, bank, pattern, { finish: true });
        const percent = Number((await sco.locator('.score .percent').innerText()).replace('%', ''));
        // With the bank's own pass mark the outcome would be the other one.
        expect(percent >= PASS_MARK).toBe(v.scorm === '1.2');
        const passed = percent >= mark;
        expect(passed).toBe(v.scorm !== '1.2');
        await expect(sco.locator('.outcome strong')).toHaveText(passed ? 'Passed' : 'Not passed yet');
        await expect.poll(async () => (await calls(page)).filter((c) => c.name === v.finish).length).toBe(1);
        const log = await calls(page);
        checkCalls(log, v);
        const status = v.scorm === '1.2' ? 'cmi.core.lesson_status' : 'cmi.success_status';
        expect(values(log, v, status).at(-1)).toBe(passed ? 'passed' : 'failed');
      });
    });
  }
});
