import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/react-vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// apps/web may have no stories yet; Storybook only warns about a glob that matches nothing.
const stories = ['../packages/ui/src/**/*.stories.@(ts|tsx)', '../apps/web/src/**/*.stories.@(ts|tsx)'];

// msw-storybook-addon needs /mockServiceWorker.js, otherwise every story fails in its loader. The web app keeps the
// generated worker in apps/web/public (served when present); until it exists, serve the one shipped with msw.
const staticDirs: NonNullable<StorybookConfig['staticDirs']> = [];
if (existsSync(join(root, 'apps/web/public'))) staticDirs.push('../apps/web/public');
if (!existsSync(join(root, 'apps/web/public/mockServiceWorker.js'))) {
  const mswWorker = createRequire(import.meta.url).resolve('msw/mockServiceWorker.js');
  staticDirs.push({ from: mswWorker, to: '/mockServiceWorker.js' });
}

const config: StorybookConfig = {
  framework: { name: '@storybook/react-vite', options: {} },
  stories,
  addons: ['msw-storybook-addon', '@storybook/addon-vitest'],
  staticDirs,
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // The preview bundle (React + Storybook runtime) is legitimately over Vite's 500 kB warning threshold.
  viteFinal: (viteConfig) => ({ ...viteConfig, build: { ...viteConfig.build, chunkSizeWarningLimit: 2000 } }),
};

export default config;
