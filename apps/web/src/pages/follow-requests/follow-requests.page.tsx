import { Button, EmptyState, ErrorState, LoadingState, UserIcon } from '@veza/ui';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { PersonItem } from '../../features/social/person-item.tsx';
import { RequestAnswers } from '../../features/social/request-answers.tsx';
import { REQUESTS_PAGE_SIZE } from '../../features/social/use-answer-request.ts';
import { displayNameOf, profileHref } from '../../features/tracks/track-model.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useSession } from '../../stores/session.ts';
import { trpc } from '../../trpc.ts';
import { formatDate, relativeTime } from '../settings/settings-format.ts';

/** "asked 3 days ago", the exact date and time on hover. */
function RequestedAt({ at }: { at: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return (
    <time className="vw-muted" dateTime={at} title={formatDate(at, language, true)}>
      {t('social.requests.asked', { when: relativeTime(at, language) })}
    </time>
  );
}

/**
 * `/follow-requests` (signed in): the people asking to follow my private profile, newest first, 20 at a time, each with
 * Approve and Decline. An answered request leaves the list at once; focus goes to the next one (or the heading).
 */
export function FollowRequestsPage() {
  const { t } = useTranslation();
  const me = useSession((s) => s.user);
  const list = trpc.social.requests.useInfiniteQuery({ limit: REQUESTS_PAGE_SIZE }, { getNextPageParam: (last) => last.nextCursor });
  const listRef = useRef<HTMLUListElement>(null);
  /** The row just answered: once it has left the list, focus goes to the row now in its place. */
  const answered = useRef<number | null>(null);
  const requests = list.data?.pages.flatMap((p) => p.items) ?? [];

  useEffect(() => {
    if (answered.current === null) return;
    const rows = listRef.current?.querySelectorAll('li') ?? [];
    const next = rows[Math.min(answered.current, rows.length - 1)]?.querySelector('button') ?? document.querySelector<HTMLElement>('h1');
    next?.focus();
    answered.current = null;
  }, [requests.length]);

  const title = t('social.requests.title');
  if (list.isPending) return <LoadingState label={t('social.requests.loading')} />;
  if (list.isError && !list.data) {
    return (
      <div className="vw-page">
        <PageHeading title={title} />
        <ErrorState title={t('social.requests.errorTitle')} message={errorMessage(list.error)} onRetry={() => void list.refetch()} retryLabel={t('common.retry')} />
      </div>
    );
  }
  const total = list.data?.pages[0]?.total ?? requests.length;

  return (
    <div className="vw-page">
      {me && <p><Link to={profileHref(me.username)}>{t('social.list.back', { name: displayNameOf(me) })}</Link></p>}
      <PageHeading title={title} />
      {requests.length === 0 ? (
        <EmptyState
          titleAs="p"
          icon={<UserIcon />}
          title={t('social.requests.emptyTitle')}
          description={me?.isPrivate === false ? t('social.requests.emptyPublic') : t('social.requests.emptyPrivate')}
        />
      ) : (
        <>
          <p className="vw-muted">{t('social.requests.summary', { count: total })}</p>
          <ul ref={listRef} className="vw-people" aria-label={title}>
            {requests.map((request, index) => (
              <PersonItem key={request.user.id} user={request.user} className="vw-person--request" actions={<RequestAnswers user={request.user} onAnswered={() => (answered.current = index)} />}>
                <RequestedAt at={request.requestedAt} />
              </PersonItem>
            ))}
          </ul>
        </>
      )}
      {list.isFetchNextPageError && <p role="alert" className="vw-inline-error">{t('social.list.moreError')}</p>}
      {list.hasNextPage && (
        <div className="vw-load-more">
          <Button variant="secondary" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>{t('social.list.more')}</Button>
        </div>
      )}
    </div>
  );
}
