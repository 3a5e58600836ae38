import { defineConfig } from 'vitest/config';
import { reporters } from '../../tooling/scripts/vitest-start-reporter.mjs';

export default defineConfig({
  test: {
    reporters: reporters(),
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
    // s3rver encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 only offers from its legacy provider.
    execArgv: ['--openssl-legacy-provider'],
  },
});
