import type { GroupDto, GroupJoinRequestDto } from '@veza/api';
import { Button, EmptyState, ErrorState, LoadingState, UserIcon } from '@veza/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GROUPS_PAGE_SIZE, groupRefusal } from '../../features/groups/group-model.ts';
import { PersonItem } from '../../features/social/person-item.tsx';
import { displayNameOf } from '../../features/tracks/track-model.ts';
import { errorMessage } from '../../lib/errors.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import { formatDate, relativeTime } from '../settings/settings-format.ts';

function RequestRow({ group, request }: { group: GroupDto; request: GroupJoinRequestDto }) {
  const { t, i18n } = useTranslation();
  const utils = trpc.useUtils();
  const [error, setError] = useState<string | null>(null);
  const name = displayNameOf(request.user);
  const answered = (message: string) => {
    void utils.groups.requests.invalidate({ id: group.id });
    void utils.groups.members.invalidate({ id: group.id });
    void utils.groups.get.invalidate();
    pushToast({ id: `group-request-${group.id}-${request.user.id}`, title: message, tone: 'success' });
  };
  const approve = trpc.groups.approve.useMutation({ onSuccess: () => answered(t('groups.requests.approved', { name })), onError: (e) => setError(groupRefusal(e, t)) });
  const decline = trpc.groups.decline.useMutation({ onSuccess: () => answered(t('groups.requests.declined', { name })), onError: (e) => setError(groupRefusal(e, t)) });
  const language = i18n.resolvedLanguage ?? 'en';
  return (
    <PersonItem
      user={request.user}
      className="vw-person--request"
      actions={
        <span className="vw-group-card__actions">
          <Button size="sm" onClick={() => approve.mutate({ id: group.id, userId: request.user.id })} loading={approve.isPending} disabled={decline.isPending} aria-label={t('groups.requests.approveNamed', { name })}>
            {t('groups.requests.approve')}
          </Button>
          <Button size="sm" variant="secondary" onClick={() => decline.mutate({ id: group.id, userId: request.user.id })} loading={decline.isPending} disabled={approve.isPending} aria-label={t('groups.requests.declineNamed', { name })}>
            {t('groups.requests.decline')}
          </Button>
        </span>
      }
    >
      <time className="vw-muted" dateTime={request.createdAt} title={formatDate(request.createdAt, language, true)}>{t('groups.requests.asked', { when: relativeTime(request.createdAt, language) })}</time>
      {error && <span role="alert" className="vw-inline-error">{error}</span>}
    </PersonItem>
  );
}

/** The requests tab (owner and admins): who asked to join, oldest first, each with Approve and Decline. */
export function GroupRequests({ group }: { group: GroupDto }) {
  const { t } = useTranslation();
  const requests = trpc.groups.requests.useInfiniteQuery({ id: group.id, limit: GROUPS_PAGE_SIZE }, { getNextPageParam: (last) => last.nextCursor });
  if (requests.isPending) return <LoadingState label={t('groups.requests.loading')} />;
  if (requests.isError && !requests.data) {
    return <ErrorState title={t('groups.requests.error')} message={errorMessage(requests.error)} onRetry={() => void requests.refetch()} retryLabel={t('common.retry')} />;
  }
  const items = requests.data.pages.flatMap((p) => p.items);
  const title = t('groups.requests.title');
  return (
    <section aria-label={title}>
      {items.length === 0 ? (
        <EmptyState titleAs="p" icon={<UserIcon />} title={t('groups.requests.emptyTitle')} description={group.isPublic ? t('groups.requests.emptyPublic') : t('groups.requests.empty')} />
      ) : (
        <ul className="vw-people" aria-label={title}>
          {items.map((request) => <RequestRow key={request.user.id} group={group} request={request} />)}
        </ul>
      )}
      {requests.hasNextPage && (
        <div className="vw-load-more">
          <Button variant="secondary" onClick={() => void requests.fetchNextPage()} loading={requests.isFetchingNextPage}>{t('groups.more')}</Button>
        </div>
      )}
    </section>
  );
}
