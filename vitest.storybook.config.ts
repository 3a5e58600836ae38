// Every story as a test (@storybook/addon-vitest): each story is rendered in Chromium (Debian's, as for the E2E
// specs) with the preview's loaders (MSW's worker and the story's handlers), and its `play` function, when it has
// one, runs its interactions and assertions. `pnpm run test:stories`; part of `npm test`.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { CHROMIUM, CHROMIUM_ARGS } from './tooling/e2e/e2e-server.ts';

const root = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  plugins: [storybookTest({ configDir: join(root, '.storybook') })],
  test: {
    name: 'storybook',
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({ launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS } }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
