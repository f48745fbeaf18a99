// Hostile banks, failing network and storage, two tabs, a blocked WebAssembly.
import { test, expect } from '@playwright/test';
import { bank, currentQuestion, choose, correctIds, start } from './helpers.mjs';

// Classic XSS payloads. Each would set window.__xss or open a dialog if run.
const MARKUP = [
  '<script>window.__xss=1</script>', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>',
  '<img src=x onerror="window.__xss=1">', '<svg onload=alert(1)>', '<svg><script>alert(1)</script></svg>',
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>', '<iframe src="javascript:alert(1)">',
  '<body onload=alert(1)>', '<input autofocus onfocus=alert(1)>', '<details open ontoggle=alert(1)>',
  '<video><source onerror=alert(1)></video>', '<audio src=x onerror=alert(1)>', '<marquee onstart=alert(1)>',
  '<a href="javascript:alert(1)">click</a>', '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  '<object data="javascript:alert(1)">', '<embed src="javascript:alert(1)">', '<math><mtext><script>alert(1)</script>',
  '<style>@import "javascript:alert(1)";</style>', '<div style="background:url(javascript:alert(1))">',
  '<div style="width: expression(alert(1))">', '<link rel=stylesheet href="javascript:alert(1)">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', '<base href="javascript:alert(1)//">',
  '<form action="javascript:alert(1)"><button>x</button></form>', '<isindex action=javascript:alert(1) type=image>',
  '"><script>alert(1)</script>', "'><img src=x onerror=alert(1)>", '</textarea><script>alert(1)</script>',
  '</title><script>alert(1)</script>', '<!--<script>alert(1)</script>-->', '<![CDATA[<script>alert(1)</script>]]>',
  '&lt;script&gt;alert(1)&lt;/script&gt;', '&#60;script&#62;alert(1)&#60;/script&#62;', '\u003cscript\u003ealert(1)\u003c/script\u003e',
  '<scr<script>ipt>alert(1)</script>', '<SCRIPT SRC=//evil.example/x.js></SCRIPT>', '<IMG SRC=JaVaScRiPt:alert(1)>',
  '<img src=" javascript:alert(1)">', '<img src="jav&#x09;ascript:alert(1)">', '<img src=`javascript:alert(1)`>',
  '{{constructor.constructor("alert(1)")()}}', '${alert(1)}', 'javascript:alert(1)', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  '<template><script>alert(1)</script></template>', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s>', '<body background="javascript:alert(1)">',
  '<table background="javascript:alert(1)">', '<select autofocus onfocus=alert(1)>', '<keygen autofocus onfocus=alert(1)>',
];

// Link payloads: every one must be refused when the bank loads.
const URLS = [
  'javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'javascript\t:alert(1)',
  'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', '&#106;avascript:alert(1)',
  'http://example.org/', '//evil.example/', 'https://', 'https:///path', 'https://user@evil.example/',
  'https://exa mple.org/', 'https://evil.example/a b', 'HTTPS://evil.example/',
];

function hostileBank() {
  const b = structuredClone(bank);
  const n = MARKUP.length;
  const p = (i) => MARKUP[i % n];
  b.bank.id = 'hostile';
  b.bank.title = p(0);
  b.bank.description = p(1);
  b.bank.disclaimer = p(2);
  b.topics.forEach((t, i) => { t.label = `${p(i + 3)} ${i}`; });
  b.sources.forEach((s, i) => {
    s.title = p(i + 5);
    s.publisher = p(i + 11);
    s.authors = [p(i + 17)];
    s.date = p(i + 23);
  });
  // One question per payload (the bank's own, repeated), every one asked in order.
  delete b.bank.draw;
  b.questions = Array.from({ length: n }, (_, i) => bank.questions[i % bank.questions.length]).map((q, i) => ({
    ...q,
    id: `q${i}`,
    prompt: `${p(i)} (${i})`,
    explanation: p(i + 1),
    choices: q.choices.map((c, j) => ({ ...c, text: `${p(i + j + 2)} #${j}`, feedback: p(i + j + 3) })),
    cites: q.cites.map((c) => ({ ...c, locator: p(i + 4) })),
  }));
  return b;
}

