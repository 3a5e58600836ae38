import { useVirtualizer } from '@tanstack/react-virtual';
import { Avatar, Button } from '@veza/ui';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { nameOf, type MessageDto, type PendingMessage, type Timeline } from './chat-store.ts';
import { renderMarkdown } from './markdown.tsx';
import { CallSummary } from '../calls/call-summary.tsx';

/** Consecutive messages of one author within this many ms are grouped under one name. */
export const GROUP_WINDOW_MS = 5 * 60_000;
/** Near the top by this many pixels: read older history. */
const LOAD_OLDER_PX = 400;
/** Within this many pixels of the bottom counts as "at the latest message". */
const AT_BOTTOM_PX = 48;

export type Row =
  | { kind: 'older'; key: string }
  | { kind: 'day'; key: string; date: string }
  | { kind: 'unread'; key: string }
  | { kind: 'message'; key: string; message: MessageDto; grouped: boolean }
  | { kind: 'pending'; key: string; pending: PendingMessage };

const dayOf = (iso: string) => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
};

/**
 * The rows the list shows, oldest first: day separators, the "new messages" divider before the first message after
 * `unreadAfterSeq`, messages (grouped when the same author writes again within five minutes), then our messages on
 * their way.
 */
export function buildRows(timeline: Timeline, unreadAfterSeq: number | null, meId: string | null): Row[] {
  const rows: Row[] = [];
  if (timeline.hasOlder) rows.push({ kind: 'older', key: 'older' });
  let prev: MessageDto | null = null;
  let dividerShown = false;
  for (const seq of timeline.seqs) {
    const message = timeline.bySeq[seq]!;
    const day = dayOf(message.createdAt);
    const newDay = !prev || dayOf(prev.createdAt) !== day;
    if (newDay) rows.push({ kind: 'day', key: `d${day}`, date: message.createdAt });
    const unread = !dividerShown && unreadAfterSeq !== null && seq > unreadAfterSeq && message.author?.id !== meId;
    if (unread) {
      rows.push({ kind: 'unread', key: 'unread' });
      dividerShown = true;
    }
    const grouped =
      !newDay &&
      !unread &&
      prev !== null &&
      !message.replyTo &&
      !prev.deletedAt &&
      prev.author?.id != null &&
      prev.author.id === message.author?.id &&
      Date.parse(message.createdAt) - Date.parse(prev.createdAt) < GROUP_WINDOW_MS;
    rows.push({ kind: 'message', key: `m${seq}`, message, grouped });
    prev = message;
  }
  for (const pending of timeline.pending) rows.push({ kind: 'pending', key: `p${pending.clientMessageId}`, pending });
  return rows;
}

export interface MessageActions {
  onReply: (message: MessageDto) => void;
  onEdit: (message: MessageDto) => void;
  onDelete: (message: MessageDto) => void;
  onRetry: (pending: PendingMessage) => void;
  onDiscard: (pending: PendingMessage) => void;
  /** Whether a user is someone I blocked (their live messages are hidden too). */
  isBlocked?: (userId: string) => boolean;
  /** Adds (`add`) or takes back my reaction; absent: no reactions here. */
  onReact?: (message: MessageDto, emoji: string, add: boolean) => void;
  /** Reports someone else's message to the moderators; absent: no Report action. */
  onReport?: (message: MessageDto) => void;
}

export interface MessageListProps extends MessageActions {
  timeline: Timeline;
  meId: string | null;
  meUsername?: string | null;
  /** Owner or moderator: may delete others' messages. */
  canModerate: boolean;
  /** Messages after this seq were unread when the room opened (null: no divider). */
  unreadAfterSeq: number | null;
  loadOlder: () => void;
  loadingOlder: boolean;
  /** The newest message is on screen (and the tab visible): mark it read. */
  onSeenLatest: (seq: number) => void;
  /** Usernames that are members here (mentions of them are highlighted). */
  isMember?: (username: string) => boolean;
  /** A row's size before it is measured (tests set a fixed one). */
  estimateSize?: number;
  label: string;
}

