import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { db, fixtures, resetMockDb, states, trpcMsw } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { describe, expect, it } from 'vitest';
import { usePlayer } from '../../stores/player.ts';
import type { SessionUser } from '../../stores/session.ts';
import { textOf } from '../../test/dom.ts';
import { ana, lea, renderScreen } from '../../test/render.tsx';
import { TrackPage } from './track.page.tsx';

const NIGHT_DRIVE = fixtures.tracks[0]!; // by ana, 42 likes
const likeButton = () => screen.findByRole('button', { name: /^Like/ });

function renderTrack(session: SessionUser | null, id = NIGHT_DRIVE.id) {
  if (session) resetMockDb({ signedInAs: session.username });
  return renderScreen(<TrackPage />, { path: '/tracks/:id', url: `/tracks/${id}`, session });
}

describe('TrackPage', () => {
  it('shows the track, its artist and facts, and plays it in the persistent player', async () => {
    renderTrack(null);
    expect(textOf(await screen.findByRole('heading', { level: 1 }))).toBe('Night Drive');
    expect(screen.getByRole('link', { name: 'Ana Lima' }).getAttribute('href')).toBe('/u/ana');
    expect(screen.getByText('3:21')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Play “Night Drive”' }));
    expect(usePlayer.getState()).toMatchObject({ isPlaying: true, track: { id: NIGHT_DRIVE.id, audioUrl: NIGHT_DRIVE.audioUrl } });
    await userEvent.click(screen.getByRole('button', { name: 'Pause “Night Drive”' }));
    expect(usePlayer.getState().isPlaying).toBe(false);
  });

  it('has the artist\'s presence and Message next to them for other listeners, not for the artist', async () => {
    renderTrack(lea);
    const artist = (await screen.findByRole('link', { name: 'Ana Lima' })).closest('.vw-track__artist-row') as HTMLElement;
    // Her presence beside her name (the mock's: offline unless set).
    expect(await within(artist).findByRole('img', { name: 'Offline' })).toBeTruthy();
    await userEvent.click(within(artist).getByRole('button', { name: 'Message Ana Lima' }));
    expect((await screen.findByTestId('location')).textContent).toMatch(/^\/chat\/[0-9a-f-]{36}$/);
    cleanup();
    renderTrack(ana);
    await screen.findByRole('link', { name: 'Ana Lima' });
    expect(screen.queryByRole('button', { name: 'Message Ana Lima' })).toBeNull();
    expect(screen.queryByRole('img', { name: 'Offline' })).toBeNull();
  });

  it('likes optimistically, then shows the count the server returns', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    server.use(trpcMsw.tracks.like.mutation(async ({ input }) => {
      await gate;
      return { id: input.id, liked: true, likeCount: 50 };
    }));
    renderTrack(lea);
    const like = await likeButton();
    expect(like.getAttribute('aria-pressed')).toBe('false');

    await userEvent.click(like);
    // Before the server has answered:
    expect(like.getAttribute('aria-pressed')).toBe('true');
    expect(textOf(like)).toContain('43');

    release();
    await waitFor(() => expect(textOf(like)).toContain('50'));
    expect(like.getAttribute('aria-pressed')).toBe('true');
  });

  it('rolls the like back and says so when the server fails', async () => {
    server.use(states.error('tracks.like', 'INTERNAL_SERVER_ERROR', 'Boom'));
    renderTrack(lea);
    const like = await likeButton();
    await userEvent.click(like);

    expect(await screen.findByText("Your like couldn't be saved. Please try again.")).toBeTruthy();
    expect(like.getAttribute('aria-pressed')).toBe('false');
    expect(textOf(like)).toContain('42');
  });

  it('unlikes a liked track', async () => {
    renderTrack(fixtures.marc as SessionUser); // marc already likes Night Drive
    const like = await likeButton();
    expect(like.getAttribute('aria-pressed')).toBe('true');
    await userEvent.click(like);
    await waitFor(() => expect(like.getAttribute('aria-pressed')).toBe('false'));
    expect(textOf(like)).toContain('41');
  });

  it('sends signed-out visitors who like to the login page, coming back here', async () => {
    renderTrack(null);
    await userEvent.click(await likeButton());
    expect(textOf(await screen.findByTestId('location'))).toBe(`/login?next=${encodeURIComponent(`/tracks/${NIGHT_DRIVE.id}`)}`);
  });

  it('says when the track does not exist (or is private)', async () => {
    renderTrack(null, fixtures.tracks[7]!.id); // ana's private demo
    expect(await screen.findByRole('heading', { level: 1, name: 'This track does not exist or is private' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to the home page' })).toBeTruthy();
  });

  it('has no owner tools for other people', async () => {
    renderTrack(lea);
    await likeButton();
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
    // Their "…" menu has the queue actions only.
    await userEvent.click(screen.getByRole('button', { name: 'More actions for “Night Drive”' }));
    expect(screen.getAllByRole('menuitem').map(textOf)).toEqual(['Play next', 'Add to queue', 'Add to playlist…']);
  });

  it('lets the owner edit the title inline', async () => {
    renderTrack(ana);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    const title = screen.getByLabelText('Title');
    await userEvent.clear(title);
    await userEvent.type(title, 'Night Drive (2026 mix)');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(textOf(screen.getByRole('heading', { level: 1 }))).toBe('Night Drive (2026 mix)'));
    expect(db.tracks.find((t) => t.id === NIGHT_DRIVE.id)?.title).toBe('Night Drive (2026 mix)');
  });

  it('shows a listener no file details (format, loudness): those are the owner\'s', async () => {
    renderTrack(lea);
    await likeButton();
    expect(screen.getByText('Duration')).toBeTruthy();
    expect(screen.queryByText('Format')).toBeNull();
    expect(screen.queryByText('MP3')).toBeNull();
    expect(screen.queryByText('Loudness')).toBeNull();
    expect(screen.queryByText(/LUFS/)).toBeNull();
    expect(screen.queryByRole('region', { name: 'File details' })).toBeNull();
  });

  it('shows the owner the file details: format, loudness, true peak and visibility', async () => {
    renderTrack(ana);
    const details = await screen.findByRole('region', { name: 'File details' });
    expect(within(details).getByText('Only you see these.')).toBeTruthy();
    const facts = Object.fromEntries(within(details).getAllByRole('term').map((dt) => [textOf(dt), textOf(dt.nextElementSibling as HTMLElement)]));
    expect(facts).toMatchObject({ Format: 'MP3', Loudness: expect.stringMatching(/^-?\d+(\.\d)? LUFS$/), 'True peak': expect.stringMatching(/dBTP$/), Visibility: 'Public — everyone can find it' });
  });

  it('shows the cover, or generated placeholder art when the track has none', async () => {
    const { container, unmount } = renderTrack(lea);
    expect((await screen.findByRole('img', { name: 'Cover of “Night Drive”' })).getAttribute('src')).toBe(NIGHT_DRIVE.coverUrl);
    expect(container.querySelector('[data-placeholder-art]')).toBeNull();
    unmount();

    const LE_DERNIER_METRO = fixtures.tracks[5]!; // no cover
    const other = renderTrack(lea, LE_DERNIER_METRO.id);
    await screen.findByRole('heading', { level: 1, name: LE_DERNIER_METRO.title });
    expect(screen.queryByRole('img', { name: /^Cover of/ })).toBeNull();
    expect(other.container.querySelector('.vw-track__hero [data-placeholder-art]')?.getAttribute('aria-hidden')).toBe('true');
  });

  it('badges private and unlisted tracks, not public ones', async () => {
    const first = renderTrack(ana, fixtures.tracks[7]!.id); // ana's private demo
    await screen.findByRole('heading', { level: 1, name: 'Demo — unfinished' });
    expect(screen.getByText('Private')).toBeTruthy();
    first.unmount();

    db.tracks.find((t) => t.id === NIGHT_DRIVE.id)!.visibility = 'unlisted';
    const second = renderScreen(<TrackPage />, { path: '/tracks/:id', url: `/tracks/${NIGHT_DRIVE.id}`, session: lea });
    await screen.findByRole('heading', { level: 1, name: 'Night Drive' });
    expect(screen.getByText('Unlisted')).toBeTruthy();
    second.unmount();

    db.tracks.find((t) => t.id === NIGHT_DRIVE.id)!.visibility = 'public';
    renderScreen(<TrackPage />, { path: '/tracks/:id', url: `/tracks/${NIGHT_DRIVE.id}`, session: lea });
    await screen.findByRole('heading', { level: 1, name: 'Night Drive' });
    expect(screen.queryByText('Unlisted')).toBeNull();
    expect(screen.queryByText('Private')).toBeNull();
  });

  it('links each tag to the tracks carrying it', async () => {
    renderTrack(lea);
    const tags = await screen.findByRole('list', { name: 'Tags' });
    const links = within(tags).getAllByRole('link');
    expect(links.map((a) => [textOf(a), a.getAttribute('href')])).toEqual([
      ['lo-fi', '/tags/lo-fi'],
      ['night', '/tags/night'],
      ['chillhop', '/tags/chillhop'],
    ]);
  });

  it('keeps Delete in the owner\'s "…" menu, not on the page', async () => {
    renderTrack(ana);
    await screen.findByRole('button', { name: 'Edit' });
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
    const more = screen.getByRole('button', { name: 'More actions for “Night Drive”' });
    expect(more.getAttribute('aria-haspopup')).toBe('menu');
    await userEvent.click(more);
    expect(screen.getAllByRole('menuitem').map(textOf)).toEqual(['Play next', 'Add to queue', 'Add to playlist…', 'Turn comments off', 'Delete']);
  });

  it('lets the owner turn comments off and on from the "…" menu; the thread stays readable', async () => {
    renderTrack(ana);
    const thread = await screen.findByRole('region', { name: '6 comments' });
    expect(await within(thread).findByRole('textbox', { name: /^Comment at/ })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'More actions for “Night Drive”' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Turn comments off' }));

    expect(await screen.findByText('Comments are off for “Night Drive”.')).toBeTruthy();
    expect(await within(thread).findByText('Comments are turned off for this track.')).toBeTruthy();
    expect(within(thread).queryByRole('textbox')).toBeNull();
    expect(within(thread).getByText('Love the tape hiss in the intro.')).toBeTruthy();
    expect(db.tracks.find((t) => t.id === NIGHT_DRIVE.id)?.commentsEnabled).toBe(false);

    // Back on from the thread itself.
    await userEvent.click(within(thread).getByRole('button', { name: 'Turn comments on' }));
    expect(await within(thread).findByRole('textbox', { name: /^Comment at/ })).toBeTruthy();
    expect(db.tracks.find((t) => t.id === NIGHT_DRIVE.id)?.commentsEnabled).toBe(true);
  });

  it('lets the owner delete from the "…" menu after confirming, then goes to their profile', async () => {
    renderTrack(ana);
    await userEvent.click(await screen.findByRole('button', { name: 'More actions for “Night Drive”' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete this track?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete for good' }));

    expect(textOf(await screen.findByTestId('location'))).toBe('/u/ana');
    expect(db.tracks.some((t) => t.id === NIGHT_DRIVE.id)).toBe(false);
  });
});
