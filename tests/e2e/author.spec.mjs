// An instructor, with only the browser: import a Moodle GIFT file, fix the
// reported problems, try the quiz, download the JSON, and serve it with ?bank=.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';

test('import GIFT, fix the problems, preview, download and deploy with ?bank=', async ({ page }) => {
  await page.goto('/author/');
  await expect(page.getByRole('heading', { name: 'Question bank editor' })).toBeVisible();
  await page.getByLabel('Open a bank file, or drop it here').setInputFiles('questions/examples/skin-care.gift');

  // The GIFT file is now TOML, with every problem placed by line and column.
  const text = page.getByLabel('skin-care (TOML)');
  await expect(text).toHaveValue(/\[\[questions\]\]/);
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems.getByRole('status')).toContainText(/\d+ errors and \d+ warnings to fix/);
  await expect(problems).toContainText('error: the disclaimer is empty');
  await expect(problems).toContainText(/error: cite at least one source/);
  await expect(problems).toContainText('Line 35 of the original file: matching questions are not supported; skipped');
  await expect(page.getByRole('button', { name: 'Try the quiz' })).toBeDisabled();

  // A problem's position puts the cursor on that line of the text.
  const first = problems.getByRole('button', { name: /^Line \d+, column \d+$/ }).first();
  const [, line] = (await first.innerText()).match(/^Line (\d+)/);
  await first.click();
  await expect(text).toBeFocused();
  const caretLine = await text.evaluate((t) => t.value.slice(0, t.selectionStart).split('\n').length);
  expect(caretLine).toBe(Number(line));

  // Fix everything in the page: a source, a citation for each question, a disclaimer.
  let fixed = await text.inputValue();
  fixed = fixed
    .replace('disclaimer = ""', 'disclaimer = "Education only. Ask a dermatologist."')
    .replaceAll('explanation = ""', 'explanation = "Microneedling starts the skin\'s own repair. New collagen is part of it."')
    .replaceAll('cites = []', 'cites = [{ source = "aad", locator = "Body of the release" }]')
    .replace('[[questions]]', '[[sources]]\nid = "aad"\ntitle = "Microneedling"\nauthors = ["AAD"]\npublisher = "AAD"\ndate = "2018"\nurl = "https://www.aad.org/news/microneedling"\n\n[[questions]]');
  await text.fill(fixed);
  await expect(problems.getByRole('status')).toHaveText(/^No errors; \d+ warnings to consider\.$|^No problems/);

  // Try it.
  await page.getByRole('button', { name: 'Try the quiz' }).click();
  const preview = page.getByRole('region', { name: 'Preview of the quiz' });
  await preview.getByRole('button', { name: 'Start the quiz' }).click();
  await preview.locator('fieldset input').first().check();
  await preview.getByRole('button', { name: 'Check answer' }).click();
  await expect(preview.locator('.verdict strong')).toHaveText(/^(Correct|Incorrect|Partly correct)$/);

  // Download the compiled JSON.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download skin-care.json to deploy' }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toBe('skin-care.json');
  const json = readFileSync(await file.path(), 'utf8');
  const compiled = JSON.parse(json);
  expect(compiled.questions.length).toBe(5);

  // Deploy next to dist/ without rebuilding: the quiz serves it with ?bank=.
  await page.route('**/banks/skin-care.json', (r) => r.fulfill({ contentType: 'application/json', body: json }));
  await page.goto('/?bank=banks/skin-care.json');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('skin-care');
  await expect(page.getByText('5 questions')).toBeVisible();
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  await expect(page.locator('fieldset legend')).toBeVisible();
});

test('the editor reads TOML and Aiken files, and has no axe violations', async ({ page }) => {
  await page.goto('/author/');
  await page.getByLabel('Open a bank file, or drop it here').setInputFiles('questions/microneedling.toml');
  await expect(page.getByRole('region', { name: 'Problems' }).getByRole('status')).toHaveText('No problems: this bank is ready.');
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(violations.map((v) => v.id)).toEqual([]);
  await page.getByLabel('Open a bank file, or drop it here').setInputFiles('questions/examples/skin-care.aiken.txt');
  await expect(page.getByLabel('skin-care (TOML)')).toHaveValue(/Shorter, duller needles/);
});
