import type { FollowListItemDto } from '@veza/api';
import { Button, EmptyState, ErrorState, LoadingState, LockIcon } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { FollowButton } from '../../features/social/follow-button.tsx';
import { PersonItem } from '../../features/social/person-item.tsx';
import { reasonOf } from '../../features/step-up/use-step-up.ts';
import { displayNameOf } from '../../features/tracks/track-model.ts';
import { errorInfo, errorMessage } from '../../lib/errors.ts';
import { trpc } from '../../trpc.ts';

export type FollowSide = 'followers' | 'following';

function Person({ item }: { item: FollowListItemDto }) {
  const { t } = useTranslation();
  return (
    <PersonItem user={item.user} actions={<FollowButton profile={{ username: item.user.username, followedByMe: item.followedByMe }} name={displayNameOf(item.user)} />}>
      {item.followsYou && <span className="vz-badge">{t('social.followsYou')}</span>}
    </PersonItem>
  );
}

/** `/u/:username/followers` and `/u/:username/following`: the people, newest follow first, 30 at a time. */
export function FollowsPage({ side }: { side: FollowSide }) {
  const { t } = useTranslation();
  const { username = '' } = useParams();
  const handle = username.toLowerCase();
  const profile = trpc.users.byUsername.useQuery({ username: handle });
  const list = (side === 'followers' ? trpc.social.followers : trpc.social.following).useInfiniteQuery({ username: handle, limit: 30 }, { getNextPageParam: (last) => last.nextCursor });
  const query = profile.isError ? profile : list;

  if (profile.isPending || list.isPending) return <LoadingState label={t('social.list.loading')} />;
  if (query.isError && !list.data) {
    const missing = ['NOT_FOUND', 'BAD_REQUEST'].includes(errorInfo(query.error).code ?? '');
    // A private profile I don't follow (yet): its lists are for the people it approved.
    if (reasonOf(query.error) === 'private_profile') {
      const name = profile.data ? displayNameOf(profile.data) : handle;
      return (
        <div className="vw-page">
          <p><Link to={`/u/${handle}`}>{t('social.list.back', { name })}</Link></p>
          <PageHeading title={side === 'followers' ? t('social.list.followersTitle', { name }) : t('social.list.followingTitle', { name })} />
          <EmptyState titleAs="p" icon={<LockIcon />} title={t('social.private.lockedTitle')} description={t('social.private.lockedLists', { username: handle })} />
        </div>
      );
    }
    return (
      <div className="vw-page">
        <PageHeading title={missing ? t('profile.notFoundTitle') : t('social.list.errorTitle')} />
        {missing ? (
          <EmptyState titleAs="p" title={t('profile.notFoundTitle')} description={t('profile.notFoundDescription')} />
        ) : (
          <ErrorState title={t('social.list.errorTitle')} message={errorMessage(query.error)} onRetry={() => void query.refetch()} retryLabel={t('common.retry')} />
        )}
      </div>
    );
  }
  const name = profile.data ? displayNameOf(profile.data) : handle;
  const people = list.data?.pages.flatMap((p) => p.items) ?? [];
  const title = side === 'followers' ? t('social.list.followersTitle', { name }) : t('social.list.followingTitle', { name });

  return (
    <div className="vw-page">
      <p><Link to={`/u/${handle}`}>{t('social.list.back', { name })}</Link></p>
      <PageHeading title={title} />
      <nav className="vw-tabs" aria-label={t('social.list.tabs')}>
        <Link to={`/u/${handle}/followers`} aria-current={side === 'followers' ? 'page' : undefined}>{t('social.followers', { count: profile.data?.followerCount ?? 0 })}</Link>
        <Link to={`/u/${handle}/following`} aria-current={side === 'following' ? 'page' : undefined}>{t('social.following', { count: profile.data?.followingCount ?? 0 })}</Link>
      </nav>
      {people.length === 0 ? (
        <EmptyState titleAs="p" title={side === 'followers' ? t('social.list.noFollowers', { name }) : t('social.list.noFollowing', { name })} />
      ) : (
        <ul className="vw-people" aria-label={title}>
          {people.map((item) => <Person key={item.user.id} item={item} />)}
        </ul>
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

export const FollowersPage = () => <FollowsPage side="followers" />;
export const FollowingPage = () => <FollowsPage side="following" />;
