import { Button, Card } from '@veza/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isStepUpCancelled, useStepUp } from '../../../features/step-up/use-step-up.ts';
import { currentLanguage } from '../../../i18n.ts';
import { errorMessage } from '../../../lib/errors.ts';
import { useSession, type SessionUser } from '../../../stores/session.ts';
import { trpc } from '../../../trpc.ts';
import { formatDate } from '../settings-format.ts';
import { CancelDeletionButton } from './cancel-deletion-button.tsx';
import { TypeToConfirmDialog } from './type-to-confirm-dialog.tsx';

/** "Delete my account": explains the grace period, confirms by typing the username, then shows the pending deletion. */
export function DeletionSection({ me }: { me: SessionUser }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'en';
  const stepUp = useStepUp();
  const [open, setOpen] = useState(false);
  const purgeAt = me.deletionPurgeAt;
  const request = trpc.account.requestDeletion.useMutation();
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setError(null);
    try {
      const { purgeAt: when } = await stepUp.run(() => request.mutateAsync({ language: currentLanguage() }));
      useSession.getState().update({ deletionRequestedAt: new Date().toISOString(), deletionPurgeAt: when });
      setOpen(false);
    } catch (failure) {
      // A cancelled step-up leaves the dialog open with nothing to report.
      setError(isStepUpCancelled(failure) ? null : errorMessage(failure));
    }
  };

  return (
    <Card title={t('account.deletion.title')} className="vw-danger-zone">
      {me.deletionRequestedAt ? (
        <>
          <p>
            {purgeAt
              ? t('account.deletion.pendingDate', { date: formatDate(purgeAt, lng) })
              : t('account.deletion.pending', { date: formatDate(me.deletionRequestedAt, lng) })}
          </p>
          <p className="vw-muted">{t('account.deletion.pendingHelp')}</p>
          <div className="vw-form-actions"><CancelDeletionButton variant="primary" /></div>
        </>
      ) : (
        <>
          <p>{t('account.deletion.explain')}</p>
          <p className="vw-muted">{t('account.deletion.grace')}</p>
          <div className="vw-form-actions">
            <Button type="button" variant="danger" onClick={() => { setError(null); setOpen(true); }}>
              {t('account.deletion.start')}
            </Button>
          </div>
        </>
      )}
      <TypeToConfirmDialog
        open={open}
        title={t('account.deletion.dialogTitle')}
        body={t('account.deletion.dialogBody', { username: me.username })}
        expected={me.username}
        inputLabel={t('account.deletion.typeUsername', { username: me.username })}
        confirmLabel={t('account.deletion.confirm')}
        cancelLabel={t('common.cancel')}
        pending={request.isPending}
        error={error}
        onConfirm={() => void confirm()}
        onCancel={() => setOpen(false)}
      />
    </Card>
  );
}
