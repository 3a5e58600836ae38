import { defineConfig } from 'vitest/config';
import { reporters } from '../../tooling/scripts/vitest-start-reporter.mjs';

// Real databases and real timers (retries, expiry, supervision): generous timeouts. Files run one
// after another so PostgreSQL-backed suites do not compete for polling slots.
export default defineConfig({
  test: { reporters: reporters(), testTimeout: 60_000, hookTimeout: 60_000, fileParallelism: false },
});
