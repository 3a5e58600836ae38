import { Button } from '@veza/ui';
import { ModalDialog } from './modal-dialog.tsx';

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

/** A modal confirmation (ModalDialog): focus is trapped, Escape cancels, focus returns to the opener. */
export function ConfirmDialog({ open, title, body, confirmLabel, cancelLabel, onConfirm, onCancel, pending, error }: ConfirmDialogProps) {
  return (
    <ModalDialog open={open} title={title} onClose={onCancel} busy={pending ?? false} describedBy>
      {({ describedBy }) => (
        <>
          <p id={describedBy}>{body}</p>
          {error && <p role="alert" className="vw-inline-error">{error}</p>}
          <div className="vw-form-actions vw-form-actions--end">
            <Button type="button" variant="secondary" onClick={onCancel} disabled={pending} data-autofocus>
              {cancelLabel}
            </Button>
            <Button type="button" variant="danger" onClick={onConfirm} loading={pending}>
              {confirmLabel}
            </Button>
          </div>
        </>
      )}
    </ModalDialog>
  );
}
