// A clinic page on another origin embeds the quiz with embed.js.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { bank, correctIds, wrongId, questionByPrompt } from './helpers.mjs';

const CLINIC = 'http://127.0.0.1:4174/';
const STRANGER = 'http://127.0.0.1:4175/forge.html';

/** Every event the clinic page has received so far. */
const events = (page) => page.evaluate(() => window.quizEvents);

async function noInnerScrollbar(page) {
  const frameEl = page.locator('#clinic-quiz iframe');
  await expect.poll(async () => {
    const inner = await page.frameLocator('#clinic-quiz iframe').locator('html').evaluate((h) => h.scrollHeight);
    const outer = await frameEl.evaluate((f) => f.clientHeight);
    return outer - inner;
  }, { message: 'the iframe is as tall as its content' }).toBeGreaterThanOrEqual(0);
  const overflow = await page.frameLocator('#clinic-quiz iframe').locator('html')
    .evaluate((h) => h.scrollHeight - h.clientHeight);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function open(page) {
  await page.context().route('https://clinic.example/**', (r) => r.fulfill({ body: 'Booking page' }));
  await page.goto(CLINIC);
  const iframe = page.locator('#clinic-quiz iframe');
  await expect(iframe).toHaveAttribute('title', 'Microneedling quiz from Lumière Skin Clinic');
  await expect(iframe).toHaveAttribute('loading', 'lazy');
  await expect(iframe).toHaveAttribute('sandbox', /allow-scripts/);
  const quiz = page.frameLocator('#clinic-quiz iframe');
  await expect(quiz.getByRole('button', { name: 'Start the quiz' })).toBeVisible();
  return quiz;
}

test('the clinic page embeds the quiz in its brand, resizes it and receives every event', async ({ page }) => {
  const quiz = await open(page);
  await expect.poll(() => events(page)).toContainEqual({ type: 'ready', detail: { bank: 'microneedling', questions: 6, version: 1 } });
  await noInnerScrollbar(page);

  // The clinic's colour, font and corner radius reach the quiz.
  const start = quiz.getByRole('button', { name: 'Start the quiz' });
  await expect(start).toHaveCSS('background-color', 'rgb(122, 46, 142)');
  await expect(start).toHaveCSS('color', 'rgb(255, 255, 255)');
  await expect(start).toHaveCSS('border-radius', '4px');
  await expect(quiz.locator('main')).toHaveCSS('font-family', 'Georgia, serif');

  await start.click();
  await expect.poll(() => events(page)).toContainEqual({ type: 'started', detail: { bank: 'microneedling', questions: 6, version: 1 } });
  const answers = [];
  for (let i = 0; i < 6; i++) {
    const q = questionByPrompt(await quiz.locator('fieldset legend').innerText());
    const right = i !== 1;
    for (const id of right ? correctIds(q) : [wrongId(q)]) {
      const c = q.choices.find((x) => x.id === id);
      await quiz.getByRole(q.kind === 'multiple' ? 'checkbox' : 'radio', { name: c.text, exact: true }).check();
    }
    await quiz.getByRole('button', { name: 'Check answer' }).click();
    await noInnerScrollbar(page); // feedback opened
    answers.push({ question: q.id, correct: right });
    await quiz.getByRole('button', { name: i < 5 ? 'Next question' : 'See results' }).click();
  }
  await noInnerScrollbar(page); // results page
  const got = (await events(page)).filter((e) => e.type === 'answered').map((e) => ({ question: e.detail.question, correct: e.detail.correct }));
  expect(got).toEqual(answers);

  await expect.poll(async () => (await events(page)).filter((e) => e.type === 'completed').length).toBe(1);
  const completed = (await events(page)).find((e) => e.type === 'completed').detail;
  expect(completed.version).toBe(1);
  expect(completed.max).toBe(6);
  expect(completed.score).toBeGreaterThanOrEqual(5);
  expect(completed.percent).toBe(Math.round((100 * completed.score) / 6));
  expect(completed.passed).toBe(completed.percent >= bank.bank.pass_mark);
  expect(completed.topics.reduce((n, t) => n + t.total, 0)).toBe(6);
  await expect(page.locator('#quiz-thanks')).toHaveText(`Thanks for taking the quiz! You scored ${completed.percent}%.`);

  // The call to action sits with the score and tells the clinic when it is used.
  const cta = quiz.getByRole('link', { name: /^Book a consultation/ });
  await expect(cta).toHaveAttribute('href', 'https://clinic.example/book');
  const popup = page.waitForEvent('popup');
  await cta.click();
  await (await popup).close();
  await expect.poll(() => events(page)).toContainEqual({ type: 'cta-clicked', detail: { url: 'https://clinic.example/book', version: 1 } });
  // The disclaimer stays visible whatever the theme.
  await expect(quiz.getByText('This quiz is for education only')).toBeVisible();
});

test('the quiz resizes with the window width, with no inner scrollbar', async ({ page }) => {
  await open(page);
  for (const width of [1200, 700, 360]) {
    await page.setViewportSize({ width, height: 800 });
    await noInnerScrollbar(page);
  }
});

test('messages from a third origin, a sibling frame or the page itself change nothing', async ({ page }) => {
  await open(page);
  const height = await page.locator('#clinic-quiz iframe').evaluate((f) => f.clientHeight);
  // The host page itself posting a quiz-shaped message (wrong origin).
  await page.evaluate(() => window.postMessage({ source: 'microneedling-quiz', version: 1, id: 'quiz-1',
    event: { type: 'completed', percent: 100 } }, '*'));
  // A sibling frame from a third origin doing the same.
  await page.evaluate((src) => {
    const f = document.createElement('iframe');
    f.src = src;
    document.body.appendChild(f);
  }, STRANGER);
  await expect(page.frameLocator(`iframe[src="${STRANGER}"]`).locator('body')).toBeAttached();
  await page.waitForFunction(() => [...document.querySelectorAll('iframe')].some((f) => {
    try { return f.contentDocument === null; } catch { return true; }
  }));
  await page.waitForTimeout(500);
  expect((await events(page)).map((e) => e.type)).toEqual(['ready']);
  expect(await page.locator('#clinic-quiz iframe').evaluate((f) => f.clientHeight)).toBe(height);
  await expect(page.locator('#quiz-thanks')).toBeHidden();
});

test('the quiz page loads under its strict CSP with no violation', async ({ page }) => {
  const response = await page.goto('/');
  const csp = response.headers()['content-security-policy'];
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toMatch(/'unsafe-eval'/);
  await page.evaluate(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective));
  });
  await page.reload();
  await page.evaluate(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective));
  });
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  await page.locator('fieldset input').first().check();
  await page.getByRole('button', { name: 'Check answer' }).click();
  expect(await page.evaluate(() => window.violations)).toEqual([]);
});

