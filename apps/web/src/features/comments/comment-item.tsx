import type { CommentDto, ThreadCommentDto } from '@veza/api';
import { Avatar, Badge, Button, LikeButton, MenuButton, type MenuButtonItem } from '@veza/ui';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { localeOf } from '../../i18n.ts';
import { useSession } from '../../stores/session.ts';
import { trpc } from '../../trpc.ts';
import { loginHref } from '../session/require-auth.tsx';
import { displayNameOf, profileHref } from '../tracks/track-model.ts';
import { CommentBody } from './comment-body.tsx';
import { CommentForm } from './comment-form.tsx';
import { exactDate, momentOf, timeAgo } from './comment-format.ts';
import { repliesInput, type useCommentActions } from './use-comments.ts';

export interface CommentContext {
  trackId: string;
  /** The viewer may comment and reply (signed in, comments on, no block). */
  canComment: boolean;
  /** The viewer owns the track: they pin. */
  isTrackOwner: boolean;
  actions: ReturnType<typeof useCommentActions>;
  /** Plays the track from a moment (ms). */
  onPlayFrom: (atMs: number) => void;
  /** Asks to confirm, then deletes. */
  onDelete: (comment: CommentDto) => void;
}

/** A top-level comment of the thread, with its replies and the reply form. */
export function ThreadComment({ comment, context }: { comment: ThreadCommentDto; context: CommentContext }) {
  const { t } = useTranslation();
  const [replyTo, setReplyTo] = useState<CommentDto | null>(null);
  const [expanded, setExpanded] = useState(false);
  const self = useRef<HTMLLIElement>(null);
  const replies = trpc.comments.replies.useInfiniteQuery(repliesInput(comment.id), { enabled: expanded, getNextPageParam: (last) => last.nextCursor });
  const shown = expanded && replies.data ? replies.data.pages.flatMap((p) => p.items) : comment.replies;
  const hidden = Math.max(0, comment.replyCount - shown.length);
  const name = displayNameOf(comment.author);

  const closeReply = () => {
    setReplyTo(null);
    self.current?.focus();
  };

  return (
    <li className="vw-comment-thread__item" ref={self} tabIndex={-1}>
      <CommentView comment={comment} context={context} onReply={setReplyTo} />
      {(shown.length > 0 || hidden > 0 || replyTo) && (
        <div className="vw-comment__replies">
          {(hidden > 0 || (expanded && replies.hasNextPage)) && (
            <Button
              type="button"
              variant="ghost"
              size="sm"
              className="vw-comment__more-replies"
              loading={replies.isFetching && !replies.isRefetching}
              onClick={() => (expanded && replies.data ? void replies.fetchNextPage() : setExpanded(true))}
            >
              {t('comments.replies.more', { count: hidden })}
            </Button>
          )}
          {expanded && replies.isError && (
            <p role="alert" className="vw-inline-error">
              {t('comments.replies.error')}{' '}
              <Button type="button" variant="secondary" size="sm" onClick={() => void replies.refetch()}>{t('common.retry')}</Button>
            </p>
          )}
          {shown.length > 0 && (
            <ul className="vw-comment__reply-list" aria-label={t('comments.replies.label', { name })}>
              {shown.map((reply) => (
                <li key={reply.id}>
                  <CommentView comment={reply} context={context} onReply={setReplyTo} />
                </li>
              ))}
            </ul>
          )}
          {replyTo && context.canComment && (
            <CommentForm
              key={replyTo.id}
              className="vw-comment__reply-form"
              label={t('comments.replies.formLabel', { name: displayNameOf(replyTo.author) })}
              submitLabel={t('comments.replies.submit')}
              // Replying to a reply names its author; the reply joins this thread either way.
              initialText={replyTo.parentId ? `@${replyTo.author.username} ` : ''}
              autoFocus
              onCancel={closeReply}
              onSubmit={async (body) => {
                await context.actions.create.mutateAsync({ trackId: context.trackId, body, parentId: replyTo.id });
                closeReply();
              }}
            />
          )}
        </div>
      )}
    </li>
  );
}

