// After one complete visit the quiz works offline, from its service worker.
import { test, expect } from '@playwright/test';
import { currentQuestion, choose, correctIds, start, frenchBank } from './helpers.mjs';

test.use({ serviceWorkers: 'allow' });

test('visit, go offline, reload, and take the quiz', async ({ page, context }) => {
  await start(page, '/?bank=banks/microneedling.fr.json&lang=en');
  // Wait until the service worker controls the page and has cached the build.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  const cached = await page.evaluate(async () => {
    const keys = await caches.keys();
    const build = keys.find((k) => /^microneedling-quiz-[0-9a-f]{16}$/.test(k));
    return { keys, files: build ? (await (await caches.open(build)).keys()).length : 0 };
  });
  expect(cached.files).toBeGreaterThanOrEqual(6);

  await context.setOffline(true);
  await page.reload();
  // The page, the app and the last good bank all come from the cache.
  await expect(page.getByRole('heading', { name: /^Question 1 of/ })).toBeVisible();
  const q = await currentQuestion(page, frenchBank);
  await choose(page, q, correctIds(q));
  await page.getByRole('button', { name: 'Check answer' }).click();
  await expect(page.locator('.verdict strong')).toHaveText('Correct');
  // A fresh offline visit to the default quiz works too.
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Start the quiz' }).or(page.getByRole('heading', { name: /^Question/ }))).toBeVisible();
  await context.setOffline(false);
});
