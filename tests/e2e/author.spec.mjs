// An instructor with only a browser and a mouse: import a Moodle XML export
// with HTML, see it cleaned, cite one source for all of it, fix what is
// flagged, preview while editing, reload without losing anything, download
// the JSON and serve it with ?bank=. Then the rest of the studio: keyboard
// reordering, the TOML tab in sync, drafts, leaving, refused files, axe.
import { test, expect } from '@playwright/test';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';

const axe = (page) => new AxeBuilder({ page })
  .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();

const studio = (page) => page.getByRole('heading', { name: 'Question bank studio', level: 1 });

test('the 12-question Moodle workflow, with forms and a mouse alone', async ({ page }) => {
  test.setTimeout(90_000);
  const started = Date.now();
  await page.goto('/author/');
  await expect(studio(page)).toBeVisible();
  await page.getByLabel('Open a file, or drop it here').setInputFiles('questions/examples/aftercare.moodle.xml');

  // Imported and cleaned: the report says what was changed and left out.
  const report = page.locator('details.notes');
  await expect(report).toContainText('Import report: 4 notes');
  await expect(report).toContainText(/cleaned the formatting of \d+ texts: \d+ HTML tags removed/);
  await expect(report).toContainText('1 image was not imported');
  await expect(report).toContainText(/Line \d+ of the original file: short-answer questions are not supported/);
  const list = page.getByRole('navigation', { name: /Questions \(12\)/ });
  await expect(list).toBeVisible();
  // No HTML, entities or Markdown reach the fields (nor, so, the patients).
  const form = page.getByRole('region', { name: /Question 1 of 12/ });
  const prompt = form.getByLabel('Question', { exact: true });
  await expect(prompt).toHaveValue('How does microneedling lead to new collagen?');
  for (const field of await page.locator('.forms textarea, .forms input[type=text]').all()) {
    expect(await field.inputValue()).not.toMatch(/<\/?[a-z]+[ >]|&[a-z#0-9]+;|\*\*/);
  }

  // The draft preview plays already, under its banner.
  const preview = page.getByRole('region', { name: /^Preview/ });
  await expect(preview.getByRole('note')).toContainText('Draft, not ready to publish.');
  await expect(preview.locator('fieldset legend')).toHaveText('How does microneedling lead to new collagen?');
  const download = page.getByRole('button', { name: 'Download aftercare.json to deploy' });
  await expect(download).toBeDisabled();

  // One source, with the https rule checked as it is typed.
  const sources = page.getByRole('region', { name: 'Sources' });
  await sources.getByRole('button', { name: 'Add a source' }).click();
  await sources.getByLabel('Title').fill('Microneedling: post-treatment information for patients');
  await sources.getByLabel('Source id').fill('nhs-after');
  const url = sources.getByLabel('Address (https only)');
  await url.fill('http://chelwest.nhs.uk/microneedling');
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await expect(sources.locator('.field-problems', { hasText: 'https' })).toBeVisible();
  await url.fill('https://chelwest.nhs.uk/microneedling');
  await expect(url).not.toHaveAttribute('aria-invalid', 'true');
  await sources.getByLabel('Publisher, journal or website').fill('Chelsea and Westminster Hospital NHS Foundation Trust');
  await sources.getByLabel('Date as the source gives it').fill('undated');
  await sources.getByLabel(/^Authors/).fill('Chelsea and Westminster Hospital NHS Foundation Trust');

  // Cite it for every question in one action.
  await sources.getByLabel('Where in nhs-after (section, page or paragraph)').fill('After your treatment');
  await sources.getByRole('button', { name: 'Cite nhs-after for the 12 questions without a citation' }).click();
  await expect(page.locator('.studio-bar .status')).toHaveText('"nhs-after" is now cited by 12 questions.');

  // What is left is flagged; its link takes us to the field.
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems.locator('.summary')).toHaveText(/^1 error to fix/);
  await problems.getByRole('button', { name: 'Bank details' }).first().click();
  const disclaimer = page.getByLabel('Disclaimer shown to patients');
  await expect(disclaimer).toBeFocused();
  await expect(disclaimer).toBeInViewport();
  await disclaimer.fill('This quiz is for education only and is not medical advice.');
  await expect(problems.locator('.summary')).toHaveText(/^No errors|^No problems/);
  await expect(download).toBeEnabled();
  await expect(preview.getByRole('note')).toHaveCount(0);

  // The preview follows the question being edited, as it is typed.
  await list.getByRole('button', { name: /^4\./ }).click();
  const q4 = page.getByRole('region', { name: /Question 4 of 12/ }).getByLabel('Question', { exact: true });
  await q4.fill('How long do the expected effects usually last after a session?');
  await expect(preview.locator('fieldset legend')).toHaveText('How long do the expected effects usually last after a session?');

  // A reload (or a crash) loses nothing.
  await page.reload();
  await expect(page.getByRole('navigation', { name: /Questions \(12\)/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Sources' }).getByLabel('Source id')).toHaveValue('nhs-after');
  await page.getByRole('navigation', { name: /Questions/ }).getByRole('button', { name: /^4\./ }).click();
  await expect(page.getByRole('region', { name: /Question 4 of 12/ }).getByLabel('Question', { exact: true }))
    .toHaveValue('How long do the expected effects usually last after a session?');
  await expect(page.getByLabel('Disclaimer shown to patients')).toHaveValue(/education only/);

  // Download the deployable JSON.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download aftercare.json to deploy' }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toBe('aftercare.json');
  const json = readFileSync(await file.path(), 'utf8');
  const compiled = JSON.parse(json);
  expect(compiled.questions).toHaveLength(12);
  expect(compiled.questions.every((q) => q.cites[0].source === 'nhs-after')).toBe(true);
  await expect(page.locator('.studio-bar .file')).toContainText('saved in this browser and downloaded');

  // Deployed next to the quiz without a rebuild: ?bank= serves it.
  await page.route('**/banks/aftercare.json', (r) => r.fulfill({ contentType: 'application/json', body: json }));
  await page.goto('/?bank=banks/aftercare.json');
  await expect(page.getByText('12 questions')).toBeVisible();
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  await expect(page.locator('fieldset legend')).toBeVisible();
  const seconds = (Date.now() - started) / 1000;
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/studio-workflow.json', JSON.stringify({ seconds }));
  console.log(`studio workflow: ${seconds.toFixed(1)} s`);
});

test('questions: add, duplicate, delete, undo, reorder by keyboard, kinds and ticks; the TOML tab stays in sync', async ({ page }) => {
  await page.goto('/author/');
  await page.getByRole('button', { name: 'Customise the built-in microneedling bank' }).click();
  await expect(page.locator('.studio-bar .status')).toContainText('its own id (microneedling-custom)');
  const list = page.getByRole('navigation', { name: /Questions \(37\)/ });
  const first = list.getByRole('button', { name: /^1\./ });
  const firstText = await first.innerText();

  // Alt+Down moves the question; focus follows it.
  await first.focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.locator('.studio-bar .status')).toHaveText('Question moved from position 1 to position 2 of 37.');
  await expect(list.getByRole('button', { name: /^2\./ })).toBeFocused();
  await expect(list.getByRole('button', { name: /^2\./ })).toContainText(firstText.split('\n')[1] ?? '');
  await page.getByRole('button', { name: 'Move up', exact: true }).click();
  await expect(list.getByRole('button', { name: /^1\./ })).toHaveAttribute('aria-current', 'true');

  await page.getByRole('button', { name: 'Duplicate' }).click();
  await expect(page.getByRole('navigation', { name: /Questions \(38\)/ })).toBeVisible();
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('navigation', { name: /Questions \(37\)/ })).toBeVisible();
  await page.getByRole('button', { name: 'Add a question' }).first().click();
  const form = page.getByRole('region', { name: /Question 38 of 38/ });
  await expect(form.getByLabel('Question', { exact: true })).toBeFocused();
  await expect(form.locator('.field-problems').first()).toContainText('the prompt is empty');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('navigation', { name: /Questions \(37\)/ })).toBeVisible();

  // Kind and ticks: one right answer uses radio buttons, several use checkboxes.
  await list.getByRole('button', { name: /^1\./ }).click();
  const q1 = page.getByRole('region', { name: /Question 1 of 37/ });
  await expect(q1.getByRole('radio', { name: 'Choice 1 is correct' })).toBeChecked();
  await q1.getByRole('radio', { name: 'Choice 3 is correct' }).check();
  await expect(q1.getByRole('radio', { name: 'Choice 1 is correct' })).not.toBeChecked();
  await q1.getByLabel('Kind').selectOption('multiple');
  await q1.getByRole('checkbox', { name: 'Choice 1 is correct' }).check();
  await expect(q1.getByRole('checkbox', { name: 'Choice 3 is correct' })).toBeChecked();

  // Choices move too, keeping their text, tick and feedback; focus follows.
  const c1 = await q1.getByLabel('Choice 1', { exact: true }).inputValue();
  const c2 = await q1.getByLabel('Choice 2', { exact: true }).inputValue();
  await q1.getByRole('button', { name: 'Move down choice 1' }).click();
  await expect(page.locator('.studio-bar .status')).toHaveText(/^Choice 1 moved to position 2 of \d+\.$/);
  await expect(q1.getByLabel('Choice 1', { exact: true })).toHaveValue(c2);
  await expect(q1.getByLabel('Choice 2', { exact: true })).toHaveValue(c1);
  await expect(q1.getByLabel('Choice 2', { exact: true })).toBeFocused();
  await expect(q1.getByRole('checkbox', { name: 'Choice 2 is correct' })).toBeChecked();
  await expect(q1.getByRole('button', { name: 'Move up choice 1' })).toBeDisabled();

  // The TOML tab shows the same bank, comments kept; editing it updates the forms.
  await page.getByRole('region', { name: 'Bank details' }).getByLabel('Title').fill('Microneedling at our clinic');
  await page.getByRole('tab', { name: 'TOML' }).click();
  const text = page.getByLabel('microneedling-custom.toml');
  await expect(text).toHaveValue(/title = "Microneedling at our clinic"/);
  await expect(text).toHaveValue(/# The default microneedling bank\. Authoring guide/);
  await expect(text).toHaveValue(/kind = "multiple"/);
  // Select "pass_mark = 70" in the text and type over it, as a person would.
  const select = (what) => text.evaluate((t, w) => {
    const at = t.value.indexOf(w);
    t.focus();
    t.setSelectionRange(at, at + w.length);
  }, what);
  await select('pass_mark = 70');
  await page.keyboard.insertText('pass_mark = 80');
  await page.getByRole('tab', { name: 'Forms' }).click();
  await expect(page.getByLabel('Pass mark (%)')).toHaveValue('80');

  // A syntax error in the text: its problem link puts the cursor on it.
  await page.getByRole('tab', { name: 'TOML' }).click();
  await select('pass_mark = 80');
  await page.keyboard.insertText('pass_mark = ');
  const problem = page.getByRole('region', { name: 'Problems' }).getByRole('button', { name: /^Line \d+, column \d+$/ }).first();
  const [, line] = (await problem.innerText()).match(/^Line (\d+)/);
  await page.getByRole('tab', { name: 'Forms' }).click();
  await expect(page.getByText('The forms cannot read this bank until its TOML syntax is fixed')).toBeVisible();
  await problem.click();
  await expect(text).toBeFocused();
  expect(await text.evaluate((t) => t.value.slice(0, t.selectionStart).split('\n').length)).toBe(Number(line));
});

test('drafts: listed on the start page, continued or deleted; leaving with changes asks first', async ({ page }) => {
  await page.goto('/author/');
  await page.getByRole('button', { name: 'Start a blank bank' }).click();
  await page.getByRole('region', { name: 'Bank details' }).getByLabel('Title').fill('Sun care after treatment');
  await page.getByRole('button', { name: 'Close and start another bank' }).click();
  const drafts = page.getByRole('region', { name: 'Drafts saved in this browser' });
  await expect(drafts).toContainText('my-bank.toml');
  await expect(drafts).toContainText('not downloaded');
  await drafts.getByRole('button', { name: 'Continue my-bank.toml' }).click();
  await expect(page.getByRole('region', { name: 'Bank details' }).getByLabel('Title')).toHaveValue('Sun care after treatment');

  // Changes that were not downloaded: the browser asks before leaving.
  let asked = '';
  page.on('dialog', async (d) => { asked = d.type(); await d.accept(); });
  await page.getByRole('region', { name: 'Bank details' }).getByLabel('Description').fill('What to do in the sun.');
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => asked).toBe('beforeunload');
});

test('files that are not question banks are refused with a reason; Aiken and GIFT open', async ({ page }) => {
  await page.goto('/author/');
  const input = page.getByLabel('Open a file, or drop it here');
  await input.setInputFiles({ name: 'handout.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n...') });
  await expect(page.getByRole('alert')).toContainText('handout.pdf is a PDF document');
  await input.setInputFiles({ name: 'quiz.gift', mimeType: 'text/plain', buffer: readFileSync('questions/examples/aftercare.moodle.xml') });
  await expect(page.getByRole('alert')).toContainText('No question could be read from quiz.gift');
  await input.setInputFiles('questions/examples/skin-care.aiken.txt');
  await expect(page.getByRole('navigation', { name: /Questions \(\d+\)/ })).toBeVisible();
  await page.getByRole('tab', { name: 'TOML' }).click();
  await expect(page.getByLabel('skin-care.toml')).toHaveValue(/Shorter, duller needles/);
});

test('the studio has no axe violations: start page, forms, TOML tab', async ({ page }) => {
  await page.goto('/author/');
  await expect(studio(page)).toBeVisible();
  expect((await axe(page)).violations.map((v) => v.id)).toEqual([]);
  await page.getByLabel('Open a file, or drop it here').setInputFiles('questions/examples/skin-care.gift');
  await expect(page.getByRole('navigation', { name: /Questions/ })).toBeVisible();
  expect((await axe(page)).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
  await page.getByRole('tab', { name: 'TOML' }).click();
  expect((await axe(page)).violations.map((v) => v.id)).toEqual([]);
});
