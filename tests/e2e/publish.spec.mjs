// Publishing for learners: the website zip, unzipped and served as a clinic
// would host it, and the studio's three exports, unzipped and read back.
import { test, expect } from '@playwright/test';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { currentQuestion, choose, correctIds, frenchBank } from './helpers.mjs';

const port = Number(process.env.QUIZ_PORT ?? 4173) + 20;
const site = `http://127.0.0.1:${port}`;
let dir;
let server;

/** Writes every file of a zip below `to`. */
function unzipTo(bytes, to) {
  const files = unzipSync(bytes);
  for (const [name, data] of Object.entries(files)) {
    expect(name.includes('..') || name.startsWith('/'), name).toBe(false);
    mkdirSync(dirname(join(to, name)), { recursive: true });
    writeFileSync(join(to, name), data);
  }
  return files;
}

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quiz-site-'));
  const zip = join(dir, 'site.zip');
  // A clinic's own bank: the French edition stands in for a customised one.
  execFileSync('cargo', ['run', '-q', '-p', 'quiz-core', '--features', 'toml', '--bin', 'bank', '--',
    'package', '--to', 'site', 'questions/microneedling.fr.toml', '--out', zip, '--site', 'dist'], { stdio: 'pipe' });
  unzipTo(readFileSync(zip), join(dir, 'www'));
  server = spawn('node', ['scripts/static-server.mjs', join(dir, 'www'), String(port)], { stdio: 'ignore' });
  await expect.poll(async () => (await fetch(`${site}/`).catch(() => null))?.status ?? 0, { timeout: 10_000 }).toBe(200);
});

test.afterAll(() => {
  server?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test.describe('the website zip', () => {
  test.use({ serviceWorkers: 'allow' });

  test('paints its own bank\'s card before the app runs, under its CSP', async ({ page }) => {
    const outside = [];
    page.on('request', (r) => { if (!r.url().startsWith(site)) outside.push(r.url()); });
    const violations = [];
    page.on('console', (m) => { if (/Content.Security.Policy|Refused/.test(m.text())) violations.push(m.text()); });
    // With the wasm blocked, what shows is the prerendered card alone.
    await page.route('**/*.wasm', (route) => route.abort());
    await page.goto(`${site}/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(frenchBank.bank.title);
    await expect(page.getByRole('button', { name: 'Préparation du quiz…' })).toBeDisabled();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page).toHaveTitle(frenchBank.bank.title);
    expect(await page.content()).not.toContain('Microneedling: what do you know?');
    expect(outside).toEqual([]);
    expect(violations).toEqual([]);
  });

  test('runs to the end, then works offline after the visit', async ({ page, context }) => {
    await page.goto(`${site}/`);
    await page.getByRole('button', { name: 'Commencer le quiz' }).click();
    const total = Number((await page.getByRole('heading', { name: /^Question 1 sur/ }).innerText()).match(/sur (\d+)/)[1]);
    for (let i = 1; i <= total; i++) {
      const q = await currentQuestion(page, frenchBank);
      await choose(page, q, correctIds(q));
      await page.getByRole('button', { name: 'Vérifier la réponse' }).click();
      await page.getByRole('button', { name: i === total ? 'Voir les résultats' : 'Question suivante' }).click();
    }
    await expect(page.getByRole('heading', { name: /Vos résultats|Résultats/ })).toBeVisible();
    await expect(page.getByText('100\u202f%').first()).toBeVisible();

    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    await context.setOffline(true);
    await page.goto(`${site}/`);
    // The saved visit comes back from the cache, with the bank's own title.
    await expect(page.getByRole('heading', { level: 1 }).first()).toHaveText(frenchBank.bank.title);
    await context.setOffline(false);
  });
});

test('the studio publishes SCORM 1.2, SCORM 2004 and a website, each with the bank in it', async ({ page }) => {
  await page.goto('/author/');
  await page.getByRole('button', { name: 'Customise the built-in microneedling bank' }).click();
  const publish = page.getByRole('region', { name: 'Publish for learners' });
  await expect(publish).toBeVisible();
  const expected = JSON.parse(readFileSync('dist/banks/microneedling.json', 'utf8'));
  for (const [label, file, manifest] of [
    ['SCORM 1.2 package (for most LMSs)', 'microneedling-custom-scorm12.zip', '<schemaversion>1.2</schemaversion>'],
    ['SCORM 2004 package', 'microneedling-custom-scorm2004.zip', '<schemaversion>2004 3rd Edition</schemaversion>'],
    ['Website (zip)', 'microneedling-custom-site.zip', null],
  ]) {
    const downloading = page.waitForEvent('download');
    await publish.getByRole('button', { name: label }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(file);
    await expect(publish.getByRole('status')).toContainText(`${file} is downloaded`);
    const files = unzipSync(readFileSync(await download.path()));
    const bank = JSON.parse(strFromU8(files['bank.json']));
    expect(bank.bank.id).toBe('microneedling-custom');
    expect(bank.questions.map((q) => q.prompt)).toEqual(expected.questions.map((q) => q.prompt));
    const index = strFromU8(files['index.html']);
    expect(index).toContain('data-bank="bank.json"');
    expect(index).toContain(`<h1 id="quiz-title">${expected.bank.title}</h1>`);
    if (manifest) {
      expect(strFromU8(files['imsmanifest.xml'])).toContain(manifest);
      expect(Object.keys(files)).toContain('scorm.js');
    } else {
      expect(Object.keys(files)).toEqual(expect.arrayContaining(['sw.js', '_headers', 'embed.js', 'README.txt']));
    }
    expect(Object.keys(files).some((f) => f.startsWith('author/'))).toBe(false);
  }
  // QTI for Canvas: an assessment with every question, listed in its manifest.
  const downloading = page.waitForEvent('download');
  await publish.getByRole('button', { name: 'QTI 1.2 for Canvas or Blackboard (zip)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('microneedling-custom-qti.zip');
  const files = unzipSync(readFileSync(await download.path()));
  const manifest = strFromU8(files['imsmanifest.xml']);
  const items = Object.keys(files).filter((f) => f !== 'imsmanifest.xml');
  for (const f of items) expect(manifest).toContain(f);
  const assessment = items.map((f) => strFromU8(files[f])).join('\n');
  const escape = (t) => t.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  for (const q of expected.questions) expect(assessment).toContain(escape(q.id));
});

test('the studio refuses to publish a bank with errors and says why', async ({ page }) => {
  await page.goto('/author/');
  await page.getByRole('button', { name: 'Customise the built-in microneedling bank' }).click();
  await page.getByRole('tab', { name: 'TOML' }).click();
  const text = page.getByLabel(/\.toml$/);
  const value = await text.inputValue();
  await text.fill(value.replace('pass_mark = 70', 'pass_mark = 170'));
  const publish = page.getByRole('region', { name: 'Publish for learners' });
  for (const name of ['SCORM 1.2 package (for most LMSs)', 'SCORM 2004 package', 'Website (zip)', 'QTI 1.2 for Canvas or Blackboard (zip)']) {
    await expect(publish.getByRole('button', { name })).toBeDisabled();
  }
  await expect(publish.getByText(/Publishing needs a bank without errors: 1 left/)).toBeVisible();
});
