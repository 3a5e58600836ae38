import { useEffect, useRef } from 'react';

/**
 * Keeps a native <dialog> in step with `open`: shown modal (focus trapped, the page behind inert, Escape fires
 * `cancel`) while open, closed otherwise (focus returns to the opener). Engines without showModal only get the
 * open attribute.
 */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);
  return ref;
}
