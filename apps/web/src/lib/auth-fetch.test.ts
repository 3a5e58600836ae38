import { server } from '@veza/mocks/node';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSession } from '../stores/session.ts';
import { createAuthFetch, proceduresOf } from './auth-fetch.ts';
import { configureRefresh, onSessionRefreshed } from './session-refresh.ts';
import { sendMultipart } from './multipart.ts';

const BASE = 'http://localhost/trpc';
const unauthorized = (path: string) =>
  HttpResponse.json({ error: { message: 'Please sign in to continue.', code: -32001, data: { code: 'UNAUTHORIZED', httpStatus: 401, path, fieldErrors: null } } }, { status: 401 });

/** A tiny session: requests pass once the refresh endpoint has been called. */
function fakeSession({ refreshOk = true } = {}) {
  const calls = { refresh: 0, me: 0 };
  let fresh = false;
  server.use(
    http.post(`${BASE}/auth.refresh`, () => {
      calls.refresh++;
      if (!refreshOk) return unauthorized('auth.refresh');
      fresh = true;
      return HttpResponse.json({ result: { data: { accessToken: 't', user: { id: '1', username: 'ana' } } } });
    }),
    http.get(`${BASE}/auth.me`, () => {
      calls.me++;
      return fresh ? HttpResponse.json({ result: { data: { id: '1' } } }) : unauthorized('auth.me');
    }),
    http.post(`${BASE}/auth.login`, () => unauthorized('auth.login')),
    http.post('http://localhost/api/tracks/t1/cover', () => (fresh ? HttpResponse.json({ coverUrl: '/c.png' }, { status: 200 }) : HttpResponse.json({ error: { code: 'UNAUTHORIZED', message: 'Please sign in to continue.' } }, { status: 401 }))),
  );
  return calls;
}

describe('authFetch', () => {
  beforeEach(() => {
    configureRefresh(BASE);
    useSession.getState().signIn({ id: '1', username: 'ana', displayName: null, email: 'a@b.c', bio: null, role: 'user', createdAt: '', emailVerified: true, hasPassword: true, twoFactorEnabled: false, deletionRequestedAt: null, deletionPurgeAt: null, isPrivate: false, avatarUrl: null });
  });

  it('reads procedure paths from tRPC URLs, batched or not', () => {
    expect(proceduresOf(`${BASE}/tracks.list,auth.me?batch=1&input={}`, BASE)).toEqual(['tracks.list', 'auth.me']);
    expect(proceduresOf('/trpc/auth.login', '/trpc')).toEqual(['auth.login']);
    expect(proceduresOf('/api/tracks', '/trpc')).toEqual([]);
  });

  it('refreshes the session once on a 401 and replays the request', async () => {
    const calls = fakeSession();
    const refreshed: number[] = [];
    const stop = onSessionRefreshed(() => refreshed.push(Date.now()));
    const response = await createAuthFetch(BASE)(`${BASE}/auth.me`);
    stop();
    expect(response.status).toBe(200);
    expect(calls).toEqual({ refresh: 1, me: 2 });
    expect(refreshed).toHaveLength(1); // the WebSocket reconnects on this
  });

  it('shares one refresh between concurrent 401s', async () => {
    const calls = fakeSession();
    const authFetch = createAuthFetch(BASE);
    const responses = await Promise.all([authFetch(`${BASE}/auth.me`), authFetch(`${BASE}/auth.me`), authFetch(`${BASE}/auth.me`)]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(calls.refresh).toBe(1);
  });

  it('clears the session when the refresh is refused', async () => {
    const calls = fakeSession({ refreshOk: false });
    const response = await createAuthFetch(BASE)(`${BASE}/auth.me`);
    expect(response.status).toBe(401);
    expect(calls.refresh).toBe(1);
    expect(useSession.getState()).toMatchObject({ status: 'signed-out', user: null });
  });

  it('never refreshes for the auth.* session calls (a wrong password is not an expired token)', async () => {
    const calls = fakeSession();
    const response = await createAuthFetch(BASE)(`${BASE}/auth.login`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(401);
    expect(calls.refresh).toBe(0);
  });

  it('looks inside a 207 batch for an UNAUTHORIZED call', async () => {
    const calls = fakeSession();
    let first = true;
    server.use(
      http.get(`${BASE}/tracks.list,auth.me`, () => {
        if (!first) return HttpResponse.json([{ result: { data: [] } }, { result: { data: { id: '1' } } }]);
        first = false;
        return HttpResponse.json([{ result: { data: [] } }, { error: { data: { httpStatus: 401 } } }], { status: 207 });
      }),
    );
    const response = await createAuthFetch(BASE)(`${BASE}/tracks.list,auth.me?batch=1`);
    expect(response.status).toBe(200);
    expect(calls.refresh).toBe(1);
  });
});

const coverForm = () => {
  const form = new FormData();
  form.append('file', new File([new Uint8Array(16)], 'a.png', { type: 'image/png' }));
  return form;
};

describe('sendMultipart', () => {
  beforeEach(() => configureRefresh(BASE));

  it('refreshes on a 401 and sends again', async () => {
    const calls = fakeSession();
    const result = await sendMultipart<{ coverUrl: string }>({ url: 'http://localhost/api/tracks/t1/cover', form: coverForm() }).result;
    expect(result).toEqual({ ok: true, status: 200, body: { coverUrl: '/c.png' } });
    expect(calls.refresh).toBe(1);
  });

  it('reports an abort as such', async () => {
    fakeSession();
    const handle = sendMultipart({ url: 'http://localhost/api/tracks/t1/cover', form: coverForm() });
    handle.abort();
    expect(await handle.result).toEqual({ ok: false, reason: 'aborted' });
  });
});
