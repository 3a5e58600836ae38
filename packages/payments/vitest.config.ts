import { defineConfig } from 'vitest/config';
import { reporters } from '../../tooling/scripts/vitest-start-reporter.mjs';

export default defineConfig({
  test: {
    reporters: reporters(),
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
