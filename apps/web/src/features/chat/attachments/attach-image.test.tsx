import { fireEvent, screen, waitFor } from '@testing-library/react';
import { resetMockDb } from '@veza/mocks';
import { createRef } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ana, renderScreen } from '../../../test/render.tsx';
import { AttachImage, refusalOf } from './attach-image.tsx';

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
});
