import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { db, fixtures, resetMockDb, states } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { afterEach, describe, expect, it } from 'vitest';
import { descriptionOf, textOf } from '../../test/dom.ts';
import { ana, renderScreen } from '../../test/render.tsx';
import { TrackPage } from './track.page.tsx';

const NIGHT_DRIVE = fixtures.tracks[0]!; // ana's: tags lo-fi/night/chillhop, 84 BPM, F# minor, lyrics, a cover
const png = () => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'cover.png', { type: 'image/png' });
const coverDrop = () => screen.getByLabelText(/^Choose (an|another) image/);
const pageCover = () => screen.getByRole('img', { name: 'Cover of “Night Drive”' }).getAttribute('src');

/** The cover requests (POST/DELETE /api/tracks/:id/cover) sent since the test started. */
const coverRequests: string[] = [];
const recordCover = ({ request }: { request: Request }) => {
  if (new URL(request.url).pathname.endsWith('/cover')) coverRequests.push(request.method);
};
server.events.on('request:start', recordCover);
afterEach(() => { coverRequests.length = 0; });

async function openEditor() {
  resetMockDb({ signedInAs: 'ana' });
  renderScreen(<TrackPage />, { path: '/tracks/:id', url: `/tracks/${NIGHT_DRIVE.id}`, session: ana });
  await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
}

