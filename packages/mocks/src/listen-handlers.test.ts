import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { AppRouter, ListeningSessionDto } from '@veza/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { db, resetMockDb, setSession } from './db.ts';
import { listenMock, MOCK_LISTEN } from './listen-handlers.ts';
import { server } from './node.ts';

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

const trackId = (title: string) => db.tracks.find((t) => t.title === title)!.id;
const as = (username: string) => setSession(db.users.find((u) => u.username === username)!.id);

describe('mock listening sessions', () => {
  it('starts a session with a public track, which a link holder sees and joins', async () => {
    resetMockDb({ signedInAs: 'ana' });
    const started = await api.listen.start.mutate({ trackId: trackId('Night Drive') });
    expect(started).toMatchObject({ isHost: true, joined: true, playing: true, track: { title: 'Night Drive' } });
    expect(started.positionMs).toBeLessThan(1_000);
    expect(await errorOf(api.listen.start.mutate({ trackId: trackId('Demo — unfinished') }))).toMatchObject({ reason: 'track_unavailable' });
    as('lea_m');
    expect(await api.listen.byId.query({ id: started.id })).toMatchObject({ joined: false, isHost: false });
    expect(await errorOf(api.listen.queueAdd.mutate({ id: started.id, trackId: trackId('Lumière froide') }))).toMatchObject({ reason: 'not_member' });
    const joined = await api.listen.join.mutate({ id: started.id });
    expect(joined.members.map((m) => m.user.username)).toEqual(['ana', 'lea_m']);
  });

  it('lets only the host control, lock the queue and end; members add unless locked and remove their own', async () => {
    resetMockDb({ signedInAs: 'ana' });
    expect(await errorOf(api.listen.control.mutate({ id: MOCK_LISTEN.live, action: 'pause' }))).toMatchObject({ code: 'FORBIDDEN', reason: 'not_host' });
    expect(await errorOf(api.listen.queueRemove.mutate({ id: MOCK_LISTEN.live, entryId: '5e100000-0000-4000-8000-000000000002' }))).toMatchObject({ reason: 'not_yours' });
    const removed = await api.listen.queueRemove.mutate({ id: MOCK_LISTEN.live, entryId: '5e100000-0000-4000-8000-000000000001' });
    expect(removed.queue).toHaveLength(1);
    as('marc.dubois');
    await api.listen.lockQueue.mutate({ id: MOCK_LISTEN.live, locked: true });
    const paused = await api.listen.control.mutate({ id: MOCK_LISTEN.live, action: 'pause', positionMs: 50_000 });
    expect(paused).toMatchObject({ playing: false, positionMs: 50_000, queueLocked: true });
    const next = await api.listen.control.mutate({ id: MOCK_LISTEN.live, action: 'next' });
    expect(next).toMatchObject({ playing: true, track: { title: 'Le dernier métro' }, queue: [] });
    as('ana');
    expect(await errorOf(api.listen.queueAdd.mutate({ id: MOCK_LISTEN.live, trackId: trackId('Night Drive') }))).toMatchObject({ reason: 'queue_locked' });
  });

  it('hands over when the host leaves, and ends with the last one out', async () => {
    resetMockDb({ signedInAs: 'ana' });
    const seen: ListeningSessionDto[] = [];
    const stop = listenMock.onChange((s) => seen.push(s));
    listenMock.leaveAs('marc.dubois', MOCK_LISTEN.live);
    expect(seen.at(-1)).toMatchObject({ isHost: true, host: { username: 'ana' } });
    expect(await api.listen.leave.mutate({ id: MOCK_LISTEN.live })).toEqual({ id: MOCK_LISTEN.live, left: true });
    expect(seen.at(-1)).toMatchObject({ ended: true, playing: false });
    expect(await errorOf(api.listen.join.mutate({ id: MOCK_LISTEN.live }))).toMatchObject({ reason: 'ended' });
    stop();
  });
});