async function guard(page) {
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  return async () => {
    expect(dialogs, 'no dialog opened').toEqual([]);
    const injected = await page.evaluate(() => ({
      xss: window.__xss ?? null,
      elements: document.querySelectorAll(
        '#quiz-root script, #quiz-root img, #quiz-root iframe, #quiz-root svg, #quiz-root object, #quiz-root embed, #quiz-root style, #quiz-root form:not(:has(fieldset)), #quiz-root video, #quiz-root audio, #quiz-root base, #quiz-root meta, [onerror], [onload], [onfocus]').length,
      badLinks: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')).filter((h) => !h.startsWith('https://')),
    }));
    expect(injected).toEqual({ xss: null, elements: 0, badLinks: [] });
  };
}

test(`${MARKUP.length} markup payloads in every bank field are shown as text, never run`, async ({ page }) => {
  expect(MARKUP.length).toBeGreaterThanOrEqual(50);
  const check = await guard(page);
  const hostile = hostileBank();
  await page.route('**/hostile.json', (r) => r.fulfill({ contentType: 'application/json', body: JSON.stringify(hostile) }));
  await page.goto('/?bank=hostile.json&shuffle=off');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(MARKUP[0]);
  await expect(page.getByText(MARKUP[2])).toBeVisible();
  await check();
  await page.getByRole('button', { name: 'Start the quiz' }).click();
  for (let i = 0; i < hostile.questions.length; i++) {
    const q = hostile.questions[i];
    await expect(page.locator('fieldset legend')).toHaveText(q.prompt);
    await page.locator('fieldset input').first().check();
    await page.getByRole('button', { name: 'Check answer' }).click();
    await expect(page.locator('.explanation')).toHaveText(q.explanation);
    await page.getByRole('button', { name: i + 1 < hostile.questions.length ? 'Next question' : 'See results' }).click();
  }
  await expect(page.getByRole('heading', { name: 'Your results' })).toBeVisible();
  await expect(page.locator('.review-item')).toHaveCount(MARKUP.length);
  await check();
});

test(`${URLS.length} hostile links are refused when the bank loads, and no link is made`, async ({ page }) => {
  const check = await guard(page);
  const b = structuredClone(bank);
  b.sources = URLS.map((url, i) => ({ ...bank.sources[0], id: `s${i}`, url }));
  b.questions = bank.questions.slice(0, 3).map((q) => ({ ...q, cites: URLS.map((_, i) => ({ source: `s${i}`, locator: 'x' })).slice(0, 10) }));
  await page.route('**/links.json', (r) => r.fulfill({ contentType: 'application/json', body: JSON.stringify(b) }));
  await page.goto('/?bank=links.json');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The question bank has problems');
  await expect(alert.locator('li')).toHaveCount(URLS.length);
  for (const url of URLS) await expect(alert).toContainText(`"${url.trim().slice(0, 20)}`);
  await check();
});

