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
    const build = keys.find((k) => k.startsWith('microneedling-quiz-precache'));
    return { keys, files: build ? (await (await caches.open(build)).keys()).length : 0 };
  });
  expect(cached.files, JSON.stringify(cached.keys)).toBeGreaterThanOrEqual(5);

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

/** Waits until a service worker controls the page. */
async function controlled(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

const editorHeading = (page) => page.getByRole('heading', { name: 'Question bank studio' });
const quizStart = (page) => page.getByRole('button', { name: 'Start the quiz' });

test('each page gets its own files: /, then /author/, then / again, online and offline', async ({ page, context }) => {
  // The quiz first: its worker takes over the site's root.
  await page.goto('/');
  await expect(quizStart(page)).toBeVisible();
  await controlled(page);

  // The editor opens as the editor (the old worker answered it with the quiz).
  await page.goto('/author/');
  await expect(editorHeading(page)).toBeVisible();
  await expect(quizStart(page)).toHaveCount(0);
  await controlled(page); // its own worker, scope author/
  expect(await page.evaluate(() => navigator.serviceWorker.controller.scriptURL)).toMatch(/\/author\/sw\.js$/);

  await page.goto('/?lang=en');
  await expect(quizStart(page)).toBeVisible();
  expect(await page.evaluate(() => navigator.serviceWorker.controller.scriptURL)).toMatch(/127\.0\.0\.1:\d+\/sw\.js$/);

  // Offline: each address still opens its own page, from its own cache.
  await context.setOffline(true);
  for (const [path, visible] of [['/', quizStart], ['/author/', editorHeading], ['/?bank=', quizStart], ['/author/index.html', editorHeading]]) {
    await page.goto(path);
    await expect(visible(page), `offline ${path}`).toBeVisible();
  }
  // The editor works offline: open a bank and see its problems.
  await page.goto('/author/');
  await page.getByLabel('Open a file, or drop it here').setInputFiles('questions/examples/skin-care.gift');
  await expect(page.getByRole('region', { name: 'Problems' })).toContainText('the disclaimer is empty');
  await page.goto('/');
  await expect(quizStart(page)).toBeVisible();
  await context.setOffline(false);
});

test('a new build replaces the old one in the cache', async ({ page }, info) => {
  // A copy of dist/ on its own port, so the test can "deploy" a new build.
  const { cpSync, readFileSync, writeFileSync } = await import('node:fs');
  const { spawn, execFileSync } = await import('node:child_process');
  const site = info.outputPath('site');
  cpSync('dist', site, { recursive: true });
  const port = 4400 + info.workerIndex; // (4190 is on the fetch standard's list of blocked ports)
  const server = spawn(process.execPath, ['scripts/static-server.mjs', site, String(port)], { stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    const base = `http://127.0.0.1:${port}/`;
    await expect.poll(async () => (await fetch(base).catch(() => null))?.status ?? 0).toBe(200);
    const cachedIndex = () => page.evaluate(async () => {
      const name = (await caches.keys()).find((k) => k.startsWith('microneedling-quiz-precache'));
      const cache = await caches.open(name);
      const keys = (await cache.keys()).map((r) => r.url).filter((u) => /index\.html/.test(u));
      const hit = await cache.match(keys[0]);
      return { keys, title: (await hit.text()).match(/<title>(.*)<\/title>/)[1] };
    });

    await page.goto(base);
    await expect(quizStart(page)).toBeVisible();
    await controlled(page);
    const before = await cachedIndex();
    expect(before.title).toBe('Microneedling quiz');

    // Deploy a new build: a changed page and its newly generated worker.
    const index = `${site}/index.html`;
    writeFileSync(index, readFileSync(index, 'utf8').replace('<title>Microneedling quiz</title>', '<title>Microneedling quiz, new build</title>'));
    execFileSync(process.execPath, ['scripts/sw.mjs', site], { stdio: 'pipe' });
    execFileSync(process.execPath, ['scripts/compress.mjs', site], { stdio: 'pipe' });

    // The next visit finds the new worker; it takes over and swaps the cache.
    await page.goto(base);
    await expect.poll(async () => (await cachedIndex()).title, { timeout: 15_000 }).toBe('Microneedling quiz, new build');
    const after = await cachedIndex();
    expect(after.keys).toHaveLength(1); // the old revision is gone
    expect(after.keys[0]).not.toBe(before.keys[0]);
    await page.context().setOffline(true);
    await page.goto(base);
    await expect(page).toHaveTitle(/new build|Microneedling/);
    await expect(quizStart(page)).toBeVisible();
    await page.context().setOffline(false);
  } finally {
    server.kill();
  }
});