describe('TrackEditForm', () => {
  it('starts from the track and saves tags, BPM, key and lyrics', async () => {
    await openEditor();
    expect((screen.getByLabelText('BPM') as HTMLInputElement).value).toBe('84');
    expect((screen.getByLabelText('Musical key') as HTMLSelectElement).value).toBe('F# minor');

    await userEvent.click(screen.getByRole('button', { name: 'Remove the tag chillhop' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Tags' }), 'Rain{Enter}');
    await userEvent.clear(screen.getByLabelText('BPM'));
    await userEvent.type(screen.getByLabelText('BPM'), '90');
    await userEvent.selectOptions(screen.getByLabelText('Musical key'), 'A minor');
    await userEvent.clear(screen.getByLabelText('Lyrics'));
    await userEvent.type(screen.getByLabelText('Lyrics'), 'New words');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(db.tracks.find((t) => t.id === NIGHT_DRIVE.id)).toMatchObject({ tags: ['lo-fi', 'night', 'rain'], bpm: 90, musicalKey: 'A minor', lyrics: 'New words' }));
    // Back on the page: the new facts and tags.
    expect(await screen.findByText('A minor')).toBeTruthy();
    expect(textOf(screen.getByRole('list', { name: 'Tags' }))).toBe('lo-finightrain');
  });

  it('files the track under a genre from the list, shown on the page as a link to its trending tracks', async () => {
    await openEditor();
    const genre = screen.getByLabelText('Genre') as HTMLSelectElement;
    expect(genre.value).toBe('lo-fi');
    expect(descriptionOf(genre)).toContain('Explore lists tracks by genre.');
    await userEvent.selectOptions(genre, 'Jazz');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(db.tracks.find((t) => t.id === NIGHT_DRIVE.id)?.genre).toBe('jazz'));
    expect((await screen.findByRole('link', { name: 'Jazz' })).getAttribute('href')).toBe('/explore?genre=jazz');

    await userEvent.click(screen.getByRole('button', { name: 'Edit' }));
    await userEvent.selectOptions(screen.getByLabelText('Genre'), 'No genre');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(db.tracks.find((t) => t.id === NIGHT_DRIVE.id)?.genre).toBeNull());
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Jazz' })).toBeNull());
  });

  it('clears BPM, key and lyrics with null', async () => {
    await openEditor();
    await userEvent.clear(screen.getByLabelText('BPM'));
    await userEvent.selectOptions(screen.getByLabelText('Musical key'), 'Unknown');
    await userEvent.clear(screen.getByLabelText('Lyrics'));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(db.tracks.find((t) => t.id === NIGHT_DRIVE.id)).toMatchObject({ bpm: null, musicalKey: null, lyrics: null }));
  });

  it('checks BPM with the shared schema before sending', async () => {
    await openEditor();
    await userEvent.clear(screen.getByLabelText('BPM'));
    await userEvent.type(screen.getByLabelText('BPM'), '500');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    const bpm = screen.getByLabelText('BPM');
    await waitFor(() => expect(descriptionOf(bpm)).toContain('BPM must be between 20 and 300.'));
    expect(bpm.getAttribute('aria-invalid')).toBe('true');
    expect(db.tracks.find((t) => t.id === NIGHT_DRIVE.id)?.bpm).toBe(84);
  });

  it('shows the server field errors beside the fields', async () => {
    server.use(states.error('tracks.update', 'BAD_REQUEST', 'Some fields are not valid.', { tags: ['Use at most 10 tags.'], lyrics: ['Lyrics must be at most 10,000 characters.'] }));
    await openEditor();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    const form = screen.getByRole('button', { name: 'Save' }).closest('form')!;
    expect(await within(form).findByText('Use at most 10 tags.')).toBeTruthy();
    expect(descriptionOf(screen.getByLabelText('Lyrics'))).toContain('Lyrics must be at most 10,000 characters.');
    expect(within(form).getByRole('alert')).toBeTruthy();
  });

  it('only stages a chosen cover: nothing is sent before Save, and Cancel keeps the old cover', async () => {
    await openEditor();
    const before = db.tracks.find((t) => t.id === NIGHT_DRIVE.id)!.coverUrl;
    await userEvent.upload(coverDrop(), png());
    expect(screen.getByRole('img', { name: 'Cover preview' }).getAttribute('src')).toMatch(/^blob:/);
    // Give a request every chance to leave.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(coverRequests).toEqual([]);
    expect(db.tracks.find((t) => t.id === NIGHT_DRIVE.id)?.coverUrl).toBe(before);

    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(pageCover()).toBe(before);
    expect(coverRequests).toEqual([]);
    // Editing again starts from the saved cover, not the dropped choice.
    await userEvent.click(screen.getByRole('button', { name: 'Edit' }));
    expect(screen.getByRole('img', { name: 'Cover preview' }).getAttribute('src')).toBe(before);
  });

  it('saves the staged cover with the other fields on Save', async () => {
    await openEditor();
    await userEvent.upload(coverDrop(), png());
    const title = screen.getByLabelText('Title');
    await userEvent.clear(title);
    await userEvent.type(title, 'Night Drive II');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(db.tracks.find((t) => t.id === NIGHT_DRIVE.id)?.title).toBe('Night Drive II'));
    expect(coverRequests).toEqual(['POST']);
    const saved = db.tracks.find((t) => t.id === NIGHT_DRIVE.id)!.coverUrl;
    expect(saved).toMatch(/^data:image\/png;base64,/);
    expect(await screen.findByRole('img', { name: 'Cover of “Night Drive II”' })).toMatchObject({ src: saved });
  });

  it('removes the cover on Save when removal was staged', async () => {
    await openEditor();
    await userEvent.click(screen.getByRole('button', { name: 'Remove the cover' }));
    expect(coverRequests).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(db.tracks.find((t) => t.id === NIGHT_DRIVE.id)?.coverUrl).toBeNull());
    expect(coverRequests).toEqual(['DELETE']);
  });

  it('changes nothing when the cover is refused, and says why', async () => {
    server.use(states.coverError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Covers must be JPEG, PNG or WebP images.'));
    await openEditor();
    await userEvent.upload(coverDrop(), png());
    await userEvent.clear(screen.getByLabelText('Title'));
    await userEvent.type(screen.getByLabelText('Title'), 'Renamed');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Covers must be JPEG, PNG or WebP images.')).toBeTruthy();
    const form = screen.getByRole('button', { name: 'Save' }).closest('form')!;
    expect(within(form).getByRole('alert').textContent).toBe('The cover was not saved, so nothing was changed.');
    expect(db.tracks.find((t) => t.id === NIGHT_DRIVE.id)?.title).toBe('Night Drive');
  });
});
