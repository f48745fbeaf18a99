// Accessibility: axe (WCAG 2.0/2.1/2.2 A and AA) in every state, keyboard-only
// use of the whole quiz, and the live-region announcements.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { bank, currentQuestion, choose, correctIds, wrongId, start, perVisit } from './helpers.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectNoViolations(page, state) {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const summary = violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations in state "${state}"`).toEqual([]);
}

/** Moves forward to the first question of `kind`. */
async function findKind(page, kind) {
  let q = await currentQuestion(page);
  while (q.kind !== kind) {
    await page.getByRole('button', { name: 'Next question' }).click();
    q = await currentQuestion(page);
  }
  return q;
}

for (const scheme of ['light', 'dark']) {
  test(`axe finds no violations in any quiz state (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    // Every question, so that each kind of question is sure to come up.
    await page.goto('/?count=all');
    await expect(page.getByRole('button', { name: 'Start the quiz' })).toBeVisible();
    await expectNoViolations(page, 'start');

    await page.getByRole('button', { name: 'Start the quiz' }).click();
    let q = await findKind(page, 'single');
    await expectNoViolations(page, 'unanswered question');
    await choose(page, q, correctIds(q));
    await page.getByRole('button', { name: 'Check answer' }).click();
    await expectNoViolations(page, 'answered correct');

    await page.getByRole('button', { name: 'Next question' }).click();
    q = await findKind(page, 'single');
    await choose(page, q, [wrongId(q)]);
    await page.getByRole('button', { name: 'Check answer' }).click();
    await expectNoViolations(page, 'answered wrong');

    await page.getByRole('button', { name: 'Next question' }).click();
    q = await findKind(page, 'multiple');
    await expectNoViolations(page, 'multiple choice');
    await choose(page, q, [correctIds(q)[0], wrongId(q)]);
    await page.getByRole('button', { name: 'Check answer' }).click();
    await expectNoViolations(page, 'multiple choice, partly correct');

    // Straight to the results, which hold the review of every question.
    while (await page.getByRole('button', { name: 'Next question' }).count()) {
      await page.getByRole('button', { name: 'Next question' }).click();
    }
    await page.getByRole('button', { name: 'See results' }).click();
    await expect(page.getByRole('heading', { name: 'Your results' })).toBeVisible();
    await expectNoViolations(page, 'results and review');
  });
}

test('axe finds no violations on the error and notice states', async ({ page }) => {
  await page.goto('/?bank=banks/none.json');
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoViolations(page, 'bank error');

  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
  });
  await page.goto('/');
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  await expect(page.getByText('progress will not be kept')).toBeVisible();
  await expectNoViolations(page, 'storage-blocked notice');
});

test('axe finds no violations in the French interface', async ({ page }) => {
  await page.goto('/?bank=banks/microneedling.fr.json');
  await expect(page.getByRole('button', { name: 'Commencer le quiz' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expectNoViolations(page, 'French start');
});

test('the whole quiz can be taken with the keyboard alone, focus following each step', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Start the quiz' })).toBeVisible(); // the app has loaded
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Start the quiz' })).toBeFocused();
  await page.keyboard.press('Enter');
  const total = perVisit();
  let right = 0;
  for (let i = 0; i < total; i++) {
    // After Start and after Next, focus is on the new question's heading.
    await expect(page.getByRole('heading', { name: `Question ${i + 1} of ${total}` })).toBeFocused();
    const q = await currentQuestion(page);
    const order = await page.locator('fieldset input').evaluateAll((els) => els.map((e) => e.value));
    const want = i % 4 === 3 ? [wrongId(q)] : correctIds(q);
    await page.keyboard.press('Tab'); // into the choices
    if (q.kind === 'multiple') {
      // Tab through the checkboxes, Space to tick the wanted ones.
      for (let k = 0; k < order.length; k++) {
        if (k > 0) await page.keyboard.press('Tab');
        await expect(page.locator(`fieldset input[value="${order[k]}"]`)).toBeFocused();
        if (want.includes(order[k])) await page.keyboard.press('Space');
      }
    } else {
      // Radios: arrow keys move and select within the group.
      const target = order.indexOf(want[0]);
      await page.keyboard.press('Space');
      for (let k = 0; k < target; k++) await page.keyboard.press('ArrowDown');
      await expect(page.locator(`fieldset input[value="${want[0]}"]`)).toBeFocused();
      await expect(page.locator(`fieldset input[value="${want[0]}"]`)).toBeChecked();
    }
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Check answer' })).toBeFocused();
    await page.keyboard.press('Enter');
    const verdict = i % 4 === 3 ? 'Incorrect' : 'Correct';
    if (verdict === 'Correct') right++;
    await expect(page.locator('.verdict strong')).toHaveText(verdict);
    // The result is announced in the polite live region.
    await expect(page.locator('[aria-live="polite"]')).toHaveText(new RegExp(`^${verdict}\\. `));
    // Tab on to Next / See results (past the source links) and press Enter.
    const next = i + 1 < total ? 'Next question' : 'See results';
    const button = page.getByRole('button', { name: next });
    for (let k = 0; k < 12 && !(await button.evaluate((b) => b === document.activeElement)); k++) {
      await page.keyboard.press('Tab');
    }
    await expect(button).toBeFocused();
    await page.keyboard.press('Enter');
  }
  await expect(page.getByRole('heading', { name: 'Your results' })).toBeFocused();
  const percent = Math.round((100 * right) / total);
  await expect(page.locator('[aria-live="polite"]')).toHaveText(new RegExp(`^Your score: ${percent}%\\. `));
});

test('the live region exists before it is filled and announces each check', async ({ page }) => {
  await start(page);
  const region = page.locator('[role="status"][aria-live="polite"]');
  await expect(region).toHaveCount(1);
  await expect(region).toHaveText('');
  const q = await currentQuestion(page);
  await choose(page, q, [wrongId(q)]);
  await page.getByRole('button', { name: 'Check answer' }).click();
  await expect(region).toHaveText(/^(Incorrect|Partly correct)\. .* points?$/);
  await page.getByRole('button', { name: 'Next question' }).click();
  await expect(region).toHaveText('');
});

test('the page reflows at 320 px without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await start(page);
  const q = await currentQuestion(page);
  await choose(page, q, correctIds(q));
  await page.getByRole('button', { name: 'Check answer' }).click();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('text at 200 % still reflows without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 640, height: 800 });
  await start(page);
  // Through the CSSOM: the page's CSP (rightly) refuses injected <style> tags.
  await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));
  const q = await currentQuestion(page);
  await choose(page, q, correctIds(q));
  await page.getByRole('button', { name: 'Check answer' }).click();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // Targets stay at least 24 × 24 CSS pixels.
  const box = await page.locator('fieldset input').first().boundingBox();
  expect(box.width).toBeGreaterThanOrEqual(24);
  expect(box.height).toBeGreaterThanOrEqual(24);
});
