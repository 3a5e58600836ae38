// Web push configuration (issue 12): VAPID keys from the environment, generated and kept under the data directory
// outside production, push off (not a crash) in production without keys, and the checks on each variable.
import { createECDH } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, vapidKeysOf } from './env.ts';

const SECRET = 'a-production-secret-that-is-long-enough-000';
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'veza-push-env-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/** A VAPID pair as `npx web-push generate-vapid-keys` prints it. */
function vapidPair() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const privateKey = ecdh.getPrivateKey();
  return { publicKey: ecdh.getPublicKey('base64url'), privateKey: Buffer.concat([Buffer.alloc(32 - privateKey.length), privateKey]).toString('base64url') };
}
const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('web push configuration', () => {
  it('outside production without keys: generates a pair on first start and keeps it across restarts', async () => {
    const dir = join(dataDir, 'dev');
    const config = loadConfig({ JWT_SECRET: SECRET, DATA_DIR: dir });
    expect(config.push).toEqual({ vapidKeys: null, vapidSubject: 'mailto:webpush@veza.invalid', serviceOrigins: [] });
    const first = vapidKeysOf(config);
    expect(first?.publicKey).toMatch(/^B[A-Za-z0-9_-]{86}$/);
    expect(first?.privateKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(first!.privateKey, 'base64url'));
    expect(ecdh.getPublicKey('base64url')).toBe(first!.publicKey);
    expect((await stat(join(dir, 'vapid-keys.json'))).mode & 0o777).toBe(0o600);
    expect(vapidKeysOf(loadConfig({ JWT_SECRET: SECRET, DATA_DIR: dir }))).toEqual(first);
    expect(JSON.parse(await readFile(join(dir, 'vapid-keys.json'), 'utf8'))).toEqual({ publicKey: first!.publicKey, privateKey: first!.privateKey });
  });

  it('in production without keys push is off, and nothing is generated', async () => {
    const dir = join(dataDir, 'prod');
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET, DATA_DIR: dir });
    expect(vapidKeysOf(config)).toBeNull();
    await expect(stat(join(dir, 'vapid-keys.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('uses the configured keys, subject and extra push services', () => {
    const pair = vapidPair();
    const config = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: SECRET,
      DATA_DIR: join(dataDir, 'configured'),
      VAPID_PUBLIC_KEY: pair.publicKey,
      VAPID_PRIVATE_KEY: pair.privateKey,
      VAPID_SUBJECT: 'mailto:ops@veza.example',
      PUSH_SERVICE_ORIGINS: 'https://push.veza.example, https://push2.veza.example:8443/',
    });
    expect(vapidKeysOf(config)).toEqual({ ...pair, subject: 'mailto:ops@veza.example' });
    expect(config.push.serviceOrigins).toEqual(['https://push.veza.example', 'https://push2.veza.example:8443']);
    // An https PUBLIC_ORIGIN is the contact when VAPID_SUBJECT is unset.
    const byOrigin = loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET, VAPID_PUBLIC_KEY: pair.publicKey, VAPID_PRIVATE_KEY: pair.privateKey, PUBLIC_ORIGIN: 'https://veza.example' });
    expect(byOrigin.push.vapidSubject).toBe('https://veza.example');
  });

  it('refuses half a pair, keys that are not a pair, bad subjects and non-https push services', () => {
    const pair = vapidPair();
    const other = vapidPair();
    expect(problems({ JWT_SECRET: SECRET, VAPID_PUBLIC_KEY: pair.publicKey })).toContain('VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be set together');
    expect(problems({ JWT_SECRET: SECRET, VAPID_PUBLIC_KEY: pair.publicKey, VAPID_PRIVATE_KEY: other.privateKey })).toContain('VAPID_PUBLIC_KEY is not the public key of VAPID_PRIVATE_KEY');
    expect(problems({ JWT_SECRET: SECRET, VAPID_PUBLIC_KEY: 'not-a-key', VAPID_PRIVATE_KEY: pair.privateKey }).join('\n')).toContain('VAPID_PUBLIC_KEY must be a base64url P-256 public key');
    expect(problems({ JWT_SECRET: SECRET, VAPID_PUBLIC_KEY: pair.publicKey, VAPID_PRIVATE_KEY: 'c2hvcnQ' }).join('\n')).toContain('VAPID_PRIVATE_KEY must be a base64url P-256 private key');
    expect(problems({ JWT_SECRET: SECRET, VAPID_SUBJECT: 'ops@veza.example' }).join('\n')).toContain('VAPID_SUBJECT must be a mailto: address or an https:// URL');
    expect(problems({ NODE_ENV: 'production', JWT_SECRET: SECRET, VAPID_PUBLIC_KEY: pair.publicKey, VAPID_PRIVATE_KEY: pair.privateKey }).join('\n')).toContain('VAPID_SUBJECT is required');
    expect(problems({ JWT_SECRET: SECRET, PUSH_SERVICE_ORIGINS: 'http://127.0.0.1:8090' }).join('\n')).toContain('PUSH_SERVICE_ORIGINS');
  });
});
