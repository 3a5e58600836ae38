import { fireEvent, screen, waitFor } from '@testing-library/react';
import { resetMockDb } from '@veza/mocks';
import { server } from '@veza/mocks/node';
import i18next from 'i18next';
import { http, HttpResponse } from 'msw';
import { createRef } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ana, renderScreen } from '../../../test/render.tsx';
import { AttachImage, refusalOf, uploadFailure, UploadRefusedError } from './attach-image.tsx';

beforeEach(() => resetMockDb({ signedInAs: 'ana' }));

describe('refusalOf', () => {
  it('accepts JPEG/PNG/WebP/GIF up to 10 MB only', () => {
    expect(refusalOf(new File(['x'], 'a.png', { type: 'image/png' }))).toBeNull();
    expect(refusalOf(new File(['x'], 'a.svg', { type: 'image/svg+xml' }))).toBe('type');
    const big = new File(['x'], 'big.jpg', { type: 'image/jpeg' });
    Object.defineProperty(big, 'size', { value: 10 * 1024 * 1024 + 1 });
    expect(refusalOf(big)).toBe('size');
  });
});

describe('AttachImage', () => {
  it('refuses a dropped non-image inline without uploading', async () => {
    const open = vi.spyOn(XMLHttpRequest.prototype, 'open');
    const target = createRef<HTMLDivElement>();
    renderScreen(
      <div ref={target}>
        <AttachImage roomId="c0000000-0000-4000-8000-000000000001" dropTarget={target} onSent={() => undefined} />
      </div>,
      { session: ana },
    );
    const file = new File(['%PDF'], 'doc.pdf', { type: 'application/pdf' });
    await waitFor(() => expect(target.current).not.toBeNull());
    fireEvent.drop(target.current!, { dataTransfer: { types: ['Files'], files: [file] } });
    expect((await screen.findByRole('alert')).textContent).toBe('Choose a JPEG, PNG, WebP or GIF image.');
    expect(open).not.toHaveBeenCalled();
    open.mockRestore();
  });

  it('says how long to wait when the server refuses an image as too fast (429 with Retry-After), and sends nothing', async () => {
    let sends = 0;
    server.use(
      http.post('*/api/chat/attachments', () =>
        HttpResponse.json({ error: { code: 'TOO_MANY_REQUESTS', message: 'You are sharing images too fast. Please wait 3 seconds.' } }, { status: 429, headers: { 'retry-after': '3' } }),
      ),
      http.post('*/trpc/chat.messages.send', () => {
        sends += 1;
        return HttpResponse.json({});
      }),
    );
    const target = createRef<HTMLDivElement>();
    renderScreen(
      <div ref={target}>
        <AttachImage roomId="c0000000-0000-4000-8000-000000000001" dropTarget={target} onSent={() => undefined} />
      </div>,
      { session: ana },
    );
    await waitFor(() => expect(target.current).not.toBeNull());
    const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'a.png', { type: 'image/png' });
    fireEvent.drop(target.current!, { dataTransfer: { types: ['Files'], files: [png] } });
    expect((await screen.findByRole('alert')).textContent).toBe('You are sharing images too fast. Please wait 3 seconds.');
    expect(sends).toBe(0);
  });
});

describe('uploadFailure', () => {
  it('words a refusal in the app language: the wait, too large, not an image; other failures as errorMessage does', async () => {
    await i18next.changeLanguage('fr');
    try {
      const t = i18next.t.bind(i18next);
      expect(uploadFailure(new UploadRefusedError(429, 'TOO_MANY_REQUESTS', 'too fast', 1), t)).toBe('Vous partagez des images trop vite. Patientez 1 seconde.');
      expect(uploadFailure(new UploadRefusedError(429, 'TOO_MANY_REQUESTS', 'too fast', 4), t)).toBe('Vous partagez des images trop vite. Patientez 4 secondes.');
      expect(uploadFailure(new UploadRefusedError(413, 'PAYLOAD_TOO_LARGE', 'Images must be at most 10 MB.', null), t)).toBe("L'image dépasse 10 Mo.");
      expect(uploadFailure(new UploadRefusedError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Images must be JPEG, PNG, WebP or GIF files.', null), t)).toBe('Choisissez une image JPEG, PNG, WebP ou GIF.');
    } finally {
      await i18next.changeLanguage('en');
    }
  });
});
