import { Button, ErrorState, LoadingState } from '@veza/ui';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { CallButton } from '../calls/call-button.tsx';
import { errorMessage, isNotFound } from '../../lib/errors.ts';
import { useSession } from '../../stores/session.ts';
import { trpc } from '../../trpc.ts';
import { nameOf, useChat, type MessageDto, type RoomDto, type Timeline } from './chat-store.ts';
import { Composer } from './composer.tsx';
import { MemberPanel } from './member-panel.tsx';
import { JumpStatus } from './jump-status.tsx';
import { MessageList } from './message-list.tsx';
import { jumpSearch } from './reply-quote.tsx';
import { AttachImage } from './attachments/attach-image.tsx';
import { BlockButton } from './moderation/block.tsx';
import { ReportDialog } from './moderation/report-dialog.tsx';
import { RoomSettingsDialog } from './settings/room-settings.tsx';
import { PresenceDot } from '../presence/presence-dot.tsx';
import { usePresence } from '../presence/use-presence.ts';
import { RoomIcon } from './room-icon.tsx';
import { roomTitle } from './room-sidebar.tsx';
import { useJump, useMarkRead, useRoomTimeline, useSendMessage, useTimeline } from './use-room.ts';

/** How often, at most, we say we are typing. */
const TYPING_EVERY_MS = 3000;

/** Milliseconds until `at` (a little after, at least 50). */
const msUntil = (at: number) => Math.max(50, at - Date.now() + 10);

/** "Ana is typing…", "Ana and Marc are typing…", "Several people are typing…". Lines run out at their `expiresAt`. */
export function TypingLine({ roomId, timeline, meId }: { roomId: string; timeline: Timeline; meId: string | null }) {
  const { t } = useTranslation();
  const typists = Object.values(timeline.typing).filter((x) => x.user.id !== meId);
  const next = typists.reduce((soonest, x) => Math.min(soonest, x.expiresAt), Number.POSITIVE_INFINITY);
  useEffect(() => {
    if (!Number.isFinite(next)) return;
    const timer = setTimeout(() => useChat.getState().expireTyping(roomId), msUntil(next));
    return () => clearTimeout(timer);
  }, [next, roomId]);
  const names = typists.map((x) => nameOf(x.user, x.user.username));
  const text =
    names.length === 0 ? '' : names.length === 1 ? t('chat.typing.one', { name: names[0] }) : names.length === 2 ? t('chat.typing.two', { a: names[0], b: names[1] }) : t('chat.typing.many');
  return (
    <p className="vw-chat-typing" aria-live="polite">
      {text}
    </p>
  );
}

export interface ChatRoomProps {
  roomId: string;
  /** The room as my room list has it; undefined when I am not a member (a public room I opened by its link). */
  room: RoomDto | undefined;
  roomsLoaded: boolean;
}

