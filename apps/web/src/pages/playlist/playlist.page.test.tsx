import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fixtures, MOCK_PLAYLISTS, playlistsMock, resetMockDb, states } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MockPlaylistFeed } from '../../features/playlists/mock-playlist-feed.tsx';
import { usePlayer } from '../../stores/player.ts';
import type { SessionUser } from '../../stores/session.ts';
import { textOf } from '../../test/dom.ts';
import { ana, lea, marc, renderScreen } from '../../test/render.tsx';
import { PlaylistPage } from './playlist.page.tsx';

const idOf = (title: string) => fixtures.tracks.find((t) => t.title === title)!.id;
const LATE = MOCK_PLAYLISTS.lateNight;

function renderPlaylist(id: string, session: SessionUser | null = null) {
  resetMockDb({ signedInAs: session?.username ?? null });
  return renderScreen(
    <MockPlaylistFeed>
      <PlaylistPage />
    </MockPlaylistFeed>,
    { path: '/playlists/:id', url: `/playlists/${id}`, session },
  );
}

const rowTitles = (list: HTMLElement) => within(list).getAllByRole('heading', { level: 3 }).map(textOf);

/** happy-dom lays nothing out: each playlist row gets a box 80 px below the previous one, so dnd-kit can measure. */
function layOutRows() {
  const original = Element.prototype.getBoundingClientRect;
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    const row = this.closest('li.vw-playlist-row');
    if (!row?.parentElement) return original.call(this);
    const index = Array.from(row.parentElement.children).indexOf(row);
    const top = index * 80;
    return { x: 0, y: top, top, left: 0, right: 600, bottom: top + 72, width: 600, height: 72, toJSON: () => ({}) } as DOMRect;
  });
}

