// tRPC over HTTP on a real socket, where trpc-http.ts answers in front of Fastify: same wire format, typed
// client, security headers, CORS, CSRF rules, cookies, budget and compression as the Fastify route (inject()).
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTRPCClient, httpBatchLink, httpLink, TRPCClientError } from '@trpc/client';
import { createRateLimits, type AppRouter } from '@veza/api';
import { createTestDatabase } from '@veza/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { buildDeps } from './deps.ts';
import { loadConfig } from './env.ts';
import { createTestApp, PASSWORD, register, TEST_SECRET, type TestApp, type TestUser } from './test/harness.ts';
import { MAX_BATCH_SIZE } from './trpc.ts';

let t: TestApp;
let ana: TestUser;
let base: string;
const STUDIO = 'https://studio.veza.example';

beforeAll(async () => {
  t = await createTestApp({ CORS_ORIGINS: STUDIO });
  ana = await register(t.app, 'ana');
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.close());

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}
/** One HTTP request as sent (no automatic decompression, unlike fetch). */
function raw(path: string, { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<Raw>((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const json = (r: Raw) => JSON.parse(r.body.toString()) as unknown;
const decoded = (r: Raw) =>
  JSON.parse((r.headers['content-encoding'] === 'br' ? brotliDecompressSync(r.body) : r.headers['content-encoding'] === 'gzip' ? gunzipSync(r.body) : r.body).toString()) as unknown;

/** Headers that do not depend on the path taken (dates, framing and the per-request id aside). */
const stable = (headers: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'x-request-id'].includes(name)));

describe('tRPC over HTTP on a real socket', () => {
  it('answers exactly like the Fastify route: body, status and headers', async () => {
    for (const [path, headers] of [
      ['/trpc/auth.me', {}],
      ['/trpc/auth.me', ana.bearer],
      ['/trpc/tracks.list', { origin: STUDIO }],
      ['/trpc/nope.nothing', {}],
      [`/trpc/auth.me,tracks.list?batch=1&input=${encodeURIComponent('{"1":{"limit":2}}')}`, {}],
      [`/trpc/tracks.list?input=${encodeURIComponent('{"limit":0}')}`, {}],
      ['/trpc/tracks.list?input=not-json', {}],
      ['/trpc/auth.login', {}],
    ] as const) {
      const viaSocket = await raw(path, { headers });
      const viaFastify = await t.app.inject({ method: 'GET', url: path, headers });
      expect(viaSocket.status, path).toBe(viaFastify.statusCode);
      expect(json(viaSocket), path).toEqual(viaFastify.json());
      expect(stable(viaSocket.headers), path).toEqual(stable(viaFastify.headers));
    }
    for (const [path, body] of [
      ['/trpc/auth.login', '{}'],
      ['/trpc/auth.login', '{"login":"nobody","password":"wrong password here"}'],
      ['/trpc/auth.login,auth.logout?batch=1', '{"0":{}}'],
      ['/trpc/auth.login', 'not json'],
      ['/trpc/tracks.list', '{}'],
    ] as const) {
      const headers = { 'content-type': 'application/json' };
      const viaSocket = await raw(path, { method: 'POST', headers, body });
      const viaFastify = await t.app.inject({ method: 'POST', url: path, headers, payload: body });
      expect(viaSocket.status, path).toBe(viaFastify.statusCode);
      expect(json(viaSocket), path).toEqual(viaFastify.json());
      expect(stable(viaSocket.headers), path).toEqual(stable(viaFastify.headers));
    }
  });

  it('serves the typed client, batched and unbatched', async () => {
    const headers = () => ana.bearer;
    const batched = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${base}/trpc`, headers, maxItems: MAX_BATCH_SIZE })] });
    const [me, list] = await Promise.all([batched.auth.me.query(), batched.tracks.list.query({ limit: 5 })]);
    expect(me.username).toBe('ana');
    expect(list.items).toEqual([]);
    const single = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${base}/trpc` })] });
    const error = await single.auth.me.query().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<AppRouter>).data?.code).toBe('UNAUTHORIZED');
    expect((error as TRPCClientError<AppRouter>).message).toBe('Please sign in to continue.');
  });

  it(`refuses batches over ${MAX_BATCH_SIZE} calls`, async () => {
    const batch = (n: number) =>
      raw(`/trpc/${Array(n).fill('tracks.list').join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [i, {}]))))}`);
    expect((await batch(MAX_BATCH_SIZE)).status).toBe(200);
    expect((await batch(MAX_BATCH_SIZE + 1)).status).toBe(400);
  });

  it('sets and reads the session cookies, and keeps the CSRF and content-type rules', async () => {
    const login = await raw('/trpc/auth.login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'ana', password: PASSWORD }) });
    expect(login.status).toBe(200);
    const viaFastify = await t.app.inject({ method: 'POST', url: '/trpc/auth.login', payload: { login: 'ana', password: PASSWORD } });
    const attributes = (cookies: unknown) => (cookies as string[]).map((c) => c.split(';').slice(1).map((a) => a.trim().toLowerCase()).sort().join('; '));
    expect(attributes(login.headers['set-cookie'])).toEqual(attributes(viaFastify.headers['set-cookie']));
    const cookie = (login.headers['set-cookie'] as string[]).map((c) => c.split(';')[0]).join('; ');

    const me = await raw('/trpc/auth.me', { headers: { cookie } });
    expect(json(me)).toMatchObject({ result: { data: { username: 'ana' } } });

    const post = (headers: Record<string, string>) => raw('/trpc/auth.sessions.revokeOthers', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', ...headers } });
    const foreign: Record<string, string>[] = [{ cookie }, { cookie, origin: 'https://evil.example' }, { cookie, 'sec-fetch-site': 'cross-site' }];
    for (const headers of foreign) {
      const refused = await post(headers);
      expect(refused.status).toBe(403);
      expect(json(refused)).toMatchObject({ error: { message: 'This request must come from the Veza app. Reload the page and try again.', data: { code: 'FORBIDDEN' } } });
    }
    expect((await post({ cookie, origin: STUDIO })).status).toBe(200);
    // Bearer-only API clients (no cookie) need no Origin. (The call above revoked ana's other sessions: use the login's.)
    const bearer = { authorization: `Bearer ${(json(login) as { result: { data: { accessToken: string } } }).result.data.accessToken}` };
    expect((await post(bearer)).status).toBe(200);
    const form = await raw('/trpc/auth.sessions.revokeOthers', { method: 'POST', body: '{}', headers: { 'content-type': 'text/plain', ...bearer } });
    expect(form.status).toBe(415);
    expect(json(form)).toMatchObject({ error: { data: { code: 'UNSUPPORTED_MEDIA_TYPE' } } });
  });

  it('answers CORS for the configured origins only, with Vary: Origin', async () => {
    const allowed = await raw('/trpc/auth.me', { headers: { origin: STUDIO, ...ana.bearer } });
    expect(allowed.headers).toMatchObject({ 'access-control-allow-origin': STUDIO, 'access-control-allow-credentials': 'true' });
    expect(allowed.headers.vary).toMatch(/\bOrigin\b/);
    const other = await raw('/trpc/auth.me', { headers: { origin: 'https://evil.example', ...ana.bearer } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    // Preflights still go to Fastify's CORS handler.
    const preflight = await raw('/trpc/auth.me', { method: 'OPTIONS', headers: { origin: STUDIO, 'access-control-request-method': 'GET' } });
    expect(preflight.status).toBe(204);
  });

  it('refuses bodies over the limit', async () => {
    const big = await raw('/trpc/auth.login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'x'.repeat(1024 * 1024), password: 'x' }) });
    expect(big.status).toBe(413);
  });
});

describe('compression', () => {
  beforeAll(async () => {
    // 30 public, playable tracks: a first page of well over 1 KB of JSON.
    const owner = ana.id;
    for (let i = 0; i < 30; i++) {
      await t.deps.db.executeSql(
        `insert into tracks (id, owner_id, title, visibility, storage_key, original_filename, mime_type, format, size_bytes, like_count, status, processing_percent, hls_renditions, tags, created_at, updated_at)
         values ($1, $2, $3, 'public', $4, 'tone.wav', 'audio/wav', 'wav', 1000, 0, 'ready', 100, '[{"kbps":128}]', '["ambient"]', now(), now())`,
        [crypto.randomUUID(), owner, `Track number ${i}`, `originals/${i}.wav`],
      );
    }
  });

  it('compresses a large tracks.list answer by Accept-Encoding, with Vary: Accept-Encoding', async () => {
    const plain = await raw('/trpc/tracks.list?input=%7B%22limit%22%3A30%7D');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/);
    const page = json(plain) as { result: { data: { items: unknown[] } } };
    expect(page.result.data.items).toHaveLength(30);

    for (const encoding of ['br', 'gzip'] as const) {
      const accept = encoding === 'br' ? 'gzip, deflate, br' : 'gzip, deflate';
      const compressed = await raw('/trpc/tracks.list?input=%7B%22limit%22%3A30%7D', { headers: { 'accept-encoding': accept } });
      expect(compressed.headers['content-encoding']).toBe(encoding);
      expect(compressed.headers.vary).toMatch(/Accept-Encoding/);
      expect(compressed.body.byteLength).toBeLessThan(plain.body.byteLength / 3);
      expect(decoded(compressed)).toEqual(page);
    }
    // Refused with q=0: sent as is.
    expect((await raw('/trpc/tracks.list?input=%7B%22limit%22%3A30%7D', { headers: { 'accept-encoding': 'br;q=0, gzip;q=0' } })).headers['content-encoding']).toBeUndefined();
    // The Fastify route (inject) compresses the same way.
    const injected = await t.app.inject({ method: 'GET', url: '/trpc/tracks.list?input=%7B%22limit%22%3A30%7D', headers: { 'accept-encoding': 'br' } });
    expect(injected.headers['content-encoding']).toBe('br');
    expect(injected.headers.vary).toMatch(/Accept-Encoding/);
    expect(JSON.parse(brotliDecompressSync(injected.rawPayload).toString())).toEqual(page);
  });

  it('leaves small answers and HLS segments alone', async () => {
    const small = await raw('/trpc/auth.me', { headers: { 'accept-encoding': 'br, gzip', ...ana.bearer } });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.headers.vary ?? '').not.toMatch(/Accept-Encoding/);
    const health = await raw('/healthz', { headers: { 'accept-encoding': 'br, gzip' } });
    expect(health.headers['content-encoding']).toBeUndefined();
    const hls = await raw(`/media/hls/${crypto.randomUUID()}/1.bad/master.m3u8`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(hls.headers['content-encoding']).toBeUndefined();
  });
});

describe('global request budget on the fast path', () => {
  it('answers 429 with Retry-After past the budget', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'veza-srv-'));
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, JWT_SECRET: TEST_SECRET, WEB_DIST: join(dataDir, 'none') });
    const db = await createTestDatabase();
    const deps = { ...buildDeps(config, db, { enqueueTrackProcessing: async () => undefined }), limits: createRateLimits({ requestsPerMinute: 3 }) };
    const app = await buildApp(config, deps);
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/trpc/tracks.list`;
      for (let i = 0; i < 3; i++) expect((await fetch(url)).status).toBe(200);
      const refused = await fetch(url);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(refused.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await refused.json()).toEqual({ error: { code: 'TOO_MANY_REQUESTS', message: expect.stringMatching(/^Too many requests\. Please wait \d+ seconds?/) } });
    } finally {
      await app.close();
      await db.destroy();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
