import { act, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { useModalDialog } from './use-modal-dialog.ts';

/**
 * A dialog whose content mounts with it, as the app's dialogs do: its second button is the one to focus. (In a browser
 * React's autoFocus would do nothing here, the dialog being closed when it fires: call-views.stories.tsx, Incoming,
 * checks that in Chromium.)
 */
function Harness({ mark }: { mark: boolean }) {
  const [open, setOpen] = useState(false);
  const ref = useModalDialog(open);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      <dialog ref={ref} aria-label="Incoming call">
        {open && (
          <>
            <button type="button">Decline</button>
            <button type="button" {...(mark ? { 'data-autofocus': true } : {})}>
              Accept
            </button>
          </>
        )}
      </dialog>
    </>
  );
}

describe('useModalDialog', () => {
  it('focuses the element marked data-autofocus once the dialog is shown', () => {
    render(<Harness mark />);
    act(() => screen.getByRole('button', { name: 'Open' }).click());
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Accept' }));
  });

  it('leaves focus to the browser without a mark', () => {
    render(<Harness mark={false} />);
    act(() => screen.getByRole('button', { name: 'Open' }).click());
    expect(document.activeElement).not.toBe(screen.getByRole('button', { name: 'Accept' }));
  });
});
