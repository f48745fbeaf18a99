// The French edition of the bank, taken end to end.
import { test, expect } from '@playwright/test';
import { frenchBank, currentQuestion, choose, correctIds, perVisit } from './helpers.mjs';

test('the French bank loads with ?bank= and can be taken to the end', async ({ page }) => {
  await page.goto('/?bank=banks/microneedling.fr.json');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(frenchBank.bank.title);
  await expect(page.getByText(frenchBank.bank.disclaimer)).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.getByRole('button', { name: 'Commencer le quiz' }).click();
  const total = perVisit(frenchBank);
  for (let i = 0; i < total; i++) {
    await expect(page.getByRole('heading', { name: `Question ${i + 1} sur ${total}` })).toBeFocused();
    const q = await currentQuestion(page, frenchBank);
    await choose(page, q, correctIds(q));
    await page.getByRole('button', { name: 'Vérifier la réponse' }).click();
    await expect(page.locator('.verdict strong')).toHaveText('Bonne réponse');
    await expect(page.locator('.explanation')).toHaveText(q.explanation);
    await page.getByRole('button', { name: i + 1 < total ? 'Question suivante' : 'Voir les résultats' }).click();
  }
  await expect(page.getByRole('heading', { name: 'Vos résultats' })).toBeFocused();
  await expect(page.locator('.score .percent')).toHaveText('100\u202f%');
  await expect(page.locator('.outcome strong')).toHaveText('Réussi');
  await expect(page.locator('.review-item')).toHaveCount(total);
});
