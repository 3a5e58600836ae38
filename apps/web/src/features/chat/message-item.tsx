// One message of the conversation (author, body, quote, attachments, reactions, actions), and our own messages on
// their way (sending, failed with a reason and a held-back retry).
import { Avatar } from '@veza/ui';
import { memo, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CallSummary } from '../calls/call-summary.tsx';
import { nameOf, type MessageDto, type PendingMessage } from './chat-store.ts';
import type { DateFormats } from './date-formats.ts';
import { renderMarkdown } from './markdown.tsx';
import { ReplyQuote } from './reply-quote.tsx';

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
  /** Copies the message's permalink (rejects when it could not); absent: no Copy link action. */
  onCopyLink?: (message: MessageDto) => Promise<void>;
}

/** What a message row needs besides its message. */
export interface MessageItemProps extends MessageActions {
  meId: string | null;
  meUsername?: string | null | undefined;
  /** Owner or moderator: may delete others' messages. */
  canModerate: boolean;
  /** Usernames that are members here (mentions of them are highlighted). */
  isMember?: ((username: string) => boolean) | undefined;
}

/** How long "Link copied" stays on the button. */
const COPIED_MS = 2500;

export const MessageItem = memo(function MessageItem({ message, grouped, highlighted = false, props, formats }: { message: MessageDto; grouped: boolean; highlighted?: boolean; props: MessageItemProps; formats: DateFormats }) {
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
    <article
      className={`vw-msg${grouped ? ' vw-msg--grouped' : ''}${mine ? ' vw-msg--mine' : ''}${highlighted ? ' vw-msg--highlight' : ''}`}
      aria-label={t('chat.message.label', { name, time: formats.full(message.createdAt) })}
      data-seq={message.seq}
      tabIndex={-1}
    >
      <div className="vw-msg__gutter">
        {grouped ? (
          <time className="vw-msg__hover-time" dateTime={message.createdAt}>{formats.time(message.createdAt)}</time>
        ) : (
          <Avatar name={name} size="sm" decorative />
        )}
      </div>
      <div className="vw-msg__main">
        {message.replyTo && <ReplyQuote preview={message.replyTo} linked />}
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
          {props.onCopyLink && <CopyLinkButton message={message} onCopy={props.onCopyLink} />}
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
function Extras({ message, props, picking, onClosePicker }: { message: MessageDto; props: MessageItemProps; picking: boolean; onClosePicker: () => void }) {
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

export function PendingItem({ pending, props }: { pending: PendingMessage; props: MessageItemProps }) {
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

/** Copies the message's permalink; says so on the button for a moment (or that it could not). */
function CopyLinkButton({ message, onCopy }: { message: MessageDto; onCopy: (message: MessageDto) => Promise<void> }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), COPIED_MS);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = () =>
    onCopy(message).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  return (
    <button type="button" className="vw-msg__action" onClick={() => void copy()}>
      <span aria-live="polite">{state === 'copied' ? t('chat.jump.copied') : state === 'failed' ? t('chat.jump.copyFailed') : t('chat.jump.copyLink')}</span>
    </button>
  );
}
