// The review pack a clinician signs: the same document from the bank tool and
// from the editor, printed on A4 and US Letter with nothing cut or lost.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { bank } from './helpers.mjs';
import { printed, PAPER, squash, printableWidth } from './pdf.mjs';

test('the review pack from the CLI and from the editor is one document that prints on A4 and Letter', async ({ page }, info) => {
  // The bank tool writes it...
  const fromCli = info.outputPath('review-cli.html');
  execFileSync('cargo', ['run', '-q', '-p', 'quiz-core', '--features', 'toml', '--bin', 'bank', '--',
    'review', 'questions/microneedling.toml', '--out', fromCli], { stdio: 'pipe' });
  const html = readFileSync(fromCli, 'utf8');

  // ...and the editor offers the same file as a download.
  await page.goto('/author/');
  await page.getByLabel('Open a file, or drop it here').setInputFiles('questions/microneedling.toml');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the review pack for a clinician' }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toBe('microneedling-review.html');
  expect(readFileSync(await file.path(), 'utf8')).toBe(html);

  // Opened as the clinician would: the downloaded file, outside the site's CSP.
  await page.goto(pathToFileURL(fromCli).href);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(bank.bank.title);
  await expect(page.getByRole('article')).toHaveCount(bank.questions.length);
  await expect(page.locator('.verdict', { hasText: 'Needs change' })).toHaveCount(bank.questions.length);
  await expect(page.getByRole('heading', { name: 'Sign-off' })).toBeVisible();

  for (const format of ['A4', 'Letter']) {
    // Nothing wider than the printable area (15 + 14 mm margins in the pack's CSS).
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: Math.floor(printableWidth(format, 28)), height: 1000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${format}: content wider than the page`).toBeLessThanOrEqual(0);

    const pdf = await printed(page, info.outputPath(`review-${format}.pdf`), format);
    expect(Math.abs(pdf.width - PAPER[format][0]), `${format} width`).toBeLessThan(2);
    expect(Math.abs(pdf.height - PAPER[format][1]), `${format} height`).toBeLessThan(2);
    expect(pdf.pages, `${format} page count`).toBeGreaterThanOrEqual(8);
    expect(pdf.pages, `${format} page count`).toBeLessThanOrEqual(2 + bank.questions.length);
    const text = squash(pdf.text);
    for (const q of bank.questions) {
      expect(text, `${format}: prompt of ${q.id}`).toContain(squash(q.prompt));
      expect(text, `${format}: explanation of ${q.id}`).toContain(squash(q.explanation));
    }
    for (const s of bank.sources) expect(text, `${format}: ${s.url}`).toContain(squash(s.url));
    expect(text).toContain(squash('Name')); // the sign-off block made it to paper
    expect(text).toContain(squash('Signature'));
  }
});
