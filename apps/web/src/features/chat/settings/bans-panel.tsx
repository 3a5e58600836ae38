import { Button, LoadingState } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/errors.ts';
import { trpc } from '../../../trpc.ts';

/** The room's bans, each with an Unban button. */
export function BansPanel({ roomId }: { roomId: string }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const bans = trpc.chat.members.bans.useQuery({ roomId });
  const unban = trpc.chat.members.unban.useMutation({ onSuccess: () => void utils.chat.members.bans.invalidate({ roomId }) });
  if (bans.isPending) return <LoadingState label={t('chat2.bans.loading')} />;
  if (bans.isError) return <p role="alert" className="vw-inline-error">{errorMessage(bans.error)}</p>;
  if (bans.data.length === 0) return <p className="vw-muted">{t('chat2.bans.empty')}</p>;
  return (
    <>
      {unban.error && <p role="alert" className="vw-inline-error">{errorMessage(unban.error)}</p>}
      <ul className="vw-settings-list">
        {bans.data.map((b) => (
          <li key={b.user.id} className="vw-settings-row">
            <span className="vw-settings-row__main">
              {b.user.displayName ?? b.user.username} <span className="vw-muted">@{b.user.username}</span>
              <br />
              <span className="vw-muted">
                {t('chat2.bans.when', { date: new Date(b.createdAt).toLocaleDateString() })}
                {b.reason ? ` · ${b.reason}` : ''}
              </span>
            </span>
            <Button
              type="button"
              size="sm"
              variant="secondary"
              loading={unban.isPending && unban.variables?.userId === b.user.id}
              onClick={() => unban.mutate({ roomId, userId: b.user.id })}
              aria-label={t('chat2.bans.unbanName', { name: b.user.username })}
            >
              {t('chat2.bans.unban')}
            </Button>
          </li>
        ))}
      </ul>
    </>
  );
}

