import type { CommentDto, TrackDto } from '@veza/api';
import { Button, EmptyState, ErrorState, LoadingState, Notice } from '@veza/ui';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useSession } from '../../stores/session.ts';
import { trpc } from '../../trpc.ts';
import { loginHref } from '../session/require-auth.tsx';
import { CommentComposer } from './comment-composer.tsx';
import { commentRefusal } from './comment-format.ts';
import { ThreadComment, type CommentContext } from './comment-item.tsx';
import { usePlayFromMoment } from './use-comment-moment.ts';
import { threadInput, threadComments, useCommentActions } from './use-comments.ts';
import { useCommentsSwitch } from './use-comments-switch.ts';
import './comments.css';

/**
 * The track page's comments: the composer (or why the viewer cannot comment: signed out, comments off, a block), then
 * the thread newest first, the pinned comment on top, with "Show more comments" paging. Each comment plays the track
 * from its moment; likes, replies, edit, delete (after a confirmation) and pin act in place.
 */
export function CommentThread({ track }: { track: TrackDto }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const location = useLocation();
  const status = useSession((s) => s.status);
  const isOwner = useSession((s) => s.user?.id === track.owner.id);
  const thread = trpc.comments.list.useInfiniteQuery(threadInput(track.id), { getNextPageParam: (last) => last.nextCursor });
  const actions = useCommentActions(track.id);
  const playFrom = usePlayFromMoment(track);
  const commentsSwitch = useCommentsSwitch(track);
  const [deleting, setDeleting] = useState<CommentDto | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  const first = thread.data?.pages[0];
  const { pinned, items } = threadComments(thread.data);
  const context: CommentContext = {
    trackId: track.id,
    canComment: first?.canComment ?? false,
    isTrackOwner: isOwner,
    actions,
    onPlayFrom: playFrom,
    onDelete: (comment) => {
      setDeleteError(null);
      setDeleting(comment);
    },
  };

  const confirmDelete = async () => {
    if (!deleting) return;
    try {
      await actions.remove(deleting);
      setDeleting(null);
    } catch (error) {
      setDeleteError(`${t('comments.delete.error')} ${commentRefusal(error, t, i18n.resolvedLanguage)}`);
    }
  };

  let body;
  if (thread.isPending) body = <LoadingState label={t('comments.loading')} className="vw-comments__state" />;
  else if (thread.isError) {
    body = <ErrorState title={t('comments.errorTitle')} message={errorMessage(thread.error)} onRetry={() => void thread.refetch()} retryLabel={t('common.retry')} className="vw-comments__state" />;
  } else {
    const shown = pinned ? [pinned, ...items] : items;
    body = (
      <>
        {!first?.commentsEnabled ? (
          <Notice
            className="vw-comments__closed"
            title={t('comments.closed.off')}
            action={isOwner ? <Button type="button" variant="secondary" size="sm" loading={commentsSwitch.pending} onClick={commentsSwitch.toggle}>{commentsSwitch.label}</Button> : undefined}
          >
            {t('comments.closed.offText')}
          </Notice>
        ) : status === 'signed-out' ? (
          <p className="vw-comments__closed vw-comments__sign-in">
            <Link className="vz-button vz-button--secondary vz-button--sm" to={loginHref(`${location.pathname}${location.search}`)}>{t('comments.closed.logIn')}</Link>{' '}
            <span className="vw-muted">{t('comments.closed.logInText')}</span>
          </p>
        ) : first.canComment ? (
          <CommentComposer track={track} />
        ) : status === 'signed-in' ? (
          <Notice className="vw-comments__closed" title={t('comments.closed.blocked')} />
        ) : null}

        {shown.length === 0 ? (
          <EmptyState titleAs="p" className="vw-comments__state" title={t('comments.emptyTitle')} description={t('comments.emptyText')} icon={null} />
        ) : (
          <ol className="vw-comment-thread" aria-labelledby={headingId}>
            {shown.map((comment) => (
              <ThreadComment key={comment.id} comment={comment} context={context} />
            ))}
          </ol>
        )}

        {thread.isFetchNextPageError && <p role="alert" className="vw-inline-error">{t('comments.moreError')}</p>}
        {thread.hasNextPage && (
          <Button type="button" variant="secondary" className="vw-comments__more" loading={thread.isFetchingNextPage} onClick={() => void thread.fetchNextPage()}>
            {t('comments.more')}
          </Button>
        )}
      </>
    );
  }

  return (
    <section className="vw-comments" aria-labelledby={headingId} aria-busy={thread.isPending || undefined}>
      <h2 id={headingId} className="vw-comments__title">{first ? t('comments.count', { count: first.total }) : t('comments.title')}</h2>
      {body}
      <ConfirmDialog
        open={deleting !== null}
        title={t('comments.delete.title')}
        body={deleting && deleting.replyCount > 0 ? t('comments.delete.bodyWithReplies', { count: deleting.replyCount }) : t('comments.delete.body')}
        confirmLabel={t('comments.delete.confirm')}
        cancelLabel={t('common.cancel')}
        pending={actions.removing}
        error={deleteError}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(null)}
      />
    </section>
  );
}
