import '../chat/chat.css';
import type { ListeningSessionDto } from '@veza/api';
import { Avatar, Badge, Button, CoverArt, EmptyState, LockIcon, Notice } from '@veza/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { useListenSession } from '../../stores/listen.ts';
import { useSession } from '../../stores/session.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import { ChatRoom } from '../chat/chat-room.tsx';
import { useLiveRoomList } from '../chat/inbox/use-inbox.ts';
import { displayNameOf, profileHref, trackHref } from '../tracks/track-model.ts';
import { listenErrorMessage, sessionUrl } from './listen-model.ts';

/** Mutations that answer with the session put it in the cache, so the screen shows it at once. */
function useSessionMutationOptions() {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  return {
    onSuccess: (next: ListeningSessionDto) => utils.listen.byId.setData({ id: next.id }, next),
    onError: (error: unknown) => pushToast({ id: 'listen-change', title: listenErrorMessage(error, t), tone: 'error' }),
  };
}

/** The shared queue: what plays next, who added it; the host (or whoever added a track) removes it; the host locks it. */
export function SessionQueue({ session }: { session: ListeningSessionDto }) {
  const { t } = useTranslation();
  const me = useSession((s) => s.user?.id);
  const options = useSessionMutationOptions();
  const remove = trpc.listen.queueRemove.useMutation(options);
  const lock = trpc.listen.lockQueue.useMutation(options);
  return (
    <section className="vw-listen-queue" aria-labelledby="listen-queue-heading">
      <div className="vw-listen__section-head">
        <h2 id="listen-queue-heading" className="vw-listen__section-title">{t('listen.queue')}</h2>
        {session.isHost ? (
          <label className="vw-switch">
            <input type="checkbox" role="switch" checked={session.queueLocked} disabled={lock.isPending} onChange={(e) => lock.mutate({ id: session.id, locked: e.currentTarget.checked })} />
            <span>{t('listen.lock')}</span>
          </label>
        ) : (
          session.queueLocked && <Badge tone="warning" icon={<LockIcon />}>{t('listen.locked')}</Badge>
        )}
      </div>
      {session.queue.length === 0 ? (
        <EmptyState titleAs="h3" title={t('listen.queueEmpty')} description={session.queueLocked && !session.isHost ? t('listen.locked') : t('listen.queueHint')} />
      ) : (
        <ol className="vw-listen-queue__list">
          {session.queue.map((entry) => (
            <li key={entry.id} className="vw-listen-queue__item">
              <div className="vw-listen-queue__cover"><CoverArt seed={entry.track.id} src={entry.track.coverUrl} /></div>
              <div className="vw-listen-queue__text">
                <Link to={trackHref(entry.track.id)}>{entry.track.title}</Link>
                <span className="vw-muted">
                  {displayNameOf(entry.track.owner)}
                  {entry.addedBy && ` · ${t('listen.addedBy', { name: displayNameOf(entry.addedBy) })}`}
                </span>
              </div>
              {(session.isHost || (entry.addedBy !== null && entry.addedBy.id === me)) && (
                <Button type="button" size="sm" variant="ghost" aria-label={t('listen.remove', { title: entry.track.title })} disabled={remove.isPending} onClick={() => remove.mutate({ id: session.id, entryId: entry.id })}>
                  ×
                </Button>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Who is in it, the host first marked. */
export function SessionMembers({ session }: { session: ListeningSessionDto }) {
  const { t } = useTranslation();
  return (
    <section className="vw-listen-people" aria-labelledby="listen-people-heading">
      <h2 id="listen-people-heading" className="vw-listen__section-title">
        {t('listen.people')} <span className="vw-muted">({session.members.length})</span>
      </h2>
      <ul className="vw-listen-people__list">
        {session.members.map(({ user, isHost }) => (
          <li key={user.id} className="vw-listen-people__item">
            <Avatar name={displayNameOf(user)} size="sm" decorative />
            <Link to={profileHref(user.username)}>{displayNameOf(user)}</Link>
            {isHost && <Badge tone="accent">{t('listen.host')}</Badge>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The session's chat room, as the chat screen shows a room. */
export function SessionChat({ roomId }: { roomId: string }) {
  const { t } = useTranslation();
  const rooms = useLiveRoomList();
  return (
    <section className="vw-listen-chat" aria-label={t('listen.chat')}>
      <ChatRoom roomId={roomId} room={rooms.data?.find((r) => r.id === roomId)} roomsLoaded={rooms.isSuccess} />
    </section>
  );
}

/** Copy link, Leave, and for the host End (confirmed). */
export function SessionActions({ session }: { session: ListeningSessionDto }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const [ending, setEnding] = useState(false);
  const leave = trpc.listen.leave.useMutation({
    onSuccess: () => {
      useListenSession.getState().exit();
      void utils.listen.byId.invalidate({ id: session.id });
    },
    onError: (error) => pushToast({ id: 'listen-change', title: listenErrorMessage(error, t), tone: 'error' }),
  });
  const end = trpc.listen.end.useMutation({
    onSuccess: (next) => {
      setEnding(false);
      utils.listen.byId.setData({ id: next.id }, next);
    },
  });
  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('No clipboard here.');
      await navigator.clipboard.writeText(sessionUrl(session.id));
      pushToast({ id: 'listen-copied', title: t('listen.copied'), tone: 'success' });
    } catch {
      pushToast({ id: 'listen-copied', title: t('listen.copyFailed'), tone: 'error' });
    }
  };
  return (
    <div className="vw-listen-actions">
      <Button type="button" variant="secondary" size="sm" onClick={() => void copy()}>{t('listen.copyLink')}</Button>
      <Button type="button" variant="secondary" size="sm" loading={leave.isPending} onClick={() => leave.mutate({ id: session.id })}>{t('listen.leave')}</Button>
      {session.isHost && (
        <Button type="button" variant="danger" size="sm" onClick={() => { end.reset(); setEnding(true); }}>{t('listen.end')}</Button>
      )}
      <ConfirmDialog
        open={ending}
        title={t('listen.endTitle')}
        body={t('listen.endBody')}
        confirmLabel={t('listen.end')}
        cancelLabel={t('common.cancel')}
        pending={end.isPending}
        error={end.isError ? listenErrorMessage(end.error, t) : null}
        onConfirm={() => end.mutate({ id: session.id })}
        onCancel={() => setEnding(false)}
      />
    </div>
  );
}

/** The hand-over or the end, as it happened (polite). */
export function SessionNotice({ notice }: { notice: string | null }) {
  return <div role="status" className="vw-listen-notice">{notice && <Notice title={notice} tone="info" />}</div>;
}
