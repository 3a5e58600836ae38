// A sign-in-first procedure called without credentials gets a precomputed answer on the socket fast path: it must be
// tRPC's own answer, byte for byte, for every such procedure, whatever the input, and still be counted.
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signInFirstProcedures, type ApiDeps } from '@veza/api';
import { createTestDatabase } from '@veza/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { buildDeps } from './deps.ts';
import { loadConfig } from './env.ts';
import { register, TEST_SECRET } from './test/harness.ts';
import { precomputeRefusals } from './trpc-refusal.ts';

type ApiMetrics = NonNullable<ApiDeps['metrics']>;
const calls: [string, string, string | null, number][] = [];
const metrics: ApiMetrics = {
  trpcCall: (path, type, code, seconds) => void calls.push([path, type, code, seconds]),
  subscriptionActive: () => undefined,
  sessionCache: () => undefined,
  userRegistered: () => undefined,
  login: () => undefined,
  trackUploaded: () => undefined,
  trackProcessed: () => undefined,
  like: () => undefined,
};

let app: FastifyInstance;
let deps: ApiDeps;
let base: string;
const cleanups: (() => Promise<unknown>)[] = [];
beforeAll(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'veza-srv-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  // No per-IP request limit: the test calls every procedure a few times from one address (its refusals are the point).
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, JWT_SECRET: TEST_SECRET, WEB_DIST: join(dataDir, 'none'), RATE_LIMIT_PER_MINUTE: '0' });
  const db = await createTestDatabase();
  cleanups.push(() => db.destroy());
  deps = buildDeps(config, db, { enqueueTrackProcessing: async () => undefined }, { metrics });
  app = await buildApp(config, deps);
  cleanups.push(() => app.close());
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

function raw(path: string, method: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const stable = (headers: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'x-request-id'].includes(name)));

/** The same call with no input, and with an input no procedure accepts (the sign-in check runs first). */
const variants = (path: string, type: string): { url: string; method: 'GET' | 'POST'; body?: string }[] =>
  type === 'query'
    ? [{ url: `/trpc/${path}`, method: 'GET' }, { url: `/trpc/${path}?input=${encodeURIComponent('{"junk":[1,2]}')}`, method: 'GET' }]
    : [{ url: `/trpc/${path}`, method: 'POST', body: '' }, { url: `/trpc/${path}`, method: 'POST', body: '{"junk":[1,2]}' }];

describe('the refusal of a sign-in-first procedure without credentials', () => {
  it('is derived from the router: the procedures that need a signed-in caller, not the public ones', () => {
    const procedures = signInFirstProcedures();
    expect(procedures.size).toBeGreaterThan(20);
    expect(procedures.get('auth.me')).toBe('query');
    expect(procedures.get('users.updateProfile')).toBe('mutation');
    for (const open of ['auth.login', 'auth.register', 'auth.refresh', 'auth.logout', 'tracks.list']) expect(procedures.has(open), open).toBe(false);
  });

  it('is, for every such procedure and whatever the input, byte for byte what tRPC answers (Fastify route) and what the socket sends', async () => {
    const refusals = await precomputeRefusals(deps);
    expect([...refusals.keys()].sort()).toEqual([...signInFirstProcedures().keys()].sort());
    const headers = { 'content-type': 'application/json' };
    for (const [path, refusal] of refusals) {
      for (const call of variants(path, refusal.type)) {
        const viaFastify = await app.inject({ method: call.method, url: call.url, headers, ...(call.body !== undefined ? { payload: call.body } : {}) });
        const viaSocket = await raw(call.url, call.method, headers, call.body);
        expect(viaFastify.statusCode, call.url).toBe(401);
        expect(refusal.body.toString(), call.url).toBe(viaFastify.body);
        expect(viaSocket.status, call.url).toBe(401);
        expect(viaSocket.body, call.url).toBe(viaFastify.body);
        expect(stable(viaSocket.headers), call.url).toEqual(stable(viaFastify.headers));
      }
    }
  });

  it('is counted as an UNAUTHORIZED call; a signed-in call of the same procedure is answered for real', async () => {
    // The fast path records no procedure time (no procedure ran): wait until it serves the refusals.
    await expect
      .poll(async () => {
        calls.length = 0;
        await raw('/trpc/auth.me', 'GET');
        return calls;
      })
      .toEqual([['auth.me', 'query', 'UNAUTHORIZED', 0]]);
    calls.length = 0;
    await raw('/trpc/auth.sessions.revokeOthers', 'POST', { 'content-type': 'application/json' }, '{}');
    expect(calls).toEqual([['auth.sessions.revokeOthers', 'mutation', 'UNAUTHORIZED', 0]]);

    const ana = await register(app, 'ana');
    const signedIn = await raw('/trpc/auth.me', 'GET', ana.bearer);
    expect(signedIn.status).toBe(200);
    expect(JSON.parse(signedIn.body)).toMatchObject({ result: { data: { username: 'ana' } } });
    // A bad token or an empty session cookie takes tRPC's path and gets the same refusal.
    for (const headers of [{ authorization: 'Bearer not-a-token' }, { cookie: 'veza_at=' }] as Record<string, string>[]) {
      const refused = await raw('/trpc/auth.me', 'GET', headers);
      expect(refused.status).toBe(401);
      expect(refused.body).toBe((await app.inject({ method: 'GET', url: '/trpc/auth.me' })).body);
    }
  });
});
