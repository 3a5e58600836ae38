// The header's small panels (status picker, notification bell): a disclosure button and a panel whose code is
// fetched on hover, focus or open. Escape or a pointer down outside closes the panel; Escape gives focus back to the
// button.
import { useEffect, useRef, type KeyboardEvent } from 'react';

/** A module fetched once, on first need; a failed fetch (offline, a deploy removed the chunk) is retried next time. */
export function onceModule<T>(load: () => Promise<T>): () => Promise<T> {
  let module: Promise<T> | null = null;
  return () =>
    (module ??= load().catch((error: unknown) => {
      module = null;
      throw error;
    }));
}

/** Closing behaviour for an open panel: refs for the root and the button, and the root's key handler. */
export function useDisclosure(open: boolean, close: () => void) {
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const closeRef = useRef(close);
  closeRef.current = close;
  useEffect(() => {
    if (!open) return;
    const onDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) closeRef.current();
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation();
      close();
      buttonRef.current?.focus();
    }
  };
  return { rootRef, buttonRef, onKeyDown };
}