/** One conversation: header, live message list, typing line, composer, and the member panel. */
export function ChatRoom({ roomId, room, roomsLoaded }: ChatRoomProps) {
  const { t } = useTranslation();
  const me = useSession((s) => s.user);
  const utils = trpc.useUtils();
  const timeline = useTimeline(roomId);
  const { latest, loadOlder, loadingOlder, loadNewer, loadingNewer, olderError, liveError } = useRoomTimeline(roomId);
  // Jump to a message: `?m=<seq>` (a permalink, a search result, a reply's quote); each navigation jumps again.
  const { jump, jumpTo, jumpToLatest, returning, dismiss: dismissJump } = useJump(roomId);
  const [params] = useSearchParams();
  const { key: locationKey } = useLocation();
  const m = params.get('m');
  const jumpSeq = m !== null && /^\d{1,15}$/.test(m) ? Number(m) : null;
  useEffect(() => {
    if (jumpSeq !== null) void jumpTo(jumpSeq);
  }, [jumpSeq, locationKey, jumpTo]);
  const jumpTarget = useMemo(() => (jump?.status === 'ready' ? { seq: jump.seq, nonce: jump.nonce } : null), [jump]);
  const onCopyLink = useCallback(
    async (message: MessageDto) => {
      if (!navigator.clipboard) throw new Error('No clipboard here.');
      await navigator.clipboard.writeText(new URL(`/chat/${roomId}${jumpSearch(message.seq)}`, window.location.origin).href);
    },
    [roomId],
  );
  const { send, retry } = useSendMessage(roomId);
  const markRead = useMarkRead(roomId);
  const { confirmSent, removePending, setReactions } = useChat.getState();
  const blocks = trpc.users.blocks.useQuery(undefined, { staleTime: 60_000 });
  const blockedIds = useMemo(() => new Set((blocks.data ?? []).map((b) => b.user.id)), [blocks.data]);
  const isBlocked = useCallback((userId: string) => blockedIds.has(userId), [blockedIds]);
  const [reactionError, setReactionError] = useState<string | null>(null);
  const onReact = async (message: MessageDto, emoji: string, add: boolean) => {
    setReactionError(null);
    try {
      const input = { messageId: message.id, emoji };
      const result = add ? await utils.client.chat.reactions.add.mutate(input) : await utils.client.chat.reactions.remove.mutate(input);
      setReactions(roomId, result.messageId, result.reactions);
    } catch (error) {
      setReactionError(errorMessage(error));
    }
  };

  const [replyTo, setReplyTo] = useState<MessageDto | null>(null);
  const [editing, setEditing] = useState<MessageDto | null>(null);
  const [deleting, setDeleting] = useState<MessageDto | null>(null);
  const [showMembers, setShowMembers] = useState(false);
  const [showSettings, setShowSettings] = useState(false);
  const conversationRef = useRef<HTMLDivElement>(null);
  const [reporting, setReporting] = useState<string | null>(null);
  // The divider sits where the unread messages started when the room was opened (decided once, from my room list).
  const [unread, setUnread] = useState<{ decided: boolean; after: number | null }>({ decided: false, after: null });
  if (room && !unread.decided) setUnread({ decided: true, after: room.unreadCount > 0 ? room.lastReadSeq : null });
  const unreadAfter = unread.after;

  const members = trpc.chat.members.list.useQuery({ roomId, limit: 100 }, { staleTime: 60_000 });
  const memberUsers = useMemo(() => (members.data?.items ?? []).map((m) => m.user).filter((u) => u.id !== me?.id), [members.data, me?.id]);
  const memberNames = useMemo(() => new Set((members.data?.items ?? []).map((m) => m.user.username)), [members.data]);
  const isMember = useCallback((username: string) => memberNames.size === 0 || memberNames.has(username), [memberNames]);
  const presenceIds = room?.kind === 'dm' && room.peer ? [room.peer.id] : showMembers ? (members.data?.items ?? []).map((m) => m.user.id) : [];
  const presence = usePresence(presenceIds);

  const remove = trpc.chat.messages.delete.useMutation({
    onSuccess: (message) => {
      confirmSent(roomId, message);
      setDeleting(null);
    },
  });
  const join = trpc.chat.rooms.join.useMutation({ onSuccess: () => utils.chat.rooms.list.invalidate() });
  // Tell the room we are typing at most every 3 s (the server shows it for 6 s); a refusal only means no line.
  const typing = trpc.chat.typing.useMutation();
  const lastTyping = useRef(0);
  const onTyping = () => {
    const now = Date.now();
    if (now - lastTyping.current < TYPING_EVERY_MS) return;
    lastTyping.current = now;
    typing.mutate({ roomId }, { onError: () => undefined });
  };

  const editLast = () => {
    const mine = [...timeline.seqs].reverse().map((s) => timeline.bySeq[s]!).find((m) => m.author?.id === me?.id && !m.deletedAt);
    if (mine) setEditing(mine);
  };
  const saveEdit = async (message: MessageDto, body: string) => {
    try {
      confirmSent(roomId, await utils.client.chat.messages.edit.mutate({ messageId: message.id, body }));
    } catch (error) {
      throw new Error(errorMessage(error), { cause: error });
    }
  };

  const title = room ? roomTitle(room, t('chat.room.unnamed')) : t('chat.room.publicRoom');
  const canModerate = room?.role === 'owner' || room?.role === 'moderator';
  // The server sends mutedUntil only while the mute lasts.
  const muted = room?.mutedUntil ? t('chat.composer.mutedUntil', { time: new Date(room.mutedUntil).toLocaleString() }) : null;
  const membersPanelId = `members-${roomId}`;

  let body;
  if (latest.isPending) body = <LoadingState label={t('chat.room.loading')} />;
  else if (latest.isError)
    body = isNotFound(latest.error) ? (
      <ErrorState title={t('chat.room.notFound')} message={t('chat.room.notFoundBody')} />
    ) : (
      <ErrorState title={t('chat.room.loadError')} message={errorMessage(latest.error)} onRetry={() => void latest.refetch()} retryLabel={t('chat.room.retry')} />
    );
  else
    body = (
      <MessageList
        label={t('chat.list.label', { room: title })}
        timeline={timeline}
        meId={me?.id ?? null}
        meUsername={me?.username ?? null}
        canModerate={canModerate}
        unreadAfterSeq={unreadAfter}
        loadOlder={() => void loadOlder()}
        loadingOlder={loadingOlder}
        loadNewer={() => void loadNewer()}
        loadingNewer={loadingNewer}
        jumpTarget={jumpTarget}
        onJumpToLatest={() => void jumpToLatest()}
        onCopyLink={onCopyLink}
        onSeenLatest={room ? markRead : () => undefined}
        isMember={isMember}
        isBlocked={isBlocked}
        {...(room ? { onReact: (m: MessageDto, emoji: string, add: boolean) => void onReact(m, emoji, add) } : {})}
        onReply={(m) => {
          setEditing(null);
          setReplyTo(m);
        }}
        onEdit={(m) => setEditing(m)}
        onDelete={(m) => setDeleting(m)}
        onReport={(m) => setReporting(m.id)}
        onRetry={(p) => void retry(p.clientMessageId)}
        onDiscard={(p) => removePending(roomId, p.clientMessageId)}
      />
    );

  return (
    <section className={`vw-chat-room${showMembers ? ' vw-chat-room--members' : ''}`} aria-label={title}>
      <header className="vw-chat-room__head">
        <Link to="/chat" className="vw-chat-room__back" aria-label={t('chat.room.back')}>
          <span aria-hidden="true">←</span>
        </Link>
        {room && room.kind !== 'dm' && <RoomIcon name={title} iconUrl={room.iconUrl} size="md" />}
        <div className="vw-chat-room__title">
          <h2>
            {room?.kind === 'dm' && room.peer && <PresenceDot status={presence.get(room.peer.id)?.status} />} {title}
          </h2>
          {room?.kind === 'dm' && room.peer ? (
            <p className="vw-muted">
              @{room.peer.username} · {t(`presence.status.${presence.get(room.peer.id)?.status ?? 'offline'}`)}
            </p>
          ) : (
            room?.topic && <p className="vw-muted">{room.topic}</p>
          )}
        </div>
        {room?.kind !== 'dm' && (
          <Button type="button" size="sm" variant="ghost" aria-expanded={showMembers} aria-controls={membersPanelId} onClick={() => setShowMembers((s) => !s)}>
            {t('chat.room.members')}
          </Button>
        )}
        {room && room.kind !== 'dm' && (
          <Button type="button" size="sm" variant="ghost" aria-haspopup="dialog" onClick={() => setShowSettings(true)}>
            {t('chat2.openSettings')}
          </Button>
        )}
        {room?.kind === 'dm' && room.peer && <BlockButton username={room.peer.username} />}
        {room?.kind === 'dm' && room.peer && <CallButton roomId={room.id} peer={room.peer} />}
      </header>
      <div className="vw-chat-room__body">
        <div className="vw-chat-room__conversation" ref={conversationRef}>
          {liveError ? <p className="vw-inline-error" role="alert">{errorMessage(liveError)}</p> : null}
          {olderError ? <p className="vw-inline-error" role="alert">{errorMessage(olderError)}</p> : null}
          {reactionError ? <p className="vw-inline-error" role="alert">{reactionError}</p> : null}
          {!latest.isError && (
            <JumpStatus jump={jump} returning={returning} onRetry={() => void (jump && jump.seq > 0 ? jumpTo(jump.seq) : jumpToLatest())} onDismiss={dismissJump} />
          )}
          {body}
          <TypingLine roomId={roomId} timeline={timeline} meId={me?.id ?? null} />
          {room ? (
            <Composer
              label={t('chat.composer.label', { room: title })}
              onSend={(text) => {
                // Writing from a window jumped back into history: back to the live end, where the message goes.
                if (timeline.hasNewer) void jumpToLatest();
                send(text, replyTo);
                setReplyTo(null);
              }}
              onSaveEdit={saveEdit}
              editing={editing}
              onEditLast={editLast}
              onCancelEdit={() => setEditing(null)}
              replyTo={replyTo}
              onCancelReply={() => setReplyTo(null)}
              members={memberUsers}
              onTyping={onTyping}
              disabledReason={muted}
              slowModeSeconds={canModerate ? 0 : room.slowModeSeconds}
            />
          ) : null}
          {room ? (
            <AttachImage roomId={roomId} dropTarget={conversationRef} onSent={(m) => confirmSent(roomId, m)} disabled={muted !== null} />
          ) : (
            roomsLoaded &&
            latest.isSuccess && (
              <div className="vw-chat-join">
                <p>{t('chat.room.notMember')}</p>
                {join.error && <p className="vw-inline-error" role="alert">{errorMessage(join.error)}</p>}
                <Button onClick={() => join.mutate({ roomId })} loading={join.isPending}>{t('chat.room.join')}</Button>
              </div>
            )
          )}
        </div>
        {showMembers && members.data && <MemberPanel id={membersPanelId} members={members.data.items} total={members.data.total} presence={presence} />}
      </div>
      {room && room.kind !== 'dm' && <RoomSettingsDialog room={room} open={showSettings} onClose={() => setShowSettings(false)} />}
      <ReportDialog messageId={reporting} onClose={() => setReporting(null)} />
      <ConfirmDialog
        open={deleting !== null}
        title={t('chat.delete.title')}
        body={t('chat.delete.body')}
        confirmLabel={t('chat.delete.confirm')}
        cancelLabel={t('chat.dialog.cancel')}
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => deleting && remove.mutate({ messageId: deleting.id })}
        onCancel={() => {
          remove.reset();
          setDeleting(null);
        }}
      />
    </section>
  );
}
