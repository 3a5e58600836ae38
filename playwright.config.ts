import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defineConfig } from '@playwright/test';

// E2E runs the built web app served by the real server (as `npm start` does), on a fresh
// embedded database, in Debian's Chromium: Playwright never downloads a browser here.
const PORT = 4317;
// localhost rather than 127.0.0.1: the WebAuthn RP ID is the origin's host, and browsers refuse IP addresses as RP IDs.
const baseURL = `http://localhost:${PORT}`;

export default defineConfig({
  testDir: './tooling/e2e',
  testMatch: '**/*.e2e.ts',
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        '--autoplay-policy=no-user-gesture-required',
      ],
    },
  },
  webServer: {
    // The repository's pinned Node 24 (it runs the TypeScript sources), whatever `node` is on PATH.
    command: `${resolve(import.meta.dirname, 'node_modules/.bin/node')} apps/server/src/main.ts`,
    url: `${baseURL}/readyz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    env: {
      NODE_ENV: 'production',
      PORT: String(PORT),
      HOST: '127.0.0.1',
      // Plain-HTTP origin: cookies are not marked Secure, as for any production site served without TLS.
      PUBLIC_ORIGIN: baseURL,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'veza-e2e-')),
      JWT_SECRET: 'e2e-secret-that-is-long-enough-for-production-0123456789',
      LOG_LEVEL: 'warn',
      // In-process bus and in-memory rate limits: Redis outlives a run, and its sign-up and login counters for this
      // machine's IP would carry over from one run to the next (the Redis paths have their own tests).
      REDIS_URL: '',
    },
  },
});
