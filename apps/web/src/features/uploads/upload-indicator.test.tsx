import { act, screen } from '@testing-library/react';
import { resetMockDb } from '@veza/mocks';
import { beforeEach, describe, expect, it } from 'vitest';
import { HeaderActions } from '../../layout/header-actions.tsx';
import { ana, renderScreen } from '../../test/render.tsx';
import { anUploadItem, MB } from '../../test/upload-items.ts';
import { resetUploads, useUploads } from './store.ts';
import { UploadIndicator } from './upload-indicator.tsx';

const two = () => [
  anUploadItem('one.wav', { status: 'uploading', bytesTotal: 10 * MB, bytesSent: 7 * MB }),
  anUploadItem('two.wav', { status: 'waiting', bytesTotal: 10 * MB, bytesSent: 2 * MB }),
];

describe('UploadIndicator', () => {
  beforeEach(() => {
    resetMockDb({ signedInAs: 'ana' });
    resetUploads();
  });

  it('is in the header on any page while files upload, with the count and the progress, linking to /upload', async () => {
    resetUploads(two());
    renderScreen(<HeaderActions />, { path: '/tracks/:id', url: '/tracks/abc', session: ana });
    const link = await screen.findByRole('link', { name: 'Uploading 2 files, 45%' });
    expect(link.getAttribute('href')).toBe('/upload');
    expect(link.textContent).toBe('245%');
  });

  it('follows the uploads: progress, paused, failed, then gone', async () => {
    resetUploads(two());
    renderScreen(<UploadIndicator />, { session: ana });
    expect(screen.getByRole('link', { name: 'Uploading 2 files, 45%' })).toBeTruthy();

    const [one, second] = useUploads.getState().items;
    act(() => useUploads.setState({ items: [{ ...one!, status: 'done', trackId: 't1' }, { ...second!, status: 'paused' }] }));
    expect(screen.getByRole('link', { name: '1 upload paused, 20%' })).toBeTruthy();

    act(() => useUploads.setState({ items: [{ ...second!, status: 'failed', failure: { reason: 'network' } }] }));
    expect(screen.getByRole('link', { name: '1 upload failed and needs you' })).toBeTruthy();

    act(() => useUploads.setState({ items: [{ ...one!, status: 'done', trackId: 't1' }] }));
    expect(screen.queryByTestId('upload-indicator')).toBeNull();
  });

  it('speaks French', () => {
    resetUploads(two());
    renderScreen(<UploadIndicator />, { session: ana, language: 'fr' });
    expect(screen.getByRole('link', { name: /^Envoi de 2 fichiers, 45\s%$/ })).toBeTruthy();
  });
});
