import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { db, fixtures, resetMockDb, states } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import { beforeEach, describe, expect, it } from 'vitest';
import { ana, renderScreen } from '../../test/render.tsx';
import { CoverPicker } from './cover-picker.tsx';

const NIGHT_DRIVE = fixtures.tracks[0]!;
const png = () => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'cover.png', { type: 'image/png' });
const dropZone = () => screen.getByLabelText(/^Choose (an|another) image/);

function renderPicker(coverUrl: string | null = null) {
  return renderScreen(<CoverPicker track={{ id: NIGHT_DRIVE.id, title: NIGHT_DRIVE.title, coverUrl }} />, { session: ana });
}

describe('CoverPicker', () => {
  beforeEach(() => resetMockDb({ signedInAs: 'ana' }));

  it('uploads a chosen image and confirms', async () => {
    renderPicker();
    expect(screen.getByText('No cover yet.')).toBeTruthy();
    await userEvent.upload(dropZone(), png());
    expect(await screen.findByText('Cover updated.')).toBeTruthy();
    await waitFor(() => expect(db.tracks.find((t) => t.id === NIGHT_DRIVE.id)?.coverUrl).toMatch(/^data:image\/png;base64,/));
  });

  it('refuses other image types and files over 5 MB before sending', async () => {
    renderPicker();
    await userEvent.upload(dropZone(), new File(['GIF89a'], 'a.gif', { type: 'image/gif' }), { applyAccept: false });
    expect(screen.getByText('Choose a JPEG, PNG or WebP image.')).toBeTruthy();
    const big = Object.defineProperty(png(), 'size', { value: 6 * 1024 * 1024 });
    await userEvent.upload(dropZone(), big);
    expect(screen.getByText('This image is larger than 5 MB.')).toBeTruthy();
  });

  it('shows the server message when the cover is refused', async () => {
    server.use(states.coverError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Covers must be JPEG, PNG or WebP images.'));
    renderPicker();
    await userEvent.upload(dropZone(), png());
    expect(await screen.findByText('Covers must be JPEG, PNG or WebP images.')).toBeTruthy();
  });

  it('removes the cover', async () => {
    db.tracks.find((t) => t.id === NIGHT_DRIVE.id)!.coverUrl = 'data:image/png;base64,AAAA';
    renderPicker('data:image/png;base64,AAAA');
    await userEvent.click(screen.getByRole('button', { name: 'Remove the cover' }));
    expect(await screen.findByText('Cover removed.')).toBeTruthy();
    expect(db.tracks.find((t) => t.id === NIGHT_DRIVE.id)?.coverUrl).toBeNull();
  });
});
