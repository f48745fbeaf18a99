// Browser tests against the release build in dist/, in Debian's Chromium.
import { defineConfig } from '@playwright/test';

const port = Number(process.env.QUIZ_PORT ?? 4173);
const quiz = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 30_000,
  retries: 0,
  workers: 2,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // Requests a service worker makes are out of reach of page.route(); the
    // offline test turns the worker back on for itself.
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  // Three origins: the quiz (dist/), a clinic that embeds it, and a stranger.
  webServer: [
    { command: `node scripts/static-server.mjs dist ${port}`, url: `${quiz}/`, timeout: 20_000 },
    { command: `node scripts/static-server.mjs examples/clinic ${port + 1} --quiz-origin ${quiz}`, url: `http://127.0.0.1:${port + 1}/`, timeout: 20_000 },
    { command: `node scripts/static-server.mjs tests/e2e/fixtures ${port + 2}`, url: `http://127.0.0.1:${port + 2}/forge.html`, timeout: 20_000 },
  ],
});
