import { Button, TextField, useModalDialog } from '@veza/ui';
import { useId, useState, type FormEvent } from 'react';

interface TypeToConfirmDialogProps {
  open: boolean;
  title: string;
  body: string;
  /** What the person must type (compared case-insensitively, trimmed). */
  expected: string;
  inputLabel: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  pending?: boolean;
  error?: string | null;
}

/** A destructive confirmation that is only enabled once the person has typed `expected` (their username). */
export function TypeToConfirmDialog({ open, title, body, expected, inputLabel, confirmLabel, cancelLabel, onConfirm, onCancel, pending, error }: TypeToConfirmDialogProps) {
  const ref = useModalDialog(open);
  const id = useId();
  const [typed, setTyped] = useState('');
  const matches = typed.trim().toLowerCase() === expected.toLowerCase();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (matches && !pending) onConfirm();
  };

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
      onClose={() => setTyped('')}
    >
      {open && (
        <form onSubmit={submit} noValidate>
          <h2 id={`${id}-title`} className="vw-dialog__title">{title}</h2>
          <p id={`${id}-body`}>{body}</p>
          <TextField label={inputLabel} value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" autoCapitalize="none" spellCheck={false} data-autofocus />
          {error && <p role="alert" className="vw-inline-error">{error}</p>}
          <div className="vw-form-actions vw-form-actions--end">
            <Button type="button" variant="secondary" onClick={onCancel} disabled={pending}>{cancelLabel}</Button>
            <Button type="submit" variant="danger" disabled={!matches} loading={pending}>{confirmLabel}</Button>
          </div>
        </form>
      )}
    </dialog>
  );
}