test.describe('network failures end in a readable message with a Retry', () => {
  const cases = [
    ['404', (r) => r.fulfill({ status: 404, body: 'nope' }), /answered with HTTP status 404/],
    ['truncated body', (r) => r.fulfill({ contentType: 'application/json', body: JSON.stringify(bank).slice(0, 5000) }), /arrived incomplete/],
    ['wrong content type', (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><p>Welcome</p>' }), /sent a web page \(text\/html\)/],
    ['50 MB file', (r) => r.fulfill({ contentType: 'application/json', body: 'x'.repeat(50 * 1024 * 1024) }), /too large/],
    ['network down', (r) => r.abort('internetdisconnected'), /could not be reached/],
  ];
  for (const [name, handler, message] of cases) {
    test(name, async ({ page }) => {
      await page.route('**/remote.json', handler);
      const t0 = Date.now();
      await page.goto('/?bank=remote.json');
      await expect(page.getByRole('alert')).toContainText(message);
      expect(Date.now() - t0).toBeLessThan(10_000);
      // Retry once the bank is reachable again.
      await page.unroute('**/remote.json');
      await page.route('**/remote.json', (r) => r.fulfill({ contentType: 'application/json', body: JSON.stringify(bank) }));
      await page.getByRole('button', { name: 'Try again' }).click();
      await expect(page.getByRole('button', { name: 'Start the quiz' })).toBeVisible();
    });
  }

  test('a bank on another origin that refuses CORS', async ({ page }) => {
    // The other server answers, but only allows its own site to read the answer.
    await page.route('https://banks.example/**', (r) => r.fulfill({
      contentType: 'application/json',
      headers: { 'access-control-allow-origin': 'https://banks.example' },
      body: JSON.stringify(bank),
    }));
    await page.goto('/?bank=https://banks.example/b.json');
    await expect(page.getByRole('alert')).toContainText('does not allow this site to load it');
  });

  test('a server that never answers times out after 10 s', async ({ page }) => {
    test.setTimeout(40_000);
    await page.route('**/slow.json', () => { /* never answered */ });
    await page.goto('/?bank=slow.json');
    await expect(page.getByRole('status')).toContainText('Loading the questions');
    await expect(page.getByRole('alert')).toContainText('did not answer within 10 seconds', { timeout: 15_000 });
    await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
  });
});

test.describe('storage failures: the quiz works in memory and says so once', () => {
  const scripts = {
    missing: () => Object.defineProperty(window, 'localStorage', { value: null }),
    'throwing on access': () => Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } }),
    'throwing on write (full)': () => { Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); }; },
  };
  for (const [name, script] of Object.entries(scripts)) {
    test(name, async ({ page }) => {
      await page.addInitScript(script);
      await start(page);
      for (let i = 0; i < 2; i++) {
        const q = await currentQuestion(page);
        await choose(page, q, correctIds(q));
        await page.getByRole('button', { name: 'Check answer' }).click();
        await expect(page.locator('.verdict strong')).toHaveText('Correct');
        await page.getByRole('button', { name: 'Next question' }).click();
      }
      await expect(page.getByText('progress will not be kept')).toHaveCount(1);
    });
  }
});

test('two tabs with the same quiz do not corrupt each other, and a reopened tab resumes', async ({ context }) => {
  const a = await context.newPage();
  await start(a);
  const q1 = await currentQuestion(a);
  await choose(a, q1, correctIds(q1));
  await a.getByRole('button', { name: 'Check answer' }).click();

  const b = await context.newPage();
  await b.goto('/');
  // Tab B resumes what tab A saved.
  expect((await currentQuestion(b)).id).toBe(q1.id);
  await expect(b.locator('.verdict strong')).toHaveText('Correct');
  await b.getByRole('button', { name: 'Next question' }).click();
  const q2 = await currentQuestion(b);
  await choose(b, q2, correctIds(q2));
  await b.getByRole('button', { name: 'Check answer' }).click();

  // Tab A carries on with its own state; both stay valid.
  await a.getByRole('button', { name: 'Next question' }).click();
  expect((await currentQuestion(a)).id).toBe(q2.id);
  await a.close();
  await b.close();
  // The tab reopened later resumes the last saved state, with nothing cleared.
  const c = await context.newPage();
  await c.goto('/');
  await expect(c.getByRole('heading', { name: /^Question 2 of/ })).toBeVisible();
  await expect(c.getByText('The questions have changed')).toHaveCount(0);
});

test('if the WebAssembly cannot load, the page says so instead of staying blank', async ({ page }) => {
  await page.route('**/*.wasm', (r) => r.abort());
  await page.goto('/');
  // Under the start card in the page (the card of ?bank= pages is the plain message).
  await expect(page.getByText('this browser could not start the quiz').filter({ visible: true })).toBeVisible({ timeout: 10_000 });
  await page.goto('/?bank=banks/microneedling.fr.json');
  await expect(page.getByText('If nothing appears, this browser could not start the quiz')).toBeVisible({ timeout: 10_000 });
});
