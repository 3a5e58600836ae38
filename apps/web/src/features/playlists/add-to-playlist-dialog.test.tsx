import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fixtures, MOCK_PLAYLISTS, playlistStates, playlistsMock, resetMockDb, states } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { describe, expect, it } from 'vitest';
import { TrackQueueMenu } from '../player/track-queue-menu.tsx';
import type { SessionUser } from '../../stores/session.ts';
import { ana, marc, renderScreen } from '../../test/render.tsx';

const nightDrive = fixtures.tracks.find((t) => t.title === 'Night Drive')!;
const paperLanterns = fixtures.tracks.find((t) => t.title === 'Paper Lanterns')!;

function renderMenu(session: SessionUser | null, track = nightDrive) {
  resetMockDb({ signedInAs: session?.username ?? null });
  return renderScreen(<TrackQueueMenu track={track} />, { session });
}

async function openDialog() {
  await userEvent.click(screen.getByRole('button', { name: 'More actions for “Night Drive”' }));
  await userEvent.click(screen.getByRole('menuitem', { name: 'Add to playlist…' }));
  return screen.findByRole('dialog', { name: 'Add “Night Drive” to a playlist' });
}

describe('Add to playlist', () => {
  it('is not in the track menu when signed out', async () => {
    renderMenu(null);
    await userEvent.click(screen.getByRole('button', { name: 'More actions for “Night Drive”' }));
    expect(screen.getByRole('menuitem', { name: 'Add to queue' })).toBeTruthy();
    expect(screen.queryByRole('menuitem', { name: 'Add to playlist…' })).toBeNull();
  });

  it('has no "Add to playlist…" for a track still processing', async () => {
    renderMenu(ana, paperLanterns);
    await userEvent.click(screen.getByRole('button', { name: 'More actions for “Paper Lanterns”' }));
    expect(screen.queryByRole('menuitem', { name: 'Add to playlist…' })).toBeNull();
  });

  it('lists my playlists with a check where the track is; checking adds it, unchecking takes it out', async () => {
    renderMenu(ana);
    const dialog = await openDialog();
    const late = await within(dialog).findByRole('checkbox', { name: /Late night drives/ });
    const sketches = within(dialog).getByRole('checkbox', { name: /Sketches/ });
    expect(late).toHaveProperty('checked', true);
    expect(sketches).toHaveProperty('checked', false);

    await userEvent.click(sketches);
    expect(sketches).toHaveProperty('checked', true);
    expect(await within(dialog).findByText('Added to “Sketches”.')).toBeTruthy();
    expect(playlistsMock.trackIds(MOCK_PLAYLISTS.sketches)).toContain(nightDrive.id);

    await userEvent.click(late);
    expect(await within(dialog).findByText('Removed from “Late night drives”.')).toBeTruthy();
    expect(late).toHaveProperty('checked', false);
    expect(playlistsMock.trackIds(MOCK_PLAYLISTS.lateNight)).not.toContain(nightDrive.id);
  });

  it('lists the playlists I collaborate on; a refusal unchecks the box again and says why', async () => {
    renderMenu(marc);
    const dialog = await openDialog();
    const late = await within(dialog).findByRole('checkbox', { name: /Late night drives.*shared with you/ });
    const paris = within(dialog).getByRole('checkbox', { name: /Paris la nuit/ });
    server.use(states.error('playlists.addTracks', 'BAD_REQUEST', 'A playlist holds at most 500 tracks.'));
    expect(late).toHaveProperty('checked', true);
    await userEvent.click(paris);
    expect(await within(dialog).findByRole('alert')).toHaveProperty('textContent', 'A playlist holds at most 500 tracks.');
    expect(paris).toHaveProperty('checked', false);
  });

  it('creates a new playlist with the track', async () => {
    renderMenu(marc);
    const dialog = await openDialog();
    await within(dialog).findByRole('checkbox', { name: /Paris la nuit/ });
    await userEvent.click(within(dialog).getByRole('button', { name: 'New playlist' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await within(dialog).findByText('Give the playlist a title.')).toBeTruthy();
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Title' }), 'Rainy');
    await userEvent.click(within(dialog).getByRole('switch', { name: 'Public' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await screen.findByText('“Night Drive” is in your new playlist “Rainy”.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('says when my playlists cannot be loaded', async () => {
    renderMenu(ana);
    server.use(states.error('playlists.editable', 'INTERNAL_SERVER_ERROR'));
    const dialog = await openDialog();
    expect(await within(dialog).findByText("We couldn't load your playlists")).toBeTruthy();
  });

  it('offers to create the first playlist when I have none', async () => {
    renderMenu(ana);
    server.use(playlistStates.noneEditable());
    const dialog = await openDialog();
    expect(await within(dialog).findByText('You have no playlists yet: create the first one with this track.')).toBeTruthy();
    expect(within(dialog).getByRole('textbox', { name: 'Title' })).toBeTruthy();
  });
});
