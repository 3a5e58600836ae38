import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fixtures, resetMockDb } from '@veza/mocks';
import { useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ana, renderScreen } from '../../test/render.tsx';
import { CoverPicker, KEEP_COVER, type CoverChange } from './cover-picker.tsx';

const NIGHT_DRIVE = fixtures.tracks[0]!;
const png = () => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'cover.png', { type: 'image/png' });
const dropZone = () => screen.getByLabelText(/^Choose (an|another) image/);

/** The picker as the edit form holds it: the staged change in state, reported to `spy`. */
function renderPicker(coverUrl: string | null = null, spy: (change: CoverChange) => void = () => {}) {
  function Harness() {
    const [change, setChange] = useState<CoverChange>(KEEP_COVER);
    return <CoverPicker track={{ id: NIGHT_DRIVE.id, title: NIGHT_DRIVE.title, coverUrl }} change={change} onChange={(c) => { spy(c); setChange(c); }} />;
  }
  return renderScreen(<Harness />, { session: ana });
}

describe('CoverPicker', () => {
  beforeEach(() => resetMockDb({ signedInAs: 'ana' }));

  it('stages a chosen image: previews it and says it is saved with Save', async () => {
    const spy = vi.fn();
    const { container } = renderPicker(null, spy);
    expect(screen.getByText('No cover yet.')).toBeTruthy();
    expect(container.querySelector('[data-placeholder-art]')).toBeTruthy();
    await userEvent.upload(dropZone(), png());
    expect(spy).toHaveBeenLastCalledWith({ kind: 'replace', file: expect.any(File) });
    expect(screen.getByRole('img', { name: 'Cover preview' }).getAttribute('src')).toMatch(/^blob:/);
    expect(screen.getByRole('status').textContent).toBe('New cover chosen — it is saved when you press Save.');

    await userEvent.click(screen.getByRole('button', { name: 'Don’t use this image' }));
    expect(spy).toHaveBeenLastCalledWith(KEEP_COVER);
    expect(screen.queryByRole('img', { name: 'Cover preview' })).toBeNull();
  });

  it('refuses other image types and files over 5 MB without staging them', async () => {
    const spy = vi.fn();
    renderPicker(null, spy);
    await userEvent.upload(dropZone(), new File(['GIF89a'], 'a.gif', { type: 'image/gif' }), { applyAccept: false });
    expect(screen.getByText('Choose a JPEG, PNG or WebP image.')).toBeTruthy();
    const big = Object.defineProperty(png(), 'size', { value: 6 * 1024 * 1024 });
    await userEvent.upload(dropZone(), big);
    expect(screen.getByText('This image is larger than 5 MB.')).toBeTruthy();
    expect(spy).not.toHaveBeenCalled();
  });

  it('stages removing the cover, and undoes it', async () => {
    const spy = vi.fn();
    renderPicker('data:image/png;base64,AAAA', spy);
    expect(screen.getByRole('img', { name: 'Cover preview' }).getAttribute('src')).toBe('data:image/png;base64,AAAA');
    await userEvent.click(screen.getByRole('button', { name: 'Remove the cover' }));
    expect(spy).toHaveBeenLastCalledWith({ kind: 'remove' });
    expect(screen.queryByRole('img', { name: 'Cover preview' })).toBeNull();
    expect(screen.getByText('The cover will be removed when you press Save.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Keep the current cover' }));
    expect(screen.getByRole('img', { name: 'Cover preview' }).getAttribute('src')).toBe('data:image/png;base64,AAAA');
  });
});
