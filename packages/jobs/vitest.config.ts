import { defineConfig } from 'vitest/config';

// Real databases and real timers (retries, expiry, supervision): generous timeouts. Files run one
// after another so PostgreSQL-backed suites do not compete for polling slots.
export default defineConfig({
  test: { testTimeout: 60_000, hookTimeout: 60_000, fileParallelism: false },
});
