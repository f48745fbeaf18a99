// Taking the quiz as a person does: by role and label, mouse and keyboard.
import { test, expect } from '@playwright/test';
import { bank, currentQuestion, choose, correctIds, wrongId, start, perVisit } from './helpers.mjs';

test('take the whole quiz and get the score the answer key gives', async ({ page }) => {
  await start(page);
  const total = perVisit();
  expect(total).toBeLessThan(bank.questions.length);
  let right = 0;
  const missed = [];
  const topics = new Set();
  for (let i = 0; i < total; i++) {
    await expect(page.getByRole('heading', { name: `Question ${i + 1} of ${total}` })).toBeVisible();
    const q = await currentQuestion(page);
    topics.add(q.topic);
    const answerRight = i % 3 !== 2; // two right, one wrong, ...
    if (!answerRight) missed.push(q.id);
    await choose(page, q, answerRight ? correctIds(q) : [wrongId(q)]);
    await page.getByRole('button', { name: 'Check answer' }).click();
    const verdict = page.locator('.verdict strong');
    await expect(verdict).toHaveText(answerRight ? 'Correct' : 'Incorrect');
    await expect(page.locator('.explanation')).toHaveText(q.explanation);
    if (answerRight) right++;
    const next = i + 1 < total ? 'Next question' : 'See results';
    await page.getByRole('button', { name: next }).click();
  }
  // A visit's questions come from every topic.
  expect(topics.size).toBe(bank.topics.length);
  const percent = Math.round((100 * right) / total);
  await expect(page.getByRole('heading', { name: 'Your results' })).toBeFocused();
  await expect(page.locator('.score')).toContainText(`${percent}%`);
  await expect(page.locator('.score')).toContainText(`${right} questions right out of ${total}`);
  const passed = right * 100 >= bank.bank.pass_mark * total;
  await expect(page.locator('.outcome strong')).toHaveText(passed ? 'Passed' : 'Not passed yet');
  await expect(page.locator('.review-item')).toHaveCount(total);
  await expect(page.locator('.review-item.incorrect')).toHaveCount(total - right);
  await expect(page.getByRole('table')).toContainText(bank.topics[0].label);

  // Retry the missed questions, with the essential ones every visit asks.
  const again = new Set([...missed, ...bank.questions.filter((q) => q.essential).map((q) => q.id)]);
  await page.getByRole('button', { name: new RegExp(`^Retry the ${total - right} missed questions`) }).click();
  await expect(page.getByRole('heading', { name: `Question 1 of ${again.size}` })).toBeVisible();
});

test('multiple choice gives partial credit in words', async ({ page }) => {
  // Every question, so that a multiple-choice one is sure to come up (a visit's
  // draw of 10 may hold none).
  await start(page, '/?count=all');
  // Walk forward to a multiple-choice question.
  let q = await currentQuestion(page);
  while (q.kind !== 'multiple') {
    await page.getByRole('button', { name: 'Next question' }).click();
    q = await currentQuestion(page);
  }
  await expect(page.getByText('Choose all the answers that apply')).toBeVisible();
  await choose(page, q, [correctIds(q)[0]]);
  await page.getByRole('button', { name: 'Check answer' }).click();
  await expect(page.locator('.verdict strong')).toHaveText(correctIds(q).length > 1 ? 'Partly correct' : 'Correct');
  // Checked answers are final.
  await expect(page.getByRole('checkbox').first()).toBeDisabled();
});

test('progress survives a reload', async ({ page }) => {
  await start(page);
  // Even before any answer, a reload keeps the visitor in the quiz.
  const first = await currentQuestion(page);
  await page.reload();
  expect((await currentQuestion(page)).id).toBe(first.id);
  await choose(page, first, correctIds(first));
  await page.getByRole('button', { name: 'Check answer' }).click();
  await page.getByRole('button', { name: 'Next question' }).click();
  const second = await currentQuestion(page);
  await choose(page, second, [wrongId(second)]);
  await page.getByRole('button', { name: 'Check answer' }).click();
  await page.getByRole('button', { name: 'Next question' }).click();

  await page.reload();
  await expect(page.getByRole('heading', { name: /^Question 3 of/ })).toBeVisible();
  await page.getByRole('button', { name: 'Previous' }).click();
  expect((await currentQuestion(page)).id).toBe(second.id);
  await expect(page.locator('.verdict strong')).toHaveText('Incorrect');
  await page.getByRole('button', { name: 'Previous' }).click();
  expect((await currentQuestion(page)).id).toBe(first.id);
  await expect(page.locator('.verdict strong')).toHaveText('Correct');
});

