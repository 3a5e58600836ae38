import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, EmptyState, ErrorState, LoadingState } from '@veza/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { errorMessage } from '../../../lib/errors.ts';
import { usePlayer } from '../../../stores/player.ts';
import { useSession } from '../../../stores/session.ts';
import { pushToast } from '../../../stores/toasts.ts';
import { trpc } from '../../../trpc.ts';
import { SessionCard, sessionName, type SessionDto } from './session-card.tsx';

type Pending = { kind: 'one'; session: SessionDto; name: string } | { kind: 'others' } | { kind: 'all' } | null;

/** `/settings/sessions`: every device signed in to the account; end one, all the others, or all of them. */
export function SessionsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const utils = trpc.useUtils();
  const list = trpc.auth.sessions.list.useQuery(undefined, { staleTime: 0 });
  const [pending, setPending] = useState<Pending>(null);
  const revoke = trpc.auth.sessions.revoke.useMutation();
  const revokeOthers = trpc.auth.sessions.revokeOthers.useMutation();
  const revokeAll = trpc.auth.sessions.revokeAll.useMutation();
  const busy = revoke.isPending || revokeOthers.isPending || revokeAll.isPending;
  const failure = revoke.error ?? revokeOthers.error ?? revokeAll.error;

  const open = (next: Pending) => {
    revoke.reset();
    revokeOthers.reset();
    revokeAll.reset();
    setPending(next);
  };

  const confirm = async () => {
    if (!pending) return;
    try {
      if (pending.kind === 'one') {
        await revoke.mutateAsync({ id: pending.session.id });
        utils.auth.sessions.list.setData(undefined, (old) => old?.filter((s) => s.id !== pending.session.id));
        pushToast({ title: t('sessions.revoked', { name: pending.name }), tone: 'success' });
      } else if (pending.kind === 'others') {
        const { revoked } = await revokeOthers.mutateAsync();
        utils.auth.sessions.list.setData(undefined, (old) => old?.filter((s) => s.current));
        pushToast({ title: t('sessions.revokedOthers', { count: revoked }), tone: 'success' });
      } else {
        await revokeAll.mutateAsync();
        setPending(null);
        // Leave first: signing out while still here would let RequireAuth redirect with ?next=/settings/sessions.
        void navigate('/login', { replace: true });
        useSession.getState().signOut();
        usePlayer.getState().stop();
        queryClient.removeQueries();
        pushToast({ title: t('sessions.revokedAll'), tone: 'success' });
        return;
      }
      setPending(null);
      void utils.auth.sessions.list.invalidate();
    } catch {
      // Shown in the dialog.
    }
  };

  const others = list.data?.filter((s) => !s.current).length ?? 0;

  let body;
  if (list.isPending) body = <LoadingState label={t('sessions.loading')} />;
  else if (list.isError) body = <ErrorState title={t('sessions.errorTitle')} message={errorMessage(list.error)} onRetry={() => void list.refetch()} retryLabel={t('common.retry')} />;
  else if (list.data.length === 0) body = <EmptyState titleAs="p" title={t('sessions.emptyTitle')} />;
  else {
    const sorted = [...list.data].sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt));
    body = (
      <ul className="vw-list" aria-label={t('sessions.listLabel')}>
        {sorted.map((session) => (
          <SessionCard
            key={session.id}
            session={session}
            onRevoke={() => open({ kind: 'one', session, name: sessionName(t, session) })}
          />
        ))}
      </ul>
    );
  }

  const dialog = pending?.kind === 'one'
    ? { title: t('sessions.revokeTitle'), body: t('sessions.revokeBody', { name: pending.name }), confirm: t('sessions.revoke') }
    : pending?.kind === 'others'
      ? { title: t('sessions.othersTitle'), body: t('sessions.othersBody'), confirm: t('sessions.others') }
      : { title: t('sessions.allTitle'), body: t('sessions.allBody'), confirm: t('sessions.all') };

  return (
    <>
      <header className="vw-page-header">
        <PageHeading title={t('sessions.title')} />
        <p className="vw-page-subtitle">{t('sessions.subtitle')}</p>
      </header>
      {body}
      {list.isSuccess && (
        <Card title={t('sessions.everywhereTitle')} description={t('sessions.everywhereDescription')}>
          <div className="vw-form-actions">
            <Button type="button" variant="secondary" disabled={others === 0} onClick={() => open({ kind: 'others' })}>{t('sessions.others')}</Button>
            <Button type="button" variant="danger" onClick={() => open({ kind: 'all' })}>{t('sessions.all')}</Button>
          </div>
          {others === 0 && <p className="vw-muted">{t('sessions.noOthers')}</p>}
        </Card>
      )}
      <ConfirmDialog
        open={pending !== null}
        title={dialog.title}
        body={dialog.body}
        confirmLabel={dialog.confirm}
        cancelLabel={t('common.cancel')}
        pending={busy}
        error={failure ? errorMessage(failure) : null}
        onConfirm={() => void confirm()}
        onCancel={() => setPending(null)}
      />
    </>
  );
}
