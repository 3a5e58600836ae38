import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@veza/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resetMockDb } from './db.ts';
import { fixtures } from './fixtures.ts';
import { server } from './node.ts';
import { socialMock } from './social-mock.ts';

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
    if (error instanceof TRPCClientError) return (error as TRPCClientError<AppRouter>).data as { code: string; reason?: string } | undefined;
  }
  throw new Error('expected a tRPC error');
};

const SALLE_VIDE = fixtures.tracks[8]!;

describe('mock private profiles and follow requests', () => {
  it("locks a private profile's tracks and lists, with the API's reason, and hides its tracks elsewhere", async () => {
    resetMockDb({ signedInAs: 'ana' });
    expect(await api.users.byUsername.query({ username: 'ines' })).toMatchObject({ isPrivate: true, locked: true, requested: false, trackCount: 1, followRequestCount: 0 });
    expect(await errorOf(api.tracks.list.query({ username: 'ines' }))).toMatchObject({ code: 'FORBIDDEN', reason: 'private_profile' });
    expect(await errorOf(api.social.followers.query({ username: 'ines' }))).toMatchObject({ code: 'FORBIDDEN', reason: 'private_profile' });
    expect(await errorOf(api.social.following.query({ username: 'ines' }))).toMatchObject({ code: 'FORBIDDEN', reason: 'private_profile' });
    expect((await api.tracks.list.query({ limit: 50 })).items.map((t) => t.id)).not.toContain(SALLE_VIDE.id);
    expect((await errorOf(api.tracks.byId.query({ id: SALLE_VIDE.id })))?.code).toBe('NOT_FOUND');
  });

  it('makes a follow of a private profile a request, which unfollow withdraws', async () => {
    resetMockDb({ signedInAs: 'ana' });
    expect(await api.social.follow.mutate({ username: 'ines' })).toMatchObject({ followedByMe: false, requested: true, locked: true, followerCount: 0 });
    expect(await api.social.unfollow.mutate({ username: 'ines' })).toMatchObject({ followedByMe: false, requested: false, locked: true });
  });

  it('lists the requests waiting for me, newest first, and approves or declines them', async () => {
    resetMockDb({ signedInAs: 'ines' });
    socialMock.ask('marc.dubois', 'ines', '2026-12-02T09:00:00.000Z');
    expect(await api.users.byUsername.query({ username: 'ines' })).toMatchObject({ followRequestCount: 2, locked: false });
    expect(await api.users.byUsername.query({ username: 'lea_m' })).toMatchObject({ requestsYou: true, followsYou: false });
    const page = await api.social.requests.query({});
    expect(page).toMatchObject({ total: 2, nextCursor: null });
    expect(page.items.map((r) => r.user.username)).toEqual(['marc.dubois', 'lea_m']);

    expect(await api.social.approveRequest.mutate({ username: 'lea_m' })).toMatchObject({ followsYou: true, requestsYou: false });
    expect(await api.social.declineRequest.mutate({ username: 'marc.dubois' })).toMatchObject({ followsYou: false, requestsYou: false });
    expect(await errorOf(api.social.approveRequest.mutate({ username: 'marc.dubois' }))).toMatchObject({ code: 'NOT_FOUND', reason: 'no_request' });
    expect(await api.social.requests.query({})).toEqual({ items: [], total: 0, nextCursor: null });

    // Léa, approved, hears Inès's tracks.
    resetMockDb({ signedInAs: 'lea_m' });
    socialMock.approve('ines', 'lea_m');
    expect(await api.users.byUsername.query({ username: 'ines' })).toMatchObject({ followedByMe: true, locked: false, followerCount: 1 });
    expect((await api.tracks.list.query({ username: 'ines' })).items.map((t) => t.title)).toEqual(['Salle vide']);
  });

  it('pages through many requests', async () => {
    resetMockDb({ signedInAs: 'ines' });
    socialMock.askMany('ines', 25);
    const first = await api.social.requests.query({ limit: 20 });
    expect(first.items).toHaveLength(20);
    expect(first.total).toBe(26);
    const second = await api.social.requests.query({ limit: 20, cursor: first.nextCursor });
    expect(second.items.map((r) => r.user.username).at(-1)).toBe('lea_m');
    expect(second.nextCursor).toBeNull();
  });

  it('approves everyone waiting when the profile turns public', async () => {
    resetMockDb({ signedInAs: 'ines' });
    expect(await api.users.updateProfile.mutate({ isPrivate: false })).toMatchObject({ isPrivate: false });
    expect(await api.users.byUsername.query({ username: 'ines' })).toMatchObject({ isPrivate: false, followerCount: 1, followRequestCount: 0 });
  });
});
