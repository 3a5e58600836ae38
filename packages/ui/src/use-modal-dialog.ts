import { useEffect, useRef } from 'react';

/**
 * Keeps a native <dialog> in step with `open`: shown modal (focus trapped, the page behind inert, Escape fires
 * `cancel`) while open, closed otherwise (focus returns to the opener). Engines without showModal only get the
 * open attribute.
 *
 * Focus on opening goes to the element marked `data-autofocus`, else (the browser's choice) the first focusable one.
 * React's `autoFocus` does not do it for content shown with the dialog: it calls focus() as the element mounts,
 * while the dialog is still closed, and renders no `autofocus` attribute for showModal to honour.
 */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);
  return ref;
}