/** One comment or reply: who, when, where in the track, what, and what the viewer may do with it. */
function CommentView({ comment, context, onReply }: { comment: CommentDto; context: CommentContext; onReply: (comment: CommentDto) => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const navigate = useNavigate();
  const location = useLocation();
  const signedIn = useSession((s) => s.status === 'signed-in');
  const [editing, setEditing] = useState(false);
  const self = useRef<HTMLDivElement>(null);
  const name = displayNameOf(comment.author);
  const moment = momentOf(comment.atMs);
  const isReply = comment.parentId !== null;

  const items: MenuButtonItem[] = [
    ...(comment.canEdit ? [{ id: 'edit', label: t('common.edit'), onSelect: () => setEditing(true) }] : []),
    ...(context.isTrackOwner && !isReply
      ? [{ id: 'pin', label: comment.pinned ? t('comments.pin.unpin') : t('comments.pin.pin'), onSelect: () => context.actions.pin(comment.pinned ? null : comment.id) }]
      : []),
    ...(comment.canDelete ? [{ id: 'delete', label: t('common.delete'), onSelect: () => context.onDelete(comment) }] : []),
  ];

  const closeEditor = () => {
    setEditing(false);
    self.current?.focus();
  };

  return (
    <div className={isReply ? 'vw-comment vw-comment--reply' : 'vw-comment'} ref={self} tabIndex={-1} data-comment-id={comment.id}>
      <Avatar name={name} size="sm" decorative className="vw-comment__avatar" />
      <div className="vw-comment__main">
        <p className="vw-comment__meta">
          <Link className="vw-comment__author" to={profileHref(comment.author.username)}>{name}</Link>
          {!isReply && (
            <button
              type="button"
              className="vw-comment__moment"
              // The visible "at 1:02" first, then what it does.
              aria-label={`${t('comments.at', { moment })}${t('comments.playFrom')}`}
              onClick={() => context.onPlayFrom(comment.atMs)}
            >
              {t('comments.at', { moment })}
            </button>
          )}
          <time className="vw-comment__date" dateTime={comment.createdAt} title={exactDate(comment.createdAt, language)}>
            {timeAgo(comment.createdAt, language)}
          </time>
          {comment.editedAt && (
            <span className="vw-comment__edited" title={t('comments.editedOn', { date: exactDate(comment.editedAt, language) })}>{t('comments.edited')}</span>
          )}
          {comment.pinned && <Badge tone="accent" className="vw-comment__pinned">{t('comments.pin.badge')}</Badge>}
        </p>
        {editing ? (
          <CommentForm
            label={t('comments.edit.label')}
            submitLabel={t('common.save')}
            initialText={comment.body}
            autoFocus
            onCancel={closeEditor}
            onSubmit={async (body) => {
              await context.actions.edit.mutateAsync({ id: comment.id, body });
              closeEditor();
            }}
          />
        ) : (
          <CommentBody comment={comment} />
        )}
        <div className="vw-comment__actions">
          <LikeButton
            size="sm"
            liked={comment.likedByMe}
            count={comment.likeCount}
            likeLabel={t('comments.like', { name })}
            unlikeLabel={t('comments.unlike', { name })}
            locale={localeOf(language)}
            onToggle={() => {
              if (!signedIn) return void navigate(loginHref(`${location.pathname}${location.search}`));
              context.actions.toggleLike(comment);
            }}
          />
          {context.canComment && !editing && (
            <Button type="button" variant="ghost" size="sm" onClick={() => onReply(comment)} aria-label={t('comments.replies.replyTo', { name })}>
              {t('comments.replies.reply')}
            </Button>
          )}
          {items.length > 0 && <MenuButton label={t('comments.actions', { name })} items={items} align="start" />}
        </div>
      </div>
    </div>
  );
}
