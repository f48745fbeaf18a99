import { chromium } from 'playwright';
const [url, out, width] = [process.argv[2], process.argv[3], Number(process.argv[4] ?? 1280)];
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync'] });
const p = await b.newPage({ viewport: { width, height: 900 } });
await p.goto(url); await p.waitForTimeout(Number(process.argv[5] ?? 1500));
await p.screenshot({ path: out, fullPage: process.argv[6] === 'full' });
await b.close();
