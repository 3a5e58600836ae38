import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fixtures, resetMockDb } from '@veza/mocks';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { RequireAuth } from '../../features/session/require-auth.tsx';
import { resetUploads } from '../../features/uploads/store.ts';
import { textOf } from '../../test/dom.ts';
import { FakeUpload, storedUploads } from '../../test/fake-tus.ts';
import { ana, renderScreen } from '../../test/render.tsx';
import { UploadPage } from './upload.page.tsx';

vi.mock('tus-js-client', async () => (await import('../../test/fake-tus.ts')).fakeTusModule);

const audioFile = (name: string, size = 2048, type = 'audio/wav') => new File([new Uint8Array(size)], name, { type });
// The drop zone's <label> also wraps its hint, so match the start of the label.
const fileInput = () => screen.getByLabelText(/^Choose audio files or drop them here/);
const renderUpload = () => renderScreen(<UploadPage />, { path: '/upload', url: '/upload', session: ana });
const item = (name: string) => screen.getByRole('group', { name });
const started = (name: string) => vi.waitFor(() => {
  const upload = FakeUpload.instances.find((u) => u.file.name === name);
  expect(upload?.starts).toBeGreaterThan(0);
  return upload!;
});

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
    await userEvent.upload(fileInput(), audioFile('sunrise.wav'));
    expect(screen.queryByTestId('resumable')).toBeNull();
  });

  it('starts empty and refuses files that are not audio', async () => {
    renderUpload();
    expect(screen.getByText('No files yet. Add one or more audio files to begin.')).toBeTruthy();
    await userEvent.upload(fileInput(), [new File(['hello'], 'notes.txt', { type: 'text/plain' })], { applyAccept: false });
    expect(textOf(screen.getByText(/is not an audio file we accept/))).toBe('“notes.txt” is not an audio file we accept.');
    expect(fileInput().getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByRole('list', { name: 'Files to upload' })).toBeNull();
  });

  it('lists several files with their own titles, uploads them and links to the new tracks', async () => {
    renderUpload();
    await userEvent.upload(fileInput(), [audioFile('sunrise.wav'), audioFile('night.mp3', 4096, 'audio/mpeg')]);
    expect(screen.getByRole('list', { name: 'Files to upload' }).children).toHaveLength(2);
    await userEvent.type(within(item('sunrise.wav')).getByLabelText('Title (optional)'), 'Sunrise');
    await userEvent.click(screen.getByRole('button', { name: 'Upload 2 files' }));

    const sunrise = await started('sunrise.wav');
    expect(sunrise.options.metadata).toMatchObject({ filename: 'sunrise.wav', title: 'Sunrise' });
    sunrise.progress(758);
    const bar = await within(item('sunrise.wav')).findByRole('progressbar', { name: 'Uploading sunrise.wav' });
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('37'));

    // Processing status comes from the track the upload created (a fixture here: Paper Lanterns, 42%).
    sunrise.succeed(fixtures.tracks[2]!.id);
    const done = item('sunrise.wav');
    expect(await within(done).findByText('Processing…')).toBeTruthy();
    expect(within(done).getByRole('link', { name: 'Open track sunrise.wav' }).getAttribute('href')).toBe(`/tracks/${fixtures.tracks[2]!.id}`);
  });

  it('pauses and resumes an upload', async () => {
    renderUpload();
    await userEvent.upload(fileInput(), audioFile('sunrise.wav'));
    await userEvent.click(screen.getByRole('button', { name: 'Upload sunrise.wav' }));
    const upload = await started('sunrise.wav');
    await userEvent.click(screen.getByRole('button', { name: 'Pause sunrise.wav' }));
    expect(upload.aborts).toEqual([false]);
    expect(textOf(item('sunrise.wav'))).toContain('Paused');
    await userEvent.click(screen.getByRole('button', { name: 'Resume sunrise.wav' }));
    await waitFor(() => expect(upload.starts).toBe(2));
  });

  it.each([
    [415, 'UNSUPPORTED_MEDIA_TYPE', 'This file is not a supported audio format. Upload MP3, WAV, FLAC, OGG/Opus, M4A/AAC or AIFF.'],
    [413, 'PAYLOAD_TOO_LARGE', 'This file is too large. The limit is 200 MB.'],
    [422, 'UNPROCESSABLE_CONTENT', 'This audio file is damaged or incomplete and could not be read.'],
  ] as const)('shows the server message for a %i and offers to try again', async (status, code, message) => {
    renderUpload();
    await userEvent.upload(fileInput(), audioFile('live-set.wav'));
    await userEvent.click(screen.getByRole('button', { name: 'Upload live-set.wav' }));
    (await started('live-set.wav')).fail(status, code, message);
    expect(textOf(await within(item('live-set.wav')).findByRole('alert'))).toBe(message);
    expect(screen.getByRole('button', { name: 'Try live-set.wav again' })).toBeTruthy();
  });

  it('removes a file from the list', async () => {
    renderUpload();
    await userEvent.upload(fileInput(), audioFile('sunrise.wav'));
    await userEvent.click(screen.getByRole('button', { name: 'Remove sunrise.wav from the list' }));
    expect(screen.queryByRole('group', { name: 'sunrise.wav' })).toBeNull();
  });

  it('sends signed-out visitors to log in first', async () => {
    renderScreen(<RequireAuth><UploadPage /></RequireAuth>, { path: '/upload', url: '/upload', session: null });
    expect(textOf(await screen.findByTestId('location'))).toBe('/login?next=%2Fupload');
  });
});
