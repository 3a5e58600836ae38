import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { db, resetMockDb, states } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { beforeEach, describe, expect, it } from 'vitest';
import { RequireAuth } from '../../features/session/require-auth.tsx';
import { textOf } from '../../test/dom.ts';
import { ana, renderScreen } from '../../test/render.tsx';
import { UploadPage } from './upload.page.tsx';

const audioFile = (name = 'sunrise.wav', type = 'audio/wav') => new File([new Uint8Array(2048)], name, { type });
// The drop zone's <label> also wraps its hint, so match the start of the label.
const fileInput = () => screen.getByLabelText(/^Choose an audio file or drop it here/);
const renderUpload = () => renderScreen(<UploadPage />, { path: '/upload', url: '/upload', session: ana });

describe('UploadPage', () => {
  beforeEach(() => resetMockDb({ signedInAs: 'ana' }));

  it('asks for a file before uploading', async () => {
    renderUpload();
    await userEvent.click(screen.getByRole('button', { name: 'Upload' }));
    expect(screen.getByText('Choose an audio file first.')).toBeTruthy();
  });

  it('uploads the file with its title and opens the new track', async () => {
    renderUpload();
    await userEvent.upload(fileInput(), audioFile());
    expect(textOf(screen.getByTestId('chosen-file'))).toContain('sunrise.wav');
    await userEvent.type(screen.getByLabelText('Title (optional)'), 'Sunrise');
    await userEvent.click(screen.getByRole('button', { name: 'Upload' }));

    const location = await screen.findByTestId('location');
    const created = db.tracks.find((t) => t.title === 'Sunrise');
    expect(created?.owner.username).toBe('ana');
    expect(textOf(location)).toBe(`/tracks/${created?.id}`);
  });

  it.each([
    [415, 'UNSUPPORTED_MEDIA_TYPE', 'This file is not a supported audio format. Upload MP3, WAV, FLAC, OGG/Opus, M4A/AAC or AIFF.'],
    [413, 'PAYLOAD_TOO_LARGE', 'This file is too large. The limit is 200 MB.'],
    [422, 'UNPROCESSABLE_CONTENT', 'This audio file is damaged or incomplete and could not be read.'],
  ] as const)('shows the server message for a %i', async (status, code, message) => {
    server.use(states.uploadError(status, code, message));
    renderUpload();
    await userEvent.upload(fileInput(), audioFile());
    await userEvent.click(screen.getByRole('button', { name: 'Upload' }));
    await waitFor(() => expect(textOf(screen.getByRole('alert'))).toBe(message));
    expect(fileInput().getAttribute('aria-invalid')).toBe('true');
  });

  it('sends signed-out visitors to log in first', async () => {
    renderScreen(<RequireAuth><UploadPage /></RequireAuth>, { path: '/upload', url: '/upload', session: null });
    expect(textOf(await screen.findByTestId('location'))).toBe('/login?next=%2Fupload');
  });
});
