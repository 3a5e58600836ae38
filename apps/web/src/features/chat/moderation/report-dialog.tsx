import '../settings/panels.css';
import { Button, useModalDialog } from '@veza/ui';
import { REPORT_NOTE_MAX, REPORT_REASONS, type ReportMessageInput } from '@veza/validators';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/errors.ts';
import { pushToast } from '../../../stores/toasts.ts';
import { trpc } from '../../../trpc.ts';

export interface ReportDialogProps {
  /** The message reported; the dialog is open while it is set. */
  messageId: string | null;
  onClose: () => void;
}

/** "Report": a reason (spam, harassment, hate, other) and an optional note, sent to the moderators. */
export function ReportDialog({ messageId, onClose }: ReportDialogProps) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useModalDialog(messageId !== null);
  const [reason, setReason] = useState<ReportMessageInput['reason'] | null>(null);
  const [note, setNote] = useState('');
  const report = trpc.chat.messages.report.useMutation({
    onSuccess: () => {
      pushToast({ title: t('chat2.report.sent'), tone: 'success' });
      close();
    },
  });
  function close() {
    setReason(null);
    setNote('');
    report.reset();
    onClose();
  }
  return (
    <dialog ref={ref} className="vw-dialog" aria-labelledby={`${id}-title`} onCancel={(e) => { e.preventDefault(); if (!report.isPending) close(); }}>
      {messageId !== null && (
        <form
          className="vw-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!reason) return;
            report.mutate({ messageId, reason, ...(note.trim() ? { note: note.trim() } : {}) });
          }}
        >
          <h2 id={`${id}-title`} className="vw-dialog__title">{t('chat2.report.title')}</h2>
          <fieldset>
            <legend>{t('chat2.report.why')}</legend>
            {REPORT_REASONS.map((r) => (
              <label key={r} className="vw-radio">
                <input type="radio" name={`${id}-reason`} value={r} checked={reason === r} onChange={() => setReason(r)} required /> {t(`chat2.report.reason.${r}`)}
              </label>
            ))}
          </fieldset>
          <label htmlFor={`${id}-note`}>{t('chat2.report.note')}</label>
          <textarea id={`${id}-note`} className="vz-input" rows={3} maxLength={REPORT_NOTE_MAX} value={note} onChange={(e) => setNote(e.target.value)} />
          {report.error && <p role="alert" className="vw-inline-error">{errorMessage(report.error)}</p>}
          <div className="vw-form-actions vw-form-actions--end">
            <Button type="button" variant="secondary" onClick={close} disabled={report.isPending}>{t('chat2.cancel')}</Button>
            <Button type="submit" variant="danger" loading={report.isPending} disabled={!reason}>{t('chat2.report.send')}</Button>
          </div>
        </form>
      )}
    </dialog>
  );
}
