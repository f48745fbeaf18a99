import { chromium } from 'playwright';
const [url, out, width, block] = [process.argv[2], process.argv[3], Number(process.argv[4] ?? 1280), process.argv[5] === 'block'];
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync'] });
const p = await b.newPage({ viewport: { width, height: 900 } });
if (block) await p.route('**/*.wasm', (r) => r.abort());
await p.goto(url); await p.waitForTimeout(1200);
await p.screenshot({ path: out, fullPage: true });
await b.close();
