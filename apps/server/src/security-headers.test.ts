import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRateLimits } from '@veza/api';
import { createTestDatabase } from '@veza/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { buildDeps } from './deps.ts';
import { loadConfig } from './env.ts';
import { contentSecurityPolicy } from './security-headers.ts';
import { createTestApp, register, TEST_SECRET, type TestApp, type TestUser } from './test/harness.ts';

let t: TestApp;
let ana: TestUser;
beforeAll(async () => {
  t = await createTestApp({ CORS_ORIGINS: 'https://studio.veza.example' });
  ana = await register(t.app, 'ana');
});
afterAll(() => t.close());

const directives = (header: string | string[] | number | undefined) =>
  Object.fromEntries(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name = '', ...values]) => [name, values]),
  );

describe('security headers', () => {
  it('sends a strict Content Security Policy and the other headers on every response', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    const csp = directives(res.headers['content-security-policy']);
    expect(csp).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'media-src': ["'self'", 'blob:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'", `ws://${new URL(t.config.appOrigin).host}`],
      'worker-src': ["'self'", 'blob:'],
      'manifest-src': ["'self'"],
      'frame-ancestors': ["'none'"],
      'frame-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'self'"],
      'form-action': ["'self'"],
    });
    expect(res.headers).toMatchObject({
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-site',
    });
    // Plain HTTP (development): no HSTS.
    expect(res.headers['strict-transport-security']).toBeUndefined();
    // API answers carry them too.
    const api = await t.app.inject({ method: 'GET', url: '/trpc/auth.me' });
    expect(api.headers['content-security-policy']).toBe(res.headers['content-security-policy']);
  });

  it('behind HTTPS: HSTS, wss: and upgrade-insecure-requests', () => {
    const csp = contentSecurityPolicy({ appOrigin: 'https://veza.example', publicOrigin: 'https://veza.example', corsOrigins: [], secureCookies: true });
    expect(csp['connect-src']).toEqual(["'self'", 'wss://veza.example']);
    expect(csp['upgrade-insecure-requests']).toEqual([]);
  });

  it('sends HSTS when the public origin is HTTPS', async () => {
    const https = await createTestApp({ PUBLIC_ORIGIN: 'https://veza.example' });
    try {
      const res = await https.app.inject({ method: 'GET', url: '/healthz' });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await https.close();
    }
  });
});

describe('CORS', () => {
  const preflight = (origin: string, url = '/trpc/tracks.like') =>
    t.app.inject({ method: 'OPTIONS', url, headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });

  it('allows the configured origins with credentials', async () => {
    const res = await preflight('https://studio.veza.example');
    expect(res.statusCode).toBe(204);
    expect(res.headers).toMatchObject({
      'access-control-allow-origin': 'https://studio.veza.example',
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, HEAD, POST',
    });
    const get = await t.app.inject({ method: 'GET', url: '/trpc/auth.me', headers: { origin: t.config.appOrigin, cookie: ana.cookie } });
    expect(get.headers['access-control-allow-origin']).toBe(t.config.appOrigin);
    expect(get.headers.vary).toContain('Origin');
  });

  it('gives other origins nothing', async () => {
    const res = await preflight('https://evil.example');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    const get = await t.app.inject({ method: 'GET', url: '/trpc/auth.me', headers: { origin: 'https://evil.example', cookie: ana.cookie } });
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('leaves tus uploads to answer their own preflight (with the tus headers)', async () => {
    const res = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/uploads',
      headers: { origin: 'https://studio.veza.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'upload-length,tus-resumable' },
    });
    expect(res.statusCode).toBeLessThan(300);
    expect(String(res.headers['access-control-allow-headers']).toLowerCase()).toContain('upload-length');
  });
});

describe('CSRF: cookie-authenticated tRPC calls must come from the app', () => {
  const post = (headers: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/trpc/auth.sessions.revokeOthers', payload: '{}', headers: { 'content-type': 'application/json', ...headers } });

  it('refuses a cookie call without Origin or with a foreign one, and changes nothing', async () => {
    const other = await t.app.inject({ method: 'POST', url: '/trpc/auth.login', payload: { login: 'ana', password: 'correct horse battery staple' } });
    expect(other.statusCode).toBe(200);
    const foreign: Record<string, string>[] = [{}, { origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { origin: 'null' }];
    for (const headers of foreign) {
      const res = await post({ cookie: ana.cookie, ...headers });
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.json<{ error: { message: string; data: { code: string } } }>().error).toMatchObject({
        message: 'This request must come from the Veza app. Reload the page and try again.',
        data: { code: 'FORBIDDEN' },
      });
    }
    const list = await t.app.inject({ method: 'GET', url: '/trpc/auth.sessions.list', headers: ana.bearer });
    expect(list.json<{ result: { data: unknown[] } }>().result.data).toHaveLength(2);
  });

  it('accepts the app’s origin, a same-origin fetch without Origin, and Bearer-only API clients', async () => {
    expect((await post({ cookie: ana.cookie, origin: t.config.appOrigin })).statusCode).toBe(200);
    expect((await post({ cookie: ana.cookie, origin: 'https://studio.veza.example' })).statusCode).toBe(200);
    expect((await post({ cookie: ana.cookie, 'sec-fetch-site': 'same-origin' })).statusCode).toBe(200);
    expect((await post(ana.bearer)).statusCode).toBe(200);
    // Signing in (no cookie yet) needs nothing special either.
    const login = await t.app.inject({ method: 'POST', url: '/trpc/auth.login', payload: { login: 'ana', password: 'correct horse battery staple' } });
    expect(login.statusCode).toBe(200);
  });
});

describe('global request budget per IP', () => {
  it('answers 429 with Retry-After past the budget, except for HLS, health checks and metrics', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'veza-srv-'));
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, JWT_SECRET: TEST_SECRET, WEB_DIST: join(dataDir, 'none') });
    const db = await createTestDatabase();
    const deps = { ...buildDeps(config, db, { enqueueTrackProcessing: async () => undefined }), limits: createRateLimits({ requestsPerMinute: 5 }) };
    const app = await buildApp(config, deps);
    try {
      for (let i = 0; i < 5; i++) expect((await app.inject({ method: 'GET', url: '/trpc/tracks.list' })).statusCode).toBe(200);
      const refused = await app.inject({ method: 'GET', url: '/trpc/tracks.list' });
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(refused.json()).toEqual({ error: { code: 'TOO_MANY_REQUESTS', message: expect.stringMatching(/^Too many requests\. Please wait \d+ seconds?/) } });
      // Another client is not affected; HLS and health checks are not metered.
      expect((await app.inject({ method: 'GET', url: '/trpc/tracks.list', remoteAddress: '192.0.2.8' })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
      const deep = await Promise.all([1, 2, 3].map(() => app.inject({ method: 'GET', url: '/health/deep' })));
      expect(deep.map((r) => r.statusCode)).toEqual([200, 200, 200]);
      // Still metered: the budget is not reset by those.
      expect((await app.inject({ method: 'GET', url: '/trpc/tracks.list' })).statusCode).toBe(429);
      const hls = await app.inject({ method: 'GET', url: `/media/hls/${crypto.randomUUID()}/1.bad/master.m3u8` });
      expect(hls.statusCode).not.toBe(429);
    } finally {
      await app.close();
      await db.destroy();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
