import { Button } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/errors.ts';
import { useSession } from '../../../stores/session.ts';
import { pushToast } from '../../../stores/toasts.ts';
import { trpc } from '../../../trpc.ts';

/** Cancels a pending account deletion (no step-up needed: it only keeps the account). */
export function CancelDeletionButton({ variant = 'secondary' }: { variant?: 'primary' | 'secondary' }) {
  const { t } = useTranslation();
  const cancel = trpc.account.cancelDeletion.useMutation({
    onSuccess: () => {
      useSession.getState().update({ deletionRequestedAt: null, deletionPurgeAt: null });
      pushToast({ title: t('account.deletion.cancelled'), tone: 'success' });
    },
    onError: (error) => pushToast({ title: t('account.deletion.cancelError'), description: errorMessage(error), tone: 'error' }),
  });
  return (
    <Button type="button" size="sm" variant={variant} loading={cancel.isPending} onClick={() => cancel.mutate()}>
      {t('account.deletion.cancel')}
    </Button>
  );
}
