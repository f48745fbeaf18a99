// The French edition of the bank, taken end to end.
import { test, expect } from '@playwright/test';
import { frenchBank, currentQuestion, choose, correctIds } from './helpers.mjs';

test('the French bank loads with ?bank= and can be taken to the end', async ({ page }) => {
  await page.goto('/?bank=banks/microneedling.fr.json');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(frenchBank.bank.title);
  await expect(page.getByText(frenchBank.bank.disclaimer)).toBeVisible();
  await page.getByRole('button', { name: /^(Start the quiz|Commencer le quiz)$/ }).click();
  const total = frenchBank.questions.length;
  for (let i = 0; i < total; i++) {
    const q = await currentQuestion(page, frenchBank);
    await choose(page, q, correctIds(q));
    await page.locator('form button[type="submit"]').click();
    await expect(page.locator('.explanation')).toHaveText(q.explanation);
    await page.locator('nav.actions button').last().click();
  }
  await expect(page.locator('.score .percent')).toHaveText('100%');
  await expect(page.locator('.review-item')).toHaveCount(total);
});