function useDateFormats() {
  const { t, i18n } = useTranslation();
  return useMemo(() => {
    const time = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' });
    const full = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full', timeStyle: 'short' });
    const day = new Intl.DateTimeFormat(i18n.language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
    const dayLabel = (iso: string) => {
      const d = new Date(iso);
      const today = new Date();
      const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
      if (dayOf(iso) === dayOf(today.toISOString())) return t('chat.list.today');
      if (dayOf(iso) === dayOf(yesterday.toISOString())) return t('chat.list.yesterday');
      return day.format(d);
    };
    return { time: (iso: string) => time.format(new Date(iso)), full: (iso: string) => full.format(new Date(iso)), dayLabel };
  }, [i18n.language, t]);
}

/**
 * The conversation: a virtualised list (only the rows near the viewport are in the DOM, each measured once shown,
 * so 10,000 messages scroll like 50). Opens at the "new messages" divider or at the end, stays at the end while
 * new messages arrive if it was there, keeps its place when older history is prepended, and offers a jump back to
 * the latest message.
 */
export function MessageList(props: MessageListProps) {
  const { timeline, meId, unreadAfterSeq, loadOlder, loadingOlder, onSeenLatest, estimateSize = 64, label } = props;
  const { t } = useTranslation();
  const rows = useMemo(() => buildRows(timeline, unreadAfterSeq, meId), [timeline, unreadAfterSeq, meId]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [atBottom, setAtBottom] = useState(true);
  const atBottomRef = useRef(true);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimateSize,
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: 6,
    initialRect: { width: 800, height: 600 },
  });

  const lastSeq = timeline.seqs.at(-1) ?? 0;
  const lastKey = rows.at(-1)?.key;
  const firstMessageKey = rows.find((r) => r.kind === 'message')?.key;

  // Opening: at the unread divider if there is one, else at the end.
  const opened = useRef(false);
  useLayoutEffect(() => {
    if (opened.current || rows.length === 0 || !timeline.loaded) return;
    opened.current = true;
    const divider = rows.findIndex((r) => r.kind === 'unread');
    if (divider > 0) virtualizer.scrollToIndex(divider, { align: 'start' });
    else virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
  }, [rows, timeline.loaded, virtualizer]);

  // New rows at the end: follow them if we were at the end (or they are ours).
  const prevLastKey = useRef(lastKey);
  useLayoutEffect(() => {
    if (prevLastKey.current === lastKey) return;
    prevLastKey.current = lastKey;
    const mine = rows.at(-1)?.kind === 'pending';
    if (opened.current && (atBottomRef.current || mine)) virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
  }, [lastKey, rows, virtualizer]);

  // Older history prepended: keep the rows on screen where they were.
  const prevFirst = useRef<{ key: string | undefined; total: number }>({ key: firstMessageKey, total: 0 });
  useLayoutEffect(() => {
    const total = virtualizer.getTotalSize();
    const before = prevFirst.current;
    prevFirst.current = { key: firstMessageKey, total };
    if (!before.key || before.key === firstMessageKey) return;
    const el = scrollRef.current;
    if (el && total > before.total) el.scrollTop += total - before.total;
  }, [firstMessageKey, virtualizer]);

  const checkPosition = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const bottom = el.scrollHeight - el.scrollTop - el.clientHeight <= AT_BOTTOM_PX;
    atBottomRef.current = bottom;
    setAtBottom(bottom);
    if (el.scrollTop < LOAD_OLDER_PX && timeline.hasOlder && !loadingOlder && opened.current) loadOlder();
  }, [timeline.hasOlder, loadingOlder, loadOlder]);

  // Read when the newest message is on screen and the tab is visible.
  useEffect(() => {
    const mark = () => {
      if (atBottomRef.current && lastSeq > 0 && document.visibilityState === 'visible') onSeenLatest(lastSeq);
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [atBottom, lastSeq, onSeenLatest]);

  const formats = useDateFormats();
  const items = virtualizer.getVirtualItems();

  const jumpToLatest = () => {
    virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
    atBottomRef.current = true;
    setAtBottom(true);
  };

  return (
    <div className="vw-chat-list">
      <div ref={scrollRef} className="vw-chat-list__scroll" onScroll={checkPosition} role="log" aria-label={label} aria-live="polite" aria-relevant="additions" tabIndex={0}>
        <div className="vw-chat-list__inner" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rows[item.index]!;
            return (
              <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="vw-chat-row" style={{ transform: `translateY(${item.start}px)` }}>
                <RowView row={row} props={props} formats={formats} loadingOlder={loadingOlder} />
              </div>
            );
          })}
        </div>
      </div>
      {!atBottom && rows.length > 0 && (
        <Button type="button" size="sm" className="vw-chat-list__jump" onClick={jumpToLatest}>
          {t('chat.list.jumpToLatest')}
        </Button>
      )}
      {rows.length === 0 && timeline.loaded && <p className="vw-chat-list__empty">{t('chat.list.empty')}</p>}
    </div>
  );
}

type Formats = ReturnType<typeof useDateFormats>;

