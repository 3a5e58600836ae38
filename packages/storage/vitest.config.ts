import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
    // s3rver encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 only offers from its legacy provider.
    execArgv: ['--openssl-legacy-provider'],
  },
});
