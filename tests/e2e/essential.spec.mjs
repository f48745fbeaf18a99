// Essential questions: every visit asks them, whatever the seed; missed ones
// lead the results page, on screen and on paper, and (with the bank's
// pass_requires_essential) a good score does not pass without them.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { loadBank, perVisit, currentQuestion, choose, correctIds, wrongId } from './helpers.mjs';
import { printed, squash } from './pdf.mjs';

/**
 * The default bank with every ninth question marked essential and the pass
 * rule on: a bank as a clinic would deploy it, served as banks/essential.json.
 */
function essentialBank() {
  const b = loadBank('microneedling');
  b.bank.id = 'microneedling-essential';
  b.bank.pass_requires_essential = true;
  b.questions.forEach((q, i) => { if (i % 9 === 0) q.essential = true; });
  return b;
}
const fixture = essentialBank();
const essential = fixture.questions.filter((q) => q.essential);
const total = perVisit(fixture);

async function open(page, query) {
  await page.route('**/banks/essential.json', (r) => r.fulfill({ contentType: 'application/json', body: JSON.stringify(fixture) }));
  await page.goto(`/?bank=banks/essential.json&${query}`);
  await page.getByRole('button', { name: 'Start the quiz' }).click();
}

test('every visit asks every essential question once, whatever the seed', async ({ browser }) => {
  expect(essential.length).toBeGreaterThanOrEqual(3);
  expect(total).toBeLessThan(fixture.questions.length);
  for (const seed of [1, 2, 3, 17, 4242]) {
    // A fresh browser each time: saved progress would resume the last visit.
    const page = await browser.newPage();
    await open(page, `seed=${seed}`);
    const asked = [];
    for (let i = 0; i < total; i++) {
      await expect(page.getByRole('heading', { name: `Question ${i + 1} of ${total}` })).toBeVisible();
      asked.push((await currentQuestion(page, fixture)).id);
      if (i + 1 < total) await page.getByRole('button', { name: 'Next question' }).click();
    }
    for (const q of essential) {
      expect(asked.filter((id) => id === q.id), `seed ${seed}: ${q.id}`).toHaveLength(1);
    }
    await page.close();
  }
  // ?count=2 asks fewer than the essential questions: the visit grows to ask them all.
  const page = await browser.newPage();
  await open(page, 'count=2&seed=5');
  await expect(page.getByRole('heading', { name: `Question 1 of ${essential.length}` })).toBeVisible();
  await page.close();
});

test('missed essential questions lead the results, on screen and in print, and the visit does not pass', async ({ page }, info) => {
  await open(page, 'seed=3');
  // Two essential questions wrong, everything else right: 80%, over the pass mark.
  const missed = [];
  for (let i = 0; i < total; i++) {
    const q = await currentQuestion(page, fixture);
    const wrong = q.essential && missed.length < 2;
    if (wrong) missed.push(q);
    await choose(page, q, wrong ? [wrongId(q)] : correctIds(q));
    await page.getByRole('button', { name: 'Check answer' }).click();
    await page.getByRole('button', { name: i + 1 < total ? 'Next question' : 'See results' }).click();
  }
  expect(missed).toHaveLength(2);
  const percent = Math.round((100 * (total - 2)) / total);
  expect(percent).toBeGreaterThanOrEqual(fixture.bank.pass_mark);
  await expect(page.locator('.score .percent')).toHaveText(`${percent}%`);
  await expect(page.locator('.outcome strong')).toHaveText('Not passed yet');
  await expect(page.getByText(`To pass, every essential question must be answered correctly; you got ${essential.length - 2} of ${essential.length} right.`)).toBeVisible();

  const region = page.getByRole('region', { name: 'Read these again before your treatment' });
  await expect(region).toBeVisible();
  await expect(region.locator('.review-item')).toHaveCount(2);
  for (const [n, q] of missed.entries()) {
    const item = region.locator('.review-item').nth(n);
    await expect(item.locator('.review-prompt')).toHaveText(q.prompt);
    await expect(item.locator('.explanation')).toHaveText(q.explanation);
    for (const c of q.cites) {
      const source = fixture.sources.find((s) => s.id === c.source);
      await expect(item.getByRole('link', { name: new RegExp(source.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).first()).toHaveAttribute('href', source.url);
    }
  }
  // First on the page: above the topics and the review of the other answers.
  const top = async (locator) => (await locator.boundingBox()).y;
  const byTopic = page.getByRole('heading', { name: 'By topic' });
  const review = page.getByRole('heading', { name: 'Review your answers' });
  expect(await top(region)).toBeLessThan(await top(byTopic));
  expect(await top(byTopic)).toBeLessThan(await top(review));
  await expect(page.locator('.review-item')).toHaveCount(total);
  await expect(page.getByRole('button', { name: 'Retry the 2 missed questions and the essential ones' })).toBeVisible();
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(violations.map((v) => v.id)).toEqual([]);

  // On paper: the same, in the same order, with the sources written out.
  await page.emulateMedia({ media: 'print' });
  await expect(region).toBeVisible();
  const pdf = await printed(page, info.outputPath('essential-A4.pdf'), 'A4');
  const text = squash(pdf.text);
  const at = (s) => text.indexOf(squash(s));
  const heading = at('Read these again before your treatment');
  expect(heading).toBeGreaterThan(at('Your results'));
  expect(heading).toBeLessThan(at('By topic'));
  expect(at('To pass, every essential question must be answered correctly')).toBeGreaterThan(0);
  for (const q of missed) {
    expect(at(q.prompt), q.id).toBeGreaterThan(heading);
    expect(at(q.explanation), q.id).toBeGreaterThan(heading);
    expect(at(q.explanation), q.id).toBeLessThan(at('By topic'));
    for (const c of q.cites) {
      const url = fixture.sources.find((s) => s.id === c.source).url;
      expect(text.slice(heading, at('By topic')), url).toContain(squash(url));
    }
  }
});