describe('PlaylistPage', () => {
  beforeEach(() => layOutRows());
  afterEach(() => vi.restoreAllMocks());

  it('shows the playlist: title, owner, count and length, collaborators, tracks in order; Play all plays it', async () => {
    renderPlaylist(LATE);
    expect(textOf(await screen.findByRole('heading', { level: 1 }))).toBe('Late night drives');
    const header = screen.getByRole('heading', { level: 1 }).closest('header')!;
    expect(within(header).getByRole('link', { name: 'Ana Lima' }).getAttribute('href')).toBe('/u/ana');
    expect(screen.getByText('4 tracks')).toBeTruthy();
    // 201 + 245.5 + 312 + 227 seconds.
    expect(screen.getByText('16 min')).toBeTruthy();
    expect(screen.getByText('with Marc Dubois')).toBeTruthy();
    const list = screen.getByRole('list', { name: 'Tracks of “Late night drives”' });
    expect(rowTitles(list)).toEqual(['Night Drive', 'Rue des Martyrs', 'Lumière froide', 'Le dernier métro']);
    expect(within(list).getAllByText(/^Added by/).map(textOf)).toEqual(['Added by Ana Lima', 'Added by Ana Lima', 'Added by Marc Dubois', 'Added by Marc Dubois']);
    // A visitor: no drag handles, no owner menu.
    expect(screen.queryByRole('button', { name: /^Move “/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /More actions for the playlist/ })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Play all' }));
    expect(usePlayer.getState()).toMatchObject({ isPlaying: true, track: { id: idOf('Night Drive') } });
  });

  it('reorders from the keyboard: the track moves at once and moveTrack puts it after its new previous neighbour', async () => {
    const moves: unknown[] = [];
    server.use(
      http.post(/\/trpc\/playlists\.moveTrack$/, async ({ request }) => {
        moves.push(await request.clone().json());
        return undefined;
      }),
    );
    renderPlaylist(LATE, ana);
    const list = await screen.findByRole('list', { name: 'Tracks of “Late night drives”' });
    const handle = within(list).getByRole('button', { name: 'Move “Night Drive”, track 1 of 4' });
    handle.focus();
    await userEvent.keyboard('[Space]');
    expect(await screen.findByText(/“Night Drive” is now at position 1 of 4\./)).toBeTruthy();
    await userEvent.keyboard('[ArrowDown]');
    await userEvent.keyboard('[ArrowDown]');
    await userEvent.keyboard('[Space]');
    await waitFor(() => expect(rowTitles(list)).toEqual(['Rue des Martyrs', 'Lumière froide', 'Night Drive', 'Le dernier métro']));
    await waitFor(() => expect(moves).toEqual([{ id: LATE, trackId: idOf('Night Drive'), afterTrackId: idOf('Lumière froide') }]));
    await waitFor(() => expect(playlistsMock.trackIds(LATE)).toEqual([idOf('Rue des Martyrs'), idOf('Lumière froide'), idOf('Night Drive'), idOf('Le dernier métro')]));
  });

  it('moves a track to the top with "Move up" (afterTrackId null), and puts the order back with a toast on a refusal', async () => {
    renderPlaylist(LATE, marc);
    const list = await screen.findByRole('list', { name: 'Tracks of “Late night drives”' });
    await userEvent.click(within(list).getByRole('button', { name: 'More actions for “Rue des Martyrs”' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Move up' }));
    await waitFor(() => expect(playlistsMock.trackIds(LATE)[0]).toBe(idOf('Rue des Martyrs')));
    expect(rowTitles(list)[0]).toBe('Rue des Martyrs');

    server.use(states.error('playlists.moveTrack', 'FORBIDDEN', 'Only the owner and the collaborators of this playlist can change its tracks.'));
    await userEvent.click(within(list).getByRole('button', { name: 'More actions for “Le dernier métro”' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Move up' }));
    expect(await screen.findByText('The new order could not be saved.')).toBeTruthy();
    expect(rowTitles(list).at(-1)).toBe('Le dernier métro');
  });

  it('follows live changes: a newer version is fetched again, with a cue naming who changed it', async () => {
    renderPlaylist(LATE, ana);
    const list = await screen.findByRole('list', { name: 'Tracks of “Late night drives”' });
    playlistsMock.moveAs('marc.dubois', LATE, idOf('Le dernier métro'), null);
    await waitFor(() => expect(rowTitles(list)[0]).toBe('Le dernier métro'));
    expect(await screen.findByText('Marc Dubois updated this playlist.')).toBeTruthy();
  });

  it('says so when the playlist is deleted while shown', async () => {
    renderPlaylist(LATE, marc);
    await screen.findByRole('list', { name: 'Tracks of “Late night drives”' });
    playlistsMock.deleteElsewhere(LATE);
    expect(await screen.findByRole('heading', { level: 1, name: 'This playlist was deleted' })).toBeTruthy();
    expect(screen.getByRole('link', { name: "Ana Lima's playlists" }).getAttribute('href')).toBe('/u/ana/playlists');
  });

  it('shows the invitation to those invited: Accept makes them a collaborator', async () => {
    renderPlaylist(LATE, lea);
    expect(await screen.findByText('Ana Lima invited you to edit this playlist')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Accept' }));
    expect(await screen.findByText('You now edit “Late night drives”.')).toBeTruthy();
    expect(screen.queryByText('Ana Lima invited you to edit this playlist')).toBeNull();
    expect(await screen.findByRole('button', { name: 'Move “Night Drive”, track 1 of 4' })).toBeTruthy();
  });

  it('lets the owner invite by username, with a plain refusal for an unknown one', async () => {
    renderPlaylist(LATE, ana);
    await userEvent.click(await screen.findByRole('button', { name: 'More actions for the playlist “Late night drives”' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Collaborators' }));
    const dialog = await screen.findByRole('dialog', { name: 'Collaborators' });
    const people = within(dialog).getByRole('list', { name: 'People editing this playlist' });
    expect(within(people).getAllByRole('listitem').map(textOf)).toEqual([expect.stringContaining('Marc Dubois'), expect.stringContaining('lea_m')]);
    expect(within(people).getByText('Invited')).toBeTruthy();
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Invite by username' }), 'nobody_here');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Invite' }));
    expect(await within(dialog).findByRole('alert')).toHaveProperty('textContent', 'There is nobody called @nobody_here on Veza.');
    await userEvent.clear(within(dialog).getByRole('textbox', { name: 'Invite by username' }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Invite by username' }), '@ines');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Invite' }));
    expect(await within(dialog).findByText('@ines is invited.')).toBeTruthy();
  });

  it('edits the title; deleting goes to the owner\'s playlists', async () => {
    renderPlaylist(LATE, ana);
    await userEvent.click(await screen.findByRole('button', { name: 'More actions for the playlist “Late night drives”' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit playlist' });
    const title = within(dialog).getByRole('textbox', { name: 'Title' });
    await userEvent.clear(title);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Give the playlist a title.')).toBeTruthy();
    await userEvent.type(title, 'Midnight roads');
    expect(title).toHaveProperty('value', 'Midnight roads');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(textOf(screen.getByRole('heading', { level: 1 }))).toBe('Midnight roads'));

    await userEvent.click(screen.getByRole('button', { name: 'More actions for the playlist “Midnight roads”' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Delete' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Delete playlist' }));
    expect(await screen.findByTestId('location')).toHaveProperty('textContent', '/u/ana/playlists');
  });

  it('sets a cover from the Edit dialog: staged until Save, then sent to the playlist\'s cover route and shown', async () => {
    const posted: string[] = [];
    server.events.on('request:start', ({ request }) => {
      if (request.method === 'POST' && new URL(request.url).pathname.endsWith('/cover')) posted.push(new URL(request.url).pathname);
    });
    renderPlaylist(LATE, ana);
    await userEvent.click(await screen.findByRole('button', { name: 'More actions for the playlist “Late night drives”' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit playlist' });
    await userEvent.upload(within(dialog).getByLabelText(/^Choose an image/), new File([new Uint8Array([137, 80, 78, 71])], 'cover.png', { type: 'image/png' }));
    expect(within(dialog).getByRole('img', { name: 'Cover preview' })).toBeTruthy();
    expect(posted).toEqual([]);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Edit playlist' })).toBeNull());
    expect(posted).toEqual([`/api/playlists/${LATE}/cover`]);
    server.events.removeAllListeners();
  });

  it('says when the playlist does not exist (or is private to someone else)', async () => {
    renderPlaylist(MOCK_PLAYLISTS.sketches, marc);
    expect(await screen.findByRole('heading', { level: 1, name: 'This playlist does not exist' })).toBeTruthy();
  });
});
