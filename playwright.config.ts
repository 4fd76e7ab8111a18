/**
 * End-to-end tests: the real renderer in real Chromium, through the browser host (the Electron
 * binary cannot be downloaded on build machines). Chromium comes from CHECKDESK_CHROMIUM, else
 * Debian's /usr/bin/chromium, else Playwright's own browser if one is installed.
 */
import { defineConfig } from '@playwright/test';
import fs from 'node:fs';

function chromiumPath(): string | undefined {
  const fromEnv = process.env.CHECKDESK_CHROMIUM ?? process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH;
  if (fromEnv) return fromEnv;
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser'])
    if (fs.existsSync(p)) return p;
  return undefined;
}

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  globalSetup: './test/e2e/global-setup.ts',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
