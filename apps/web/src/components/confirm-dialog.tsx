import { Button, useModalDialog } from '@veza/ui';
import { useId } from 'react';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  pending?: boolean;
  error?: string | null;
}

/** A modal confirmation on the native <dialog>: focus is trapped, Escape cancels, focus returns to the opener. */
export function ConfirmDialog({ open, title, body, confirmLabel, cancelLabel, onConfirm, onCancel, pending, error }: ConfirmDialogProps) {
  const ref = useModalDialog(open);
  const id = useId();

  return (
    <dialog
      ref={ref}
      className="vw-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(event) => {
        event.preventDefault();
        if (!pending) onCancel();
      }}
    >
      {open && (
        <>
          <h2 id={`${id}-title`} className="vw-dialog__title">{title}</h2>
          <p id={`${id}-body`}>{body}</p>
          {error && <p role="alert" className="vw-inline-error">{error}</p>}
          <div className="vw-form-actions vw-form-actions--end">
            <Button type="button" variant="secondary" onClick={onCancel} disabled={pending} autoFocus>
              {cancelLabel}
            </Button>
            <Button type="button" variant="danger" onClick={onConfirm} loading={pending}>
              {confirmLabel}
            </Button>
          </div>
        </>
      )}
    </dialog>
  );
}
