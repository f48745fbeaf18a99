// An instructor's real bank: a 3,000-question Moodle XML export (generated
// as Moodle writes one, bench/big-moodle.mjs). The studio offers its
// categories with their counts before opening; the list shows a page at a
// time; typing stays quick; the 3,000 missing citations are one problem
// with a one-click fix. Within the default 30 s test timeout.
import { test, expect } from '@playwright/test';
import { bigMoodleXml, CATEGORIES } from '../../bench/big-moodle.mjs';

const { xml, counts } = bigMoodleXml(3000);
const label = (path) => `Default for Dermatology 201 › ${path.replace('/', ' › ')}`;
const n = (x) => x.toLocaleString('en');

test('a 3,000-question Moodle export: categories chosen, list paged, typing, grouped problems and their one-click fix', async ({ page }) => {
  await page.goto('/author/');
  await page.getByLabel('Open a file, or drop it here').setInputFiles({
    name: 'dermatology.moodle.xml', mimeType: 'text/xml', buffer: Buffer.from(xml),
  });

  // Its categories, with their question counts, before anything is opened.
  const choose = page.getByRole('region', { name: 'Choose what to import from dermatology.moodle.xml' });
  await expect(choose).toContainText(`This export holds 3,000 questions in ${CATEGORIES.length} categories.`);
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const [path] of CATEGORIES) {
    // "… › Aftercare (375 questions; 7 of kinds the quiz cannot take are left out)"
    const box = choose.getByRole('checkbox', { name: new RegExp(`^${escape(label(path))} \\(${n(counts[path])} questions`) });
    await expect(box).toBeChecked();
  }
  const status = choose.locator('.summary');
  await expect(status).toHaveText(`3,000 questions chosen, in ${CATEGORIES.length} of ${CATEGORIES.length} categories.`);
  await choose.getByRole('button', { name: 'Select none' }).click();
  await expect(choose.getByRole('button', { name: 'Open 0 questions' })).toBeDisabled();
  await choose.getByRole('button', { name: 'Select all' }).click();
  // Everything but the evidence category.
  const evidence = counts.Evidence;
  await choose.getByRole('checkbox', { name: new RegExp(`^${label('Evidence')} `) }).uncheck();
  const kept = 3000 - evidence;
  await expect(status).toHaveText(`${n(kept)} questions chosen, in ${CATEGORIES.length - 1} of ${CATEGORIES.length} categories.`);
  const opened = Date.now();
  await choose.getByRole('button', { name: `Open ${n(kept)} questions` }).click();

  // Opened: the report says what was left out; no word of TOML syntax.
  const list = page.getByRole('navigation', { name: `Questions (${n(kept)})` });
  await expect(list).toBeVisible();
  console.log(`opened ${kept} questions in ${Date.now() - opened} ms`);
  await expect(page.locator('details.notes')).toContainText(`imported ${CATEGORIES.length - 1} of the file's ${CATEGORIES.length} categories, as chosen; left out: "${label('Evidence')}"`);
  await expect(page.getByText(/TOML syntax/)).toHaveCount(0);

  // A page of the list at a time; the next page, a question on it.
  await expect(list.getByRole('listitem')).toHaveCount(100);
  await expect(list.locator('#question-pages')).toHaveText(`Questions 1 to 100 of ${n(kept)}.`);
  await list.getByRole('button', { name: 'Next 100 questions' }).click();
  await expect(list.locator('#question-pages')).toHaveText(`Questions 101 to 200 of ${n(kept)}.`);
  await list.getByRole('button', { name: /^150\./ }).click();
  const q150 = page.getByRole('region', { name: `Question 150 of ${n(kept)}` });
  await expect(q150).toBeVisible();
  await expect(list.getByRole('button', { name: /^150\./ })).toHaveAttribute('aria-current', 'true');
  // Found by number, far down the list.
  await list.getByLabel('Find questions').fill('#2500');
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await list.getByRole('button', { name: /^2500\./ }).click();
  const q2500 = page.getByRole('region', { name: `Question 2500 of ${n(kept)}` });
  await expect(q2500).toBeVisible();
  await list.getByLabel('Find questions').fill('');
  await expect(list.locator('#question-pages')).toHaveText(`Questions 2401 to 2500 of ${n(kept)}.`);

  // Typing shows at once; the preview follows when typing pauses.
  const prompt = q2500.getByLabel('Question', { exact: true });
  await prompt.fill('Which layer of the skin do the needles reach?');
  await expect(list.getByRole('button', { name: /^2500\./ })).toContainText('Which layer of the skin do the needles reach?');
  await prompt.press('End');
  await prompt.pressSequentially(' Pick one.', { delay: 30 });
  await expect(prompt).toHaveValue('Which layer of the skin do the needles reach? Pick one.');
  const preview = page.getByRole('region', { name: /^Preview/ });
  await expect(preview.locator('fieldset legend')).toHaveText('Which layer of the skin do the needles reach? Pick one.');

  // Thousands of missing citations: one entry, with its fix.
  const problems = page.getByRole('region', { name: 'Problems' });
  const uncited = problems.locator('li.group', { hasText: `${n(kept)} questions — error: cite at least one source` });
  await expect(uncited).toBeVisible();
  expect(await problems.locator(':scope > ul > li').count()).toBeLessThan(10);
  // Its places, as links to the fields.
  await uncited.locator('summary').click();
  await uncited.getByRole('button', { name: 'Question 3', exact: true }).click();
  await expect(page.getByRole('region', { name: `Question 3 of ${n(kept)}` })).toBeVisible();
  await expect(uncited).toContainText(`and ${n(kept - 100)} more`);

  // The fix: a source first, then cite it for all of them in one click.
  await uncited.getByRole('button', { name: 'Add a source' }).click();
  const sources = page.getByRole('region', { name: 'Sources' });
  await expect(sources.getByLabel('Title')).toBeFocused();
  await sources.getByLabel('Title').fill('Microneedling: aftercare');
  await sources.getByLabel('Source id').fill('leaflet');
  await sources.getByLabel('Address (https only)').fill('https://example.org/leaflet');
  await sources.getByLabel('Publisher, journal or website').fill('The clinic');
  await sources.getByLabel('Date as the source gives it').fill('2026');
  await sources.getByLabel(/^Authors/).fill('The clinic');
  await uncited.getByLabel('Where in leaflet (section, page or paragraph)').fill('Aftercare');
  await uncited.getByRole('button', { name: `Cite leaflet for the ${n(kept)} questions without a citation` }).click();
  await expect(page.locator('.studio-bar .status')).toHaveText(`"leaflet" is now cited by ${n(kept)} questions.`);
  await expect(uncited).toHaveCount(0);
  await page.getByLabel('Disclaimer shown to patients').fill('Education only, not medical advice.');
  await expect(problems.locator('.summary')).toHaveText(/^No errors|^No problems/);
  await expect(page.getByRole('button', { name: 'Download dermatology.json to deploy' })).toBeEnabled();
});

test('the category picker and a large bank\'s workspace have no axe violations', async ({ page }) => {
  const axe = (await import('@axe-core/playwright')).default;
  const check = async () => {
    const r = await new axe({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(r.violations.map((v) => `${v.id}: ${v.nodes.map((x) => x.target).join(' ')}`)).toEqual([]);
  };
  await page.goto('/author/');
  await page.getByLabel('Open a file, or drop it here').setInputFiles({
    name: 'course.xml', mimeType: 'text/xml', buffer: Buffer.from(bigMoodleXml(400).xml),
  });
  await expect(page.getByRole('button', { name: 'Open 400 questions' })).toBeVisible();
  await check();
  await page.getByRole('button', { name: 'Open 400 questions' }).click();
  const problems = page.getByRole('region', { name: 'Problems' });
  const group = problems.locator('li.group', { hasText: '400 questions — error: cite at least one source' });
  await group.locator('summary').click();
  await expect(group.getByRole('button', { name: 'Add a source' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Next 100 questions' })).toBeVisible();
  await check();
});
