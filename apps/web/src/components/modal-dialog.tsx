import { useModalDialog } from '@veza/ui';
import { useId, type ReactNode } from 'react';

export interface ModalDialogProps {
  open: boolean;
  title: string;
  /** Escape (and the callers' cancel buttons) close it, unless busy. */
  onClose: () => void;
  busy?: boolean;
  className?: string;
  /** Something beside the title (a close button). */
  headExtra?: ReactNode;
  /** Gets the id of the dialog's description element, when it has one. */
  children: ReactNode | ((ids: { describedBy: string }) => ReactNode);
  describedBy?: boolean;
}

/**
 * A modal dialog on the native <dialog>: focus is trapped, Escape cancels (not while busy), focus returns to the
 * opener; its content mounts only while open. ConfirmDialog and the app's form dialogs are built on it.
 */
export function ModalDialog({ open, title, onClose, busy = false, className, headExtra, children, describedBy = false }: ModalDialogProps) {
  const ref = useModalDialog(open);
  const id = useId();
  const titleEl = <h2 id={`${id}-title`} className="vw-dialog__title">{title}</h2>;
  return (
    <dialog
      ref={ref}
      className={className ? `vw-dialog ${className}` : 'vw-dialog'}
      aria-labelledby={`${id}-title`}
      aria-describedby={describedBy ? `${id}-body` : undefined}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      {open && (
        <>
          {headExtra ? (
            <div className="vw-dialog__head">
              {titleEl}
              {headExtra}
            </div>
          ) : (
            titleEl
          )}
          {typeof children === 'function' ? children({ describedBy: `${id}-body` }) : children}
        </>
      )}
    </dialog>
  );
}