function RowView({ row, props, formats, loadingOlder }: { row: Row; props: MessageListProps; formats: Formats; loadingOlder: boolean }) {
  const { t } = useTranslation();
  switch (row.kind) {
    case 'older':
      return (
        <div className="vw-chat-older">
          {loadingOlder ? t('chat.list.loadingOlder') : (
            <Button type="button" variant="ghost" size="sm" onClick={props.loadOlder}>{t('chat.list.loadOlder')}</Button>
          )}
        </div>
      );
    case 'day':
      return (
        <div className="vw-chat-day" role="separator">
          <span>{formats.dayLabel(row.date)}</span>
        </div>
      );
    case 'unread':
      return (
        <div className="vw-chat-unread" role="separator">
          <span>{t('chat.list.newMessages')}</span>
        </div>
      );
    case 'message':
      return <MessageRow message={row.message} grouped={row.grouped} props={props} formats={formats} />;
    case 'pending':
      return <PendingRow pending={row.pending} props={props} />;
  }
}

const MessageRow = memo(function MessageRow({ message, grouped, props, formats }: { message: MessageDto; grouped: boolean; props: MessageListProps; formats: Formats }) {
  const { t } = useTranslation();
  const name = nameOf(message.author, t('chat.message.deletedAccount'));
  const mine = message.author?.id === props.meId && props.meId !== null;
  const deleted = message.deletedAt !== null;
  // From someone I blocked: the server emptied it (history); live copies are the same for everyone, so the
  // room hides them here as well when it knows (isBlocked).
  const hidden = message.hidden === 'blocked' || (message.author !== null && (props.isBlocked?.(message.author.id) ?? false));
  const [picking, setPicking] = useState(false);
  const body = useMemo(
    () => (deleted ? null : renderMarkdown(message.body, { ...(props.isMember ? { isMember: props.isMember } : {}), me: props.meUsername ?? null })),
    [message.body, deleted, props.isMember, props.meUsername],
  );
  return (
    <article className={`vw-msg${grouped ? ' vw-msg--grouped' : ''}${mine ? ' vw-msg--mine' : ''}`} aria-label={t('chat.message.label', { name, time: formats.full(message.createdAt) })}>
      <div className="vw-msg__gutter">
        {grouped ? (
          <time className="vw-msg__hover-time" dateTime={message.createdAt}>{formats.time(message.createdAt)}</time>
        ) : (
          <Avatar name={name} size="sm" decorative />
        )}
      </div>
      <div className="vw-msg__main">
        {message.replyTo && <ReplyQuote preview={message.replyTo} />}
        {!grouped && (
          <header className="vw-msg__head">
            <span className="vw-msg__author">{name}</span>
            <time className="vw-msg__time" dateTime={message.createdAt} title={formats.full(message.createdAt)}>{formats.time(message.createdAt)}</time>
          </header>
        )}
        {deleted ? (
          <p className="vw-msg__body vw-msg__body--deleted">{t('chat.message.deleted')}</p>
        ) : hidden ? (
          <p className="vw-msg__body vw-msg__body--deleted">{t('chat.message.blocked')}</p>
        ) : message.kind === 'call' ? (
          <div className="vw-msg__body">
            <CallSummary message={message} />
          </div>
        ) : (
          <div className="vw-msg__body">
            {body}
            {message.editedAt && <span className="vw-msg__edited" title={formats.full(message.editedAt)}> {t('chat.message.edited')}</span>}
          </div>
        )}
        {!deleted && !hidden && <Extras message={message} props={props} picking={picking} onClosePicker={() => setPicking(false)} />}
      </div>
      {!deleted && (
        <div className="vw-msg__actions" role="group" aria-label={t('chat.message.actions', { name })}>
          {props.onReact && !hidden && (
            <button type="button" className="vw-msg__action" aria-expanded={picking} onClick={() => setPicking((p) => !p)}>{t('chat.message.react')}</button>
          )}
          <button type="button" className="vw-msg__action" onClick={() => props.onReply(message)}>{t('chat.message.reply')}</button>
          {mine && message.kind !== 'call' && <button type="button" className="vw-msg__action" onClick={() => props.onEdit(message)}>{t('chat.message.edit')}</button>}
          {(mine || props.canModerate) && (
            <button type="button" className="vw-msg__action vw-msg__action--danger" onClick={() => props.onDelete(message)}>{t('chat.message.delete')}</button>
          )}
          {!mine && props.onReport && message.kind !== 'call' && (
            <button type="button" className="vw-msg__action" onClick={() => props.onReport?.(message)}>{t('chat2.report.action')}</button>
          )}
        </div>
      )}
    </article>
  );
});

/** Reactions offered in one click (any emoji can come from the composer's grid… or another client). */
export const QUICK_REACTIONS = ['👍', '❤️', '🔥', '😂', '🎉', '👀'];

