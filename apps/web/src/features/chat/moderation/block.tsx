import { Button, Card, LoadingState } from '@veza/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { errorMessage } from '../../../lib/errors.ts';
import { useSession } from '../../../stores/session.ts';
import { pushToast } from '../../../stores/toasts.ts';
import { trpc } from '../../../trpc.ts';

/** Whether I blocked @username (from my block list), and the block/unblock mutations with their confirmation. */
export function useBlock(username: string) {
  const { t } = useTranslation();
  const signedIn = useSession((s) => s.status === 'signed-in');
  const utils = trpc.useUtils();
  const blocks = trpc.users.blocks.useQuery(undefined, { enabled: signedIn, staleTime: 60_000 });
  const blocked = (blocks.data ?? []).some((b) => b.user.username === username);
  const [confirming, setConfirming] = useState(false);
  const refresh = () => {
    void utils.users.blocks.invalidate();
    void utils.chat.rooms.list.invalidate();
  };
  const block = trpc.users.block.useMutation({
    onSuccess: () => {
      setConfirming(false);
      refresh();
      pushToast({ title: t('chat2.block.done', { username }), tone: 'success' });
    },
  });
  const unblock = trpc.users.unblock.useMutation({
    onSuccess: () => {
      refresh();
      pushToast({ title: t('chat2.block.undone', { username }), tone: 'success' });
    },
    onError: (error) => pushToast({ title: errorMessage(error), tone: 'error' }),
  });
  const dialog = (
    <ConfirmDialog
      open={confirming}
      title={t('chat2.block.title', { username })}
      body={t('chat2.block.body', { username })}
      confirmLabel={t('chat2.block.block')}
      cancelLabel={t('chat2.cancel')}
      pending={block.isPending}
      error={block.error ? errorMessage(block.error) : null}
      onConfirm={() => block.mutate({ username })}
      onCancel={() => {
        block.reset();
        setConfirming(false);
      }}
    />
  );
  return {
    ready: signedIn && blocks.isSuccess,
    blocked,
    /** A menu item for a "…" menu (MenuButton). */
    menuItem: {
      id: blocked ? 'unblock' : 'block',
      label: blocked ? t('chat2.block.unblockName', { username }) : t('chat2.block.blockName', { username }),
      onSelect: () => (blocked ? unblock.mutate({ username }) : setConfirming(true)),
    },
    dialog,
  };
}

/** A Block/Unblock button (DM header), with a confirmation before blocking. */
export function BlockButton({ username }: { username: string }) {
  const { t } = useTranslation();
  const b = useBlock(username);
  if (!b.ready) return null;
  return (
    <>
      <Button type="button" size="sm" variant="ghost" onClick={b.menuItem.onSelect}>
        {b.blocked ? t('chat2.block.unblock') : t('chat2.block.block')}
      </Button>
      {b.dialog}
    </>
  );
}

/** Settings: the people I blocked, each with Unblock. */
export function BlockedList() {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const blocks = trpc.users.blocks.useQuery();
  const unblock = trpc.users.unblock.useMutation({ onSuccess: () => void utils.users.blocks.invalidate() });
  return (
    <Card title={t('chat2.block.listTitle')} description={t('chat2.block.listIntro')}>
      {blocks.isPending ? (
        <LoadingState label={t('chat2.block.loading')} />
      ) : blocks.isError ? (
        <p role="alert" className="vw-inline-error">{errorMessage(blocks.error)}</p>
      ) : blocks.data.length === 0 ? (
        <p className="vw-muted">{t('chat2.block.none')}</p>
      ) : (
        <>
          {unblock.error && <p role="alert" className="vw-inline-error">{errorMessage(unblock.error)}</p>}
          <ul className="vw-settings-list">
            {blocks.data.map((b) => (
              <li key={b.user.id} className="vw-settings-row">
                <span className="vw-settings-row__main">
                  {b.user.displayName ?? b.user.username} <span className="vw-muted">@{b.user.username}</span>
                </span>
                <Button
                  type="button"
                  size="sm"
                  variant="secondary"
                  aria-label={t('chat2.block.unblockName', { username: b.user.username })}
                  loading={unblock.isPending && unblock.variables?.username === b.user.username}
                  onClick={() => unblock.mutate({ username: b.user.username })}
                >
                  {t('chat2.block.unblock')}
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