test('the quiz page alone sends no messages and needs no parent', async ({ page }) => {
  await page.goto('/?origin=https://evil.example&embed=x');
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  await expect(page.getByRole('heading', { name: /^Question 1 of/ })).toBeVisible();
});

test('axe finds no violations in the quiz embedded in the clinic page', async ({ page }) => {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const quiz = await open(page);
  const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
  const check = async (state) => {
    const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' > ')).join(', ')}`), state).toEqual([]);
  };
  await check('embedded start');
  await quiz.getByRole('button', { name: 'Start the quiz' }).click();
  await quiz.locator('fieldset input').first().check();
  await quiz.getByRole('button', { name: 'Check answer' }).click();
  await check('embedded feedback');
});

test('the quiz can be mounted directly into an element of another site, without an iframe', async ({ page }) => {
  const html = readFileSync('dist/index.html', 'utf8');
  const js = html.match(/import init, \* as bindings from '\.\/([^']+\.js)'/)[1];
  const wasm = html.match(/module_or_path: '\.\/([^']+\.wasm)'/)[1];
  const css = 'quiz.css'; // the page inlines its styles; this copy is for direct mounting
  // A page of another site (served from a third origin), with its own look.
  const q = new URLSearchParams({ quiz: 'http://127.0.0.1:4173', js, wasm, css });
  await page.goto(`http://127.0.0.1:4175/direct.html?${q}`);
  const root = page.locator('#quiz-root');
  await expect(root.getByRole('button', { name: 'Start the quiz' })).toBeVisible();
  await expect(root.getByText('6 questions')).toBeVisible();
  await expect(root.getByRole('button', { name: 'Start the quiz' })).toHaveCSS('background-color', 'rgb(122, 46, 142)');
  // The quiz's styles stay inside it: the clinic page keeps its own look.
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(250, 240, 230)');
  await expect(page.locator('body > h1')).toHaveCSS('font-family', 'serif');
  await root.getByRole('button', { name: 'Start the quiz' }).click();
  await expect(root.getByRole('heading', { name: 'Question 1 of 6' })).toBeVisible();
});