test('a broken bank shows its problem with the line number', async ({ page }) => {
  await page.route('**/broken.json', (route) => route.fulfill({
    contentType: 'application/json',
    body: '{\n  "format": 1,\n  "bank": oops\n}',
  }));
  await page.goto('/?bank=broken.json');
  await expect(page.getByRole('alert')).toContainText('The quiz could not be loaded');
  await expect(page.getByRole('alert')).toContainText('line 3, column');
  await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
});

test('a missing bank and a refused address give readable errors', async ({ page }) => {
  await page.goto('/?bank=banks/none.json');
  await expect(page.getByRole('alert')).toContainText('HTTP status 404');
  await page.goto('/?bank=javascript:alert(1)');
  await expect(page.getByRole('alert')).toContainText('is not allowed');
});

test('a compiled bank loads with ?bank=', async ({ page }) => {
  await start(page, '/?bank=banks/microneedling.json');
  await expect(page.locator('fieldset legend')).toBeVisible();
});

test('source links go to the cited source in a new tab', async ({ page }) => {
  await start(page);
  const q = await currentQuestion(page);
  await choose(page, q, correctIds(q));
  await page.getByRole('button', { name: 'Check answer' }).click();
  for (const cite of q.cites) {
    const source = bank.sources.find((s) => s.id === cite.source);
    const link = page.getByRole('link', { name: `${source.title} (opens in a new tab)` }).first();
    await expect(link).toHaveAttribute('href', source.url);
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    expect(source.url.startsWith('https://')).toBe(true);
  }
});

test('blocked storage: the quiz still works and says progress is not kept', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() { throw new DOMException('blocked', 'SecurityError'); },
    });
  });
  await start(page);
  await expect(page.getByText('progress will not be kept')).toBeVisible();
  const q = await currentQuestion(page);
  await choose(page, q, correctIds(q));
  await page.getByRole('button', { name: 'Check answer' }).click();
  await expect(page.locator('.verdict strong')).toHaveText('Correct');
});

test('progress saved for another version of the bank: the quiz starts afresh with a notice', async ({ page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem('microneedling-quiz:v1:microneedling', JSON.stringify({
        schema: 1, bank_hash: 'an-older-version', session: { seed: 1, slots: [], current: 0, finished: false },
      }));
    }
  });
  await page.goto('/');
  await expect(page.getByText('The questions have changed since your last visit')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start the quiz' })).toBeVisible();
});

test('a customised copy that keeps the default bank id does not wipe its progress', async ({ page }) => {
  // The copy: the default bank with one prompt reworded, deployed under the same id.
  const copy = structuredClone(bank);
  copy.questions[0].prompt = `${copy.questions[0].prompt} (clinic edition)`;
  await page.route('**/banks/copy.json', (route) => route.fulfill({ json: copy }));

  await page.goto('/');
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  const first = await currentQuestion(page);
  await choose(page, first, correctIds(first));
  await page.getByRole('button', { name: 'Check answer' }).click();
  await expect(page.locator('.verdict strong')).toHaveText('Correct');

  // The copy starts afresh and says why, without touching the other progress.
  await page.goto('/?bank=banks/copy.json');
  await expect(page.getByText('The questions have changed since your last visit')).toBeVisible();
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  await expect(page.locator('fieldset legend')).toBeVisible();

  // Back on the default quiz: the checked answer is still there.
  await page.goto('/');
  await expect(page.locator('fieldset legend')).toHaveText(first.prompt);
  await expect(page.locator('.verdict strong')).toHaveText('Correct');
  const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('microneedling-quiz:v1:microneedling:')));
  expect(keys).toHaveLength(2);
});