/** Images and track cards, then the reactions (each a toggle), then a quick-pick to add one. */
function Extras({ message, props, picking, onClosePicker }: { message: MessageDto; props: MessageListProps; picking: boolean; onClosePicker: () => void }) {
  const { t } = useTranslation();
  const { attachments, reactions } = message;
  return (
    <>
      {attachments.length > 0 && (
        <div className="vw-msg__attachments">
          {attachments.map((a) =>
            a.kind === 'image' ? (
              <a key={a.id} href={a.url} target="_blank" rel="noopener noreferrer" className="vw-msg__image">
                <img src={a.url} width={a.width} height={a.height} loading="lazy" alt={t('chat.message.image')} />
              </a>
            ) : a.unavailable ? (
              <p key={a.id} className="vw-track-card vw-track-card--gone">{t('chat.message.trackUnavailable')}</p>
            ) : (
              <Link key={a.id} to={`/tracks/${a.track.id}`} className="vw-track-card">
                <strong>{a.track.title}</strong>
                <span className="vw-muted">{a.track.artistTag ?? nameOf(a.track.owner, a.track.owner.username)}</span>
              </Link>
            ),
          )}
        </div>
      )}
      {(reactions.length > 0 || picking) && (
        <ul className="vw-msg__reactions" aria-label={t('chat.message.reactions')}>
          {reactions.map((r) => (
            <li key={r.emoji}>
              <button
                type="button"
                className={r.mine ? 'vw-reaction vw-reaction--mine' : 'vw-reaction'}
                aria-pressed={r.mine}
                aria-label={t('chat.message.reaction', { emoji: r.emoji, count: r.count })}
                onClick={() => props.onReact?.(message, r.emoji, !r.mine)}
              >
                <span aria-hidden="true">{r.emoji} {r.count}</span>
              </button>
            </li>
          ))}
          {picking &&
            QUICK_REACTIONS.filter((emoji) => !reactions.some((r) => r.emoji === emoji && r.mine)).map((emoji) => (
              <li key={`pick-${emoji}`}>
                <button
                  type="button"
                  className="vw-reaction vw-reaction--pick"
                  aria-label={t('chat.message.reactWith', { emoji })}
                  onClick={() => {
                    onClosePicker();
                    props.onReact?.(message, emoji, true);
                  }}
                >
                  {emoji}
                </button>
              </li>
            ))}
        </ul>
      )}
    </>
  );
}

export function ReplyQuote({ preview, children }: { preview: NonNullable<MessageDto['replyTo']>; children?: ReactNode }) {
  const { t } = useTranslation();
  const name = nameOf(preview.author, t('chat.message.deletedAccount'));
  return (
    <blockquote className="vw-msg__quote">
      <span className="vz-sr-only">{t('chat.message.replyTo')} </span>
      <strong>{name}</strong> {preview.deletedAt ? <em>{t('chat.message.deleted')}</em> : preview.body}
      {children}
    </blockquote>
  );
}

function PendingRow({ pending, props }: { pending: PendingMessage; props: MessageListProps }) {
  const { t } = useTranslation();
  const body = useMemo(() => renderMarkdown(pending.body), [pending.body]);
  const failed = pending.status === 'failed';
  return (
    <article className={`vw-msg vw-msg--mine vw-msg--pending${failed ? ' vw-msg--failed' : ''}`} aria-busy={!failed}>
      <div className="vw-msg__gutter" />
      <div className="vw-msg__main">
        {pending.replyTo && <ReplyQuote preview={pending.replyTo} />}
        <div className="vw-msg__body">{body}</div>
        {failed ? (
          <p className="vw-msg__failure" role="alert">
            {pending.error ?? t('chat.message.notSent')}{' '}
            <RetryButton key={`${pending.status}:${pending.retryAfterSeconds ?? 0}:${pending.error ?? ''}`} pending={pending} onRetry={props.onRetry} />{' '}
            <button type="button" className="vw-link-button" onClick={() => props.onDiscard(pending)}>{t('chat.message.discard')}</button>
          </p>
        ) : (
          <p className="vw-msg__status">{t('chat.message.sending')}</p>
        )}
      </div>
    </article>
  );
}

/** Retry, held back while the server asked us to wait (rate limit, slow mode), with the seconds left. */
function RetryButton({ pending, onRetry }: { pending: PendingMessage; onRetry: (p: PendingMessage) => void }) {
  const { t } = useTranslation();
  const [left, setLeft] = useState(() => Math.ceil(pending.retryAfterSeconds ?? 0));
  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(() => setLeft((n) => n - 1), 1000);
    return () => clearTimeout(timer);
  }, [left]);
  return (
    <button type="button" className="vw-link-button" disabled={left > 0} onClick={() => onRetry(pending)}>
      {left > 0 ? t('chat.message.retryIn', { count: left }) : t('chat.message.retry')}
    </button>
  );
}
