import { defineConfig } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, originOf, SERVER_COMMAND, serverEnv } from './tooling/e2e/e2e-server.ts';

// E2E runs the built web app served by the real server (as `npm start` does), on a fresh embedded database, in
// Debian's Chromium: Playwright never downloads a browser here. The server's command and settings are shared with the
// specs that start a server of their own (tooling/e2e/e2e-server.ts).
const PORT = 4317;
const baseURL = originOf(PORT);

export default defineConfig({
  testDir: './tooling/e2e',
  testMatch: '**/*.e2e.ts',
  workers: 1,
  // One retry in CI, reported as "flaky" in the log: the listening journey's gapless hand-over once stalled at the
  // second track's end under a loaded CI run (7 Dec 2026; it passed alone 3 times out of 3). A journey failing twice
  // still fails CI.
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
  },
  webServer: {
    command: SERVER_COMMAND.join(' '),
    url: `${baseURL}/readyz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    env: serverEnv(PORT),
  },
});
