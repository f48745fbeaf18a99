import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync'] });
const [,, url, out, width, steps, scheme] = process.argv;
const page = await browser.newPage({ viewport: { width: Number(width || 800), height: 900 }, colorScheme: scheme || 'light' });
await page.goto(url);
for (const s of (steps || '').split(',').filter(Boolean)) {
  if (s === 'start') await page.getByRole('button', { name: 'Start the quiz' }).click();
  if (s === 'pick') await page.locator('fieldset input').first().check();
  if (s === 'check') await page.getByRole('button', { name: 'Check answer' }).click();
  if (s === 'finish') { for (let i = 0; i < 40; i++) { const b = page.getByRole('button', { name: 'See results' }); if (await b.count()) { await b.click(); break; } await page.getByRole('button', { name: 'Next question' }).click(); } }
}
await page.waitForTimeout(300);
await page.screenshot({ path: out, fullPage: process.env.FULL !== '0' });
await browser.close();
