import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { db, fixtures, resetMockDb, startUpload } from '@veza/mocks';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { RequireAuth } from '../../features/session/require-auth.tsx';
import { resetUploads } from '../../features/uploads/store.ts';
import { flacFile, textFile, wavFile } from '../../test/audio-files.ts';
import { textOf } from '../../test/dom.ts';
import { FakeUpload, storedUploads } from '../../test/fake-tus.ts';
import { ana, renderScreen } from '../../test/render.tsx';
import { UploadPage } from './upload.page.tsx';

vi.mock('tus-js-client', async () => (await import('../../test/fake-tus.ts')).fakeTusModule);

// The drop zone's <label> also wraps its hint, so match the start of the label.
const fileInput = () => screen.getByLabelText(/^Choose audio files or drop them here/);
const renderUpload = () => renderScreen(<UploadPage />, { path: '/upload', url: '/upload', session: ana });
const item = (name: string) => screen.getByRole('group', { name });
const started = (name: string) => vi.waitFor(() => {
  const upload = FakeUpload.instances.find((u) => u.file.name === name);
  expect(upload?.starts).toBeGreaterThan(0);
  return upload!;
});
/** Ana's own track in the mock back end: what a finished upload "creates" here. */
const anasTrack = () => db.tracks.find((t) => t.id === fixtures.tracks[0]!.id)!;

