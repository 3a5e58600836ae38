import { defineConfig } from 'vitest/config';
import { reporters } from '../scripts/vitest-start-reporter.mjs';

export default defineConfig({
  test: { reporters: reporters(), include: ['src/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 },
});
