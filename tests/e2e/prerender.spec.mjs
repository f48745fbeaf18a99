// The start card is in index.html: it paints before the WebAssembly runs, is
// replaced in place by the app, and is never shown when the app would show
// something else first.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { bank, perVisit, start, currentQuestion, choose, correctIds } from './helpers.mjs';

const blockWasm = (page) => page.route('**/*.wasm', (r) => r.abort());
const card = (page) => page.locator('.prerendered .start');
const loading = (page) => page.getByText('Loading the quiz…');

test('index.html carries the start card, made by the app\'s components', async ({ request }) => {
  const html = await (await request.get('/')).text();
  expect(html).toContain(`<h1 id="quiz-title">${bank.bank.title}</h1>`);
  expect(html).toContain(`<li>${perVisit()} questions</li>`);
  expect(html).toContain('Preparing the quiz…</button>');
  // Every inline script and style is allowed by its hash: no 'unsafe-inline'.
  const csp = (await request.get('/')).headers()['content-security-policy'];
  expect(csp).not.toContain('unsafe-inline');
  const { createHash } = await import('node:crypto');
  for (const [, tag, body] of html.matchAll(/<(script|style)(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/\1>/g)) {
    const hash = `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`;
    expect(csp, `${tag} hash`).toContain(hash);
  }
});

test('before the WebAssembly runs: the card, with a start button that says it is not ready', async ({ page }) => {
  await blockWasm(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(bank.bank.title);
  await expect(page.getByText(bank.bank.description)).toBeVisible();
  await expect(page.getByText(`${perVisit()} questions`)).toBeVisible();
  await expect(page.getByText('Pass mark: 70%')).toBeVisible();
  await expect(page.getByText('Every answer is explained, with its sources')).toBeVisible();
  await expect(page.getByText(bank.bank.disclaimer)).toBeVisible();
  const button = page.getByRole('button', { name: 'Preparing the quiz…' });
  await expect(button).toBeVisible();
  await expect(button).toBeDisabled();
  await expect(loading(page)).toBeHidden();
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  // If the app never starts, the page says why (after a few seconds).
  await expect(page.getByText('If the start button does not become available')).toBeVisible({ timeout: 10_000 });
});

test('the app takes the card\'s place without moving anything', async ({ page }) => {
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__shifts.push(e.value); })
      .observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto('/');
  const startButton = page.getByRole('button', { name: 'Start the quiz' });
  await expect(startButton).toBeEnabled();
  await expect(page.locator('.prerendered')).toHaveCount(0);
  await expect(page.locator('main')).toHaveCount(1);
  expect(await page.evaluate(() => window.__shifts)).toEqual([]);
  // The card is centred on a wide screen.
  const box = await page.locator('.start').boundingBox();
  const width = page.viewportSize().width;
  expect(Math.abs(box.x + box.width / 2 - width / 2)).toBeLessThan(2);
  await startButton.click();
  await expect(page.getByRole('heading', { name: `Question 1 of ${perVisit()}` })).toBeVisible();
});

test('saved progress: no card before the app, which then resumes the question', async ({ page }) => {
  await start(page);
  const q = await currentQuestion(page);
  await choose(page, q, correctIds(q));
  await blockWasm(page);
  await page.reload();
  await expect(loading(page)).toBeVisible();
  await expect(card(page)).toBeHidden();
  await page.unroute('**/*.wasm');
  await page.reload();
  await expect(page.getByRole('heading', { name: `Question 1 of ${perVisit()}` })).toBeVisible();
  expect((await currentQuestion(page)).id).toBe(q.id);
});

test.describe('a French browser', () => {
  test.use({ locale: 'fr-FR' });
  test('sees the card of the English bank, and the app agrees with it', async ({ page }) => {
    await blockWasm(page);
    await page.goto('/');
    await expect(card(page)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Preparing the quiz…' })).toBeVisible();
    await page.unroute('**/*.wasm');
    await page.reload();
    // The bank's own language wins over the browser's, as the card said.
    await expect(page.getByRole('button', { name: 'Start the quiz' })).toBeEnabled();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });
});

for (const [what, path] of [['?bank=', '/?bank=banks/microneedling.fr.json'], ['?lang=fr', '/?lang=fr'], ['?count=', '/?count=5']]) {
  test(`${what}: no card before the app, which then shows its own`, async ({ page }) => {
    await blockWasm(page);
    await page.goto(path);
    await expect(loading(page)).toBeVisible();
    await expect(card(page)).toBeHidden();
  });
}

test('an embed with a logo: no card before the app, then the card with the logo', async ({ page }) => {
  const port = Number(process.env.QUIZ_PORT ?? 4173);
  const clinic = `http://127.0.0.1:${port + 2}/logo-embed.html`;
  await page.route('https://clinic.example/logo.svg', (r) => r.fulfill({
    contentType: 'image/svg+xml',
    body: '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#7a2e8e"/></svg>',
  }));
  await blockWasm(page);
  await page.goto(clinic);
  const quiz = page.frameLocator('iframe[title="Our quiz"]');
  await expect(quiz.getByText('Loading the quiz…')).toBeVisible();
  await expect(quiz.locator('.prerendered .start')).toBeHidden();
  await page.unroute('**/*.wasm');
  await page.reload();
  await expect(quiz.getByRole('button', { name: 'Start the quiz' })).toBeEnabled();
  await expect(quiz.locator('.start img.logo')).toBeVisible();
});