describe('UploadPage', () => {
  beforeEach(() => {
    resetMockDb({ signedInAs: 'ana' });
    resetUploads();
    FakeUpload.reset();
    storedUploads.length = 0;
  });

  it('mentions uploads an earlier visit left unfinished, until the file is added again', async () => {
    storedUploads.push({ filename: 'sunrise.wav', creationTime: '2026-11-21T10:00:00Z' });
    renderUpload();
    expect(textOf(await screen.findByTestId('resumable'))).toBe('An upload from an earlier visit can continue: sunrise.wav. Add the same file again and it picks up where it stopped.');
    await userEvent.upload(fileInput(), wavFile('sunrise.wav'));
    expect(screen.queryByTestId('resumable')).toBeNull();
  });

  it('refuses a text file named fake.mp3 from its first bytes: an error row, no retry, and nothing sent', async () => {
    renderUpload();
    expect(screen.getByText('No files yet. Add one or more audio files to begin.')).toBeTruthy();
    await userEvent.upload(fileInput(), textFile('fake.mp3'));
    const row = item('fake.mp3');
    expect(textOf(await within(row).findByRole('alert'))).toBe(
      '“fake.mp3” is not an audio file we accept: its content is not MP3, WAV, FLAC, OGG/Opus, M4A/AAC or AIFF, whatever its name says. Nothing was sent.',
    );
    expect(row.getAttribute('data-status')).toBe('rejected');
    expect(within(row).queryByRole('button', { name: /again/ })).toBeNull();
    expect(within(row).queryByRole('progressbar')).toBeNull();
    expect(within(row).getByRole('button', { name: 'Remove fake.mp3 from the list' })).toBeTruthy();
    // Give a (wrong) upload every chance to start: none does.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(FakeUpload.instances).toEqual([]);
  });

  it('shows the title from the tags, starts at once, and links to the new track', async () => {
    renderUpload();
    await userEvent.upload(fileInput(), [flacFile('b.flac', 'Morning Light'), wavFile('night.wav')]);
    expect(screen.getByRole('list', { name: 'Files to upload' }).children).toHaveLength(2);
    await waitFor(() => expect((within(item('b.flac')).getByLabelText('Title') as HTMLInputElement).value).toBe('Morning Light'));
    expect((within(item('night.wav')).getByLabelText('Title') as HTMLInputElement).value).toBe('night');
    // No start button: both go at once.
    expect(screen.queryByRole('button', { name: /^Upload/ })).toBeNull();

    const flac = await started('b.flac');
    expect(flac.options.metadata).toMatchObject({ filename: 'b.flac', title: 'Morning Light' });
    await started('night.wav');
    flac.progress(Math.round(flac.file.size * 0.37));
    const bar = await within(item('b.flac')).findByRole('progressbar', { name: 'Uploading b.flac' });
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('37'));
    // While uploading the only actions are Pause and Cancel, neither of them a primary (orange) button.
    const actions = within(item('b.flac')).getAllByRole('button').filter((b) => b.closest('.vw-upload__actions'));
    expect(actions.map((b) => b.getAttribute('aria-label'))).toEqual(['Pause b.flac', 'Cancel the upload of b.flac']);
    expect(actions.some((b) => b.classList.contains('vz-button--primary'))).toBe(false);

    // Processing status comes from the track the upload created (a fixture here: Paper Lanterns, 42%).
    flac.succeed(fixtures.tracks[2]!.id);
    const done = item('b.flac');
    expect(await within(done).findByText('Processing…')).toBeTruthy();
    expect(within(done).getByRole('link', { name: 'Open track b.flac' }).getAttribute('href')).toBe(`/tracks/${fixtures.tracks[2]!.id}`);
  });

  it('offers the genre once the track exists, saved as soon as it is picked', async () => {
    renderUpload();
    await userEvent.upload(fileInput(), [wavFile('night.wav')]);
    const upload = await started('night.wav');
    expect(within(item('night.wav')).queryByLabelText('Genre')).toBeNull();
    // The upload made one of Ana's tracks (a fixture here: Night Drive).
    upload.succeed(fixtures.tracks[0]!.id);
    const genre = await within(item('night.wav')).findByLabelText('Genre');
    await userEvent.selectOptions(genre, 'House');
    await waitFor(() => expect(db.tracks.find((t) => t.id === fixtures.tracks[0]!.id)?.genre).toBe('house'));
    expect(await within(item('night.wav')).findByText('Genre saved')).toBeTruthy();
  });

  it('saves the title, tags and visibility edited while the file uploads beside the upload, before the track exists', async () => {
    // The mock back end learns of each upload as the server would when it is created.
    FakeUpload.created = (upload, uploadId) => startUpload(uploadId, db.users.find((u) => u.username === 'ana')!, upload.options.metadata ?? {});
    renderUpload();
    await userEvent.upload(fileInput(), flacFile('b.flac', 'Morning Light'));
    const upload = await started('b.flac');
    const row = item('b.flac');
    const title = within(row).getByLabelText('Title');
    await userEvent.clear(title);
    await userEvent.type(title, 'Morning Light (demo)');
    await userEvent.selectOptions(within(row).getByLabelText('Visibility'), 'private');
    await userEvent.type(within(row).getByLabelText('Tags'), 'ambient{Enter}');

    // Still uploading, and the server already has them: the track will be created private, with this title and tag.
    await waitFor(() => expect(db.uploads.get('upload0')).toMatchObject({ title: 'Morning Light (demo)', visibility: 'private', tags: ['ambient'], trackId: null }));
    expect(row.getAttribute('data-status')).toBe('uploading');
    expect(await within(row).findByText('Changes saved.')).toBeTruthy();

    const before = { ...anasTrack() };
    upload.succeed(anasTrack().id);
    // Nothing is left to save once the track exists (no tracks.update after the fact).
    await waitFor(() => expect(item('b.flac').getAttribute('data-status')).toBe('done'));
    expect(within(item('b.flac')).getByText('Changes saved.')).toBeTruthy();
    expect(anasTrack()).toEqual(before);
  });

  it('says edits made before the upload starts go with it', async () => {
    renderUpload();
    await userEvent.upload(fileInput(), [wavFile('one.wav'), wavFile('two.wav'), wavFile('three.wav')]);
    await waitFor(() => expect(item('three.wav').getAttribute('data-status')).toBe('waiting'));
    await userEvent.selectOptions(within(item('three.wav')).getByLabelText('Visibility'), 'unlisted');
    expect(textOf(within(item('three.wav')).getByText(/go with the file/))).toBe('Your changes go with the file when its upload starts.');
  });

  it('pauses and resumes an upload, showing it paused', async () => {
    renderUpload();
    await userEvent.upload(fileInput(), wavFile('sunrise.wav'));
    const upload = await started('sunrise.wav');
    await userEvent.click(screen.getByRole('button', { name: 'Pause sunrise.wav' }));
    expect(upload.aborts).toEqual([false]);
    expect(item('sunrise.wav').getAttribute('data-status')).toBe('paused');
    expect(textOf(item('sunrise.wav'))).toContain('Paused');
    await userEvent.click(screen.getByRole('button', { name: 'Resume sunrise.wav' }));
    await waitFor(() => expect(upload.starts).toBe(2));
  });

  it.each([
    [415, 'UNSUPPORTED_MEDIA_TYPE', 'This file is not a supported audio format. Upload MP3, WAV, FLAC, OGG/Opus, M4A/AAC or AIFF.'],
    [413, 'PAYLOAD_TOO_LARGE', 'This file is too large. The limit is 200 MB.'],
    [422, 'UNPROCESSABLE_CONTENT', 'This audio file is damaged or incomplete and could not be read.'],
  ] as const)('shows the server message for a %i and offers no retry that cannot help', async (status, code, message) => {
    renderUpload();
    await userEvent.upload(fileInput(), wavFile('live-set.wav'));
    (await started('live-set.wav')).fail(status, code, message);
    expect(textOf(await within(item('live-set.wav')).findByRole('alert'))).toBe(message);
    expect(screen.queryByRole('button', { name: 'Try live-set.wav again' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Remove live-set.wav from the list' })).toBeTruthy();
  });

  it('offers to try again when the server was busy', async () => {
    renderUpload();
    await userEvent.upload(fileInput(), wavFile('live-set.wav'));
    const upload = await started('live-set.wav');
    upload.fail(503, 'SERVICE_UNAVAILABLE', 'The server is busy.');
    await userEvent.click(await screen.findByRole('button', { name: 'Try live-set.wav again' }));
    await waitFor(() => expect(upload.starts).toBe(2));
  });

  it('cancels an upload and takes it off the list', async () => {
    renderUpload();
    await userEvent.upload(fileInput(), wavFile('sunrise.wav'));
    const upload = await started('sunrise.wav');
    await userEvent.click(screen.getByRole('button', { name: 'Cancel the upload of sunrise.wav' }));
    expect(upload.aborts).toEqual([true]);
    expect(screen.queryByRole('group', { name: 'sunrise.wav' })).toBeNull();
  });

  it('sends signed-out visitors to log in first', async () => {
    renderScreen(<RequireAuth><UploadPage /></RequireAuth>, { path: '/upload', url: '/upload', session: null });
    expect(textOf(await screen.findByTestId('location'))).toBe('/login?next=%2Fupload');
  });
});
