// A visitor prints the results for the consultation (or saves them as PDF):
// everything needed is on paper, on A4 and US Letter, and nothing is cut.
import { test, expect } from '@playwright/test';
import { bank, perVisit, start, currentQuestion, choose, correctIds, wrongId } from './helpers.mjs';
import { printed, PAPER, squash, printableWidth } from './pdf.mjs';

test('the results page prints on A4 and Letter with every question, answer and source', async ({ page }, info) => {
  await page.route('https://clinic.example/logo.svg', (r) => r.fulfill({
    contentType: 'image/svg+xml',
    body: '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#7a2e8e"/></svg>',
  }));
  await start(page, '/?logo=https://clinic.example/logo.svg&cta-text=Book%20your%20visit%20today&cta-url=https://clinic.example/book');
  const asked = [];
  for (let i = 0; i < perVisit(); i++) {
    const q = await currentQuestion(page);
    asked.push(q);
    await choose(page, q, i % 2 ? correctIds(q) : [wrongId(q)]);
    await page.getByRole('button', { name: 'Check answer' }).click();
    await page.getByRole('button', { name: i + 1 < perVisit() ? 'Next question' : 'See results' }).click();
  }
  await expect(page.getByRole('heading', { name: 'Your results' })).toBeVisible();
  const printButton = page.getByRole('button', { name: 'Print or save as PDF' });
  await expect(printButton).toBeVisible();
  // The button opens the browser's print dialog.
  await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed++; }; });
  await printButton.click();
  expect(await page.evaluate(() => window.__printed)).toBe(1);
  await expect(page.getByText(/^Date: \d{1,2} \w+ \d{4}$/)).toBeVisible();

  await page.emulateMedia({ media: 'print' });
  // On paper: no buttons and no call to action, but the clinic's logo.
  await expect(printButton).toBeHidden();
  await expect(page.getByRole('button', { name: 'Retry the quiz' })).toBeHidden();
  await expect(page.getByRole('link', { name: /Book your visit today/ })).toBeHidden();
  await expect(page.locator('.bank-header img.logo')).toBeVisible();
  const cited = [...new Set(asked.flatMap((q) => q.cites.map((c) => c.source)))]
    .map((id) => bank.sources.find((s) => s.id === id));

  for (const format of ['A4', 'Letter']) {
    await page.setViewportSize({ width: Math.floor(printableWidth(format, 28)), height: 1000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${format}: content wider than the page`).toBeLessThanOrEqual(0);
    const pdf = await printed(page, info.outputPath(`results-${format}.pdf`), format);
    expect(Math.abs(pdf.width - PAPER[format][0]), `${format} width`).toBeLessThan(2);
    expect(Math.abs(pdf.height - PAPER[format][1]), `${format} height`).toBeLessThan(2);
    expect(pdf.pages, `${format} pages`).toBeGreaterThanOrEqual(2);
    expect(pdf.pages, `${format} pages`).toBeLessThanOrEqual(perVisit() + 2);
    const text = squash(pdf.text);
    expect(text).toContain(squash(bank.bank.title));
    expect(text).toContain(squash('Your results'));
    expect(text).toContain(squash('By topic'));
    expect(text).toMatch(/Date:\d{1,2}\w+\d{4}/);
    for (const q of asked) {
      expect(text, `${format}: ${q.id} prompt`).toContain(squash(q.prompt));
      expect(text, `${format}: ${q.id} explanation`).toContain(squash(q.explanation));
    }
    for (const s of cited) expect(text, `${format}: ${s.url}`).toContain(squash(s.url));
    expect(text).toContain(squash(bank.bank.disclaimer));
    expect(text).not.toContain(squash('Book your visit today'));
    expect(text).not.toContain(squash('Print or save as PDF'));
  }
});
