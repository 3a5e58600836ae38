import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@veza/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resetMockDb } from './db.ts';
import { fixtures } from './fixtures.ts';
import { server } from './node.ts';
import { states } from './states.ts';

const api = createTRPCClient<AppRouter>({ links: [httpLink({ url: 'http://localhost/trpc' })] });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  resetMockDb();
});
afterAll(() => server.close());

const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) return error as TRPCClientError<AppRouter>;
  }
  throw new Error('expected a tRPC error');
};

describe('mock back end', () => {
  it('pages through public tracks newest first', async () => {
    const first = await api.tracks.list.query({ limit: 4 });
    expect(first.items.map((t) => t.title)).toEqual(['Morning Static', 'Le dernier métro', 'Tape Hiss Lullaby', 'Lumière froide']);
    const second = await api.tracks.list.query({ limit: 4, cursor: first.nextCursor });
    expect(second.items).toHaveLength(3);
    expect(second.nextCursor).toBeNull();
  });

  it('is signed out until login, then answers auth.me and keeps likes per user', async () => {
    expect((await errorOf(api.auth.me.query())).data?.code).toBe('UNAUTHORIZED');
    await api.auth.login.mutate({ login: 'lea@example.com', password: 'password123' });
    expect((await api.auth.me.query()).username).toBe('lea_m');

    const id = fixtures.tracks[0]!.id;
    expect(await api.tracks.like.mutate({ id })).toEqual({ id, liked: true, likeCount: 43 });
    expect((await api.tracks.byId.query({ id })).likedByMe).toBe(true);
    expect(await api.tracks.unlike.mutate({ id })).toEqual({ id, liked: false, likeCount: 42 });
  });

  it('reports taken usernames as per-field errors, like the server', async () => {
    const error = await errorOf(api.auth.register.mutate({ email: 'x@example.com', username: 'taken', password: 'long enough' }));
    expect(error.data).toMatchObject({ code: 'CONFLICT', httpStatus: 409, fieldErrors: { username: ['This username is already taken.'] } });
  });

  it('hides private tracks from everyone but their owner', async () => {
    const id = fixtures.tracks[7]!.id;
    expect((await errorOf(api.tracks.byId.query({ id }))).data?.code).toBe('NOT_FOUND');
    resetMockDb({ signedInAs: 'ana' });
    expect((await api.tracks.byId.query({ id })).visibility).toBe('private');
  });

  it('has state helpers for stories and tests', async () => {
    server.use(states.emptyTracks());
    expect(await api.tracks.list.query({})).toEqual({ items: [], nextCursor: null });
    server.use(states.error('tracks.byId', 'FORBIDDEN', 'Nope'));
    expect((await errorOf(api.tracks.byId.query({ id: fixtures.tracks[0]!.id }))).data).toMatchObject({ code: 'FORBIDDEN', httpStatus: 403, fieldErrors: null });
  });
});
