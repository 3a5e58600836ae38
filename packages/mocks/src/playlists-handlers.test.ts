import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { AppRouter, PlaylistChangeEvent } from '@veza/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resetMockDb } from './db.ts';
import { fixtures } from './fixtures.ts';
import { server } from './node.ts';
import { MOCK_PLAYLISTS, playlistsMock } from './playlists-handlers.ts';

const api = createTRPCClient<AppRouter>({ links: [httpLink({ url: 'http://localhost/trpc' })] });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  resetMockDb();
});
afterAll(() => server.close());

const reasonOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) return ((error as TRPCClientError<AppRouter>).data as { code: string; reason?: string }) ?? null;
  }
  throw new Error('expected a tRPC error');
};
const idOf = (title: string) => fixtures.tracks.find((t) => t.title === title)!.id;
const LATE = MOCK_PLAYLISTS.lateNight;

describe('mock playlists', () => {
  it('shows a public playlist to anyone, in order, with its active collaborators only', async () => {
    resetMockDb();
    const p = await api.playlists.byId.query({ id: LATE });
    expect(p.items.map((i) => i.track.title)).toEqual(['Night Drive', 'Rue des Martyrs', 'Lumière froide', 'Le dernier métro']);
    expect(p).toMatchObject({ trackCount: 4, durationMs: 985_500, myRole: null, canEdit: false });
    expect(p.collaborators.map((c) => [c.user.username, c.status])).toEqual([['marc.dubois', 'active']]);
    expect(await reasonOf(api.playlists.byId.query({ id: MOCK_PLAYLISTS.sketches }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('moves a track right after another (null: first) and publishes the change with a newer version', async () => {
    resetMockDb({ signedInAs: 'marc.dubois' });
    const events: PlaylistChangeEvent[] = [];
    const stop = playlistsMock.onChange((e) => events.push(e));
    const done = await api.playlists.moveTrack.mutate({ id: LATE, trackId: idOf('Night Drive'), afterTrackId: idOf('Lumière froide') });
    await api.playlists.moveTrack.mutate({ id: LATE, trackId: idOf('Le dernier métro'), afterTrackId: null });
    stop();
    expect(playlistsMock.trackIds(LATE)).toEqual([idOf('Le dernier métro'), idOf('Rue des Martyrs'), idOf('Lumière froide'), idOf('Night Drive')]);
    expect(events.map((e) => [e.change, e.version])).toEqual([['tracks', done.version], ['tracks', done.version + 1]]);
    expect(await reasonOf(api.playlists.moveTrack.mutate({ id: LATE, trackId: idOf('Salle vide'), afterTrackId: null }))).toMatchObject({ reason: 'not_in_playlist' });
  });

  it("refuses the owner's acts to collaborators, edits to visitors, reposts of one's own", async () => {
    resetMockDb({ signedInAs: 'marc.dubois' });
    expect(await reasonOf(api.playlists.update.mutate({ id: LATE, title: 'Mine now' }))).toMatchObject({ code: 'FORBIDDEN', reason: 'not_owner' });
    resetMockDb({ signedInAs: 'ines' });
    expect(await reasonOf(api.playlists.addTracks.mutate({ id: LATE, trackIds: [idOf('Salle vide')] }))).toMatchObject({ reason: 'not_collaborator' });
    resetMockDb({ signedInAs: 'ana' });
    expect(await reasonOf(api.playlists.repost.mutate({ id: LATE }))).toMatchObject({ reason: 'own_playlist' });
    expect(await reasonOf(api.playlists.addTracks.mutate({ id: LATE, trackIds: [idOf('Paper Lanterns')] }))).toMatchObject({ reason: 'track_unavailable' });
  });

  it('lists what I may add to, with whether each holds the track; invitations become collaborations once accepted', async () => {
    resetMockDb({ signedInAs: 'lea_m' });
    expect((await api.playlists.editable.query({ containing: idOf('Night Drive') })).map((p) => [p.title, p.contains])).toEqual([['Sunday mornings', false]]);
    const accepted = await api.playlists.acceptInvite.mutate({ id: LATE });
    expect(accepted).toMatchObject({ myRole: 'collaborator', canEdit: true });
    expect((await api.playlists.editable.query({ containing: idOf('Night Drive') })).map((p) => [p.title, p.contains])).toEqual([['Late night drives', true], ['Sunday mornings', false]]);
  });
});