test('page options: question count, fixed seed, feedback at the end, pass-mark override', async ({ page, browser }) => {
  // Six: more than the bank's five essential questions, which every visit asks.
  const params = '?count=6&seed=12&feedback=end&pass-mark=100';
  await page.goto(`/${params}`);
  await expect(page.getByText('6 questions')).toBeVisible();
  await expect(page.getByText('Pass mark: 100%')).toBeVisible();
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  const order = [];
  for (let i = 0; i < 6; i++) {
    const q = await currentQuestion(page);
    order.push(q.id);
    await choose(page, q, correctIds(q));
    await page.getByRole('button', { name: 'Save answer' }).click();
    // No verdict yet: only that the answer was saved.
    await expect(page.locator('p.saved')).toHaveText(/^Answer saved\./);
    await expect(page.locator('[aria-live="polite"]')).toHaveText(/^Answer saved\./);
    await expect(page.locator('.verdict')).toHaveCount(0);
    await page.getByRole('button', { name: i < 5 ? 'Next question' : 'See results' }).click();
  }
  await expect(page.locator('.score .percent')).toHaveText('100%');
  await expect(page.locator('.outcome strong')).toHaveText('Passed');
  await expect(page.locator('.review-item.correct')).toHaveCount(6);

  // The same seed draws the same questions in the same order, in a fresh browser.
  const fresh = await browser.newPage();
  await fresh.goto(`/${params}`);
  await fresh.getByRole('button', { name: 'Start the quiz' }).click();
  expect((await currentQuestion(fresh)).id).toBe(order[0]);
  await fresh.close();
});

test('bad page options are ignored with a console warning, never a crash', async ({ page }) => {
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto('/?count=lots&theme-primary=red;x&cta-url=javascript:alert(1)&cta-text=Hi&scheme=neon');
  await expect(page.getByRole('button', { name: 'Start the quiz' })).toBeVisible();
  await expect(page.getByText(`${perVisit()} questions`)).toBeVisible();
  await expect.poll(() => warnings.length).toBeGreaterThanOrEqual(4);
  expect(warnings.join('\n')).toContain('ignored count="lots"');
});

test('after the browser is closed and started again, the visitor is on the same question', async ({ playwright, baseURL }, testInfo) => {
  const profile = testInfo.outputPath('profile');
  const launch = () => playwright.chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    baseURL,
    serviceWorkers: 'block',
  });
  let browser = await launch();
  let page = browser.pages()[0] ?? await browser.newPage();
  await start(page);
  const q = await currentQuestion(page);
  await choose(page, q, correctIds(q));
  await page.getByRole('button', { name: 'Check answer' }).click();
  await page.getByRole('button', { name: 'Next question' }).click();
  const second = await currentQuestion(page);
  await browser.close();

  browser = await launch();
  page = browser.pages()[0] ?? await browser.newPage();
  await page.goto('/');
  expect((await currentQuestion(page)).id).toBe(second.id);
  await page.getByRole('button', { name: 'Previous' }).click();
  expect((await currentQuestion(page)).id).toBe(q.id);
  await expect(page.locator('.verdict strong')).toHaveText('Correct');
  await browser.close();
});

test('"practice every question": ?count=all asks the whole bank', async ({ page }) => {
  await page.goto('/?count=all');
  await expect(page.getByText(`${bank.questions.length} questions`)).toBeVisible();
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  await expect(page.getByRole('heading', { name: `Question 1 of ${bank.questions.length}` })).toBeVisible();
});

test('retry draws a fresh set of questions of the same size', async ({ page }) => {
  await start(page);
  const seen = async () => {
    const ids = [];
    for (let i = 0; i < perVisit(); i++) {
      ids.push((await currentQuestion(page)).id);
      await page.getByRole('button', { name: i + 1 < perVisit() ? 'Next question' : 'See results' }).click();
    }
    return ids.sort().join(' ');
  };
  const first = await seen();
  let changed = false;
  for (let attempt = 0; attempt < 3 && !changed; attempt++) {
    await page.getByRole('button', { name: 'Retry the quiz' }).click();
    await expect(page.getByRole('heading', { name: `Question 1 of ${perVisit()}` })).toBeVisible();
    changed = (await seen()) !== first;
  }
  expect(changed, 'a retry draws a different set of questions').toBe(true);
});
