import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from './context.ts';
import { appRouter } from './root.ts';
import { createHarness, PASSWORD, type Harness } from './test/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

/** One tRPC call over the real HTTP handler, as a browser would make it. */
async function call(path: string, input: unknown, init: { method?: 'GET' | 'POST'; token?: string } = {}) {
  const method = init.method ?? 'POST';
  const url = new URL(`http://veza.test/trpc/${path}`);
  if (method === 'GET') url.searchParams.set('input', JSON.stringify(input));
  const req = new Request(url, {
    method,
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    ...(method === 'POST' ? { body: JSON.stringify(input) } : {}),
  });
  const res = await fetchRequestHandler({
    endpoint: '/trpc',
    req,
    router: appRouter,
    createContext: () => createContext(h.deps, { authorization: req.headers.get('authorization') ?? undefined, cookies: null, meta: { ip: null, userAgent: null } }),
  });
  return { status: res.status, body: (await res.json()) as { result?: { data: unknown }; error?: { message: string; data: Record<string, unknown> } } };
}

describe('error shape on the wire', () => {
  it('invalid input: 400 with one human message per field', async () => {
    const { status, body } = await call('auth.register', { email: 'nope', username: 'x', password: '1' });
    expect(status).toBe(400);
    expect(body.error?.data).toMatchObject({
      code: 'BAD_REQUEST',
      fieldErrors: {
        email: ['Enter a valid email address.'],
        username: ['Username must be at least 3 characters.'],
        password: ['Password must be at least 8 characters.'],
      },
    });
    expect(body.error?.message).not.toMatch(/^\[/);
    expect(body.error?.data).not.toHaveProperty('stack');
  });

  it('malformed JSON and wrong types are 400, never 500', async () => {
    for (const input of [null, 'string', 42, { email: ['a'], username: {}, password: true }]) {
      expect((await call('auth.register', input)).status).toBe(400);
    }
    expect((await call('tracks.byId', { id: '../../etc' }, { method: 'GET' })).status).toBe(400);
    expect((await call('tracks.list', { limit: 'ten' }, { method: 'GET' })).status).toBe(400);
  });

  it('domain errors keep their code, status and field messages', async () => {
    await call('auth.register', { email: 'ana@example.com', username: 'ana', password: PASSWORD });
    const dup = await call('auth.register', { email: 'ana@example.com', username: 'ana2', password: PASSWORD });
    expect(dup.status).toBe(409);
    expect(dup.body.error?.data).toMatchObject({ code: 'CONFLICT', fieldErrors: { email: ['An account with this email already exists.'] } });
    const missing = await call('tracks.byId', { id: crypto.randomUUID() }, { method: 'GET' });
    expect(missing).toMatchObject({ status: 404, body: { error: { message: 'Track not found.' } } });
    expect((await call('auth.me', undefined, { method: 'GET' })).status).toBe(401);
    expect((await call('auth.me', undefined, { method: 'GET', token: 'x.y.z' })).status).toBe(401);
  });
});
