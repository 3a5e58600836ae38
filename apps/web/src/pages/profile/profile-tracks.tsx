import { EmptyState, ErrorState, LockIcon, TrackListSkeleton } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { reasonOf } from '../../features/step-up/use-step-up.ts';
import { LoadMoreTracks } from '../../features/tracks/load-more-tracks.tsx';
import { TrackFeed } from '../../features/tracks/track-feed.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { trpc } from '../../trpc.ts';

interface ProfileTracksProps {
  username: string;
  name: string;
  isOwner: boolean;
}

/**
 * In place of the tracks (or reposts, or likes) of a private profile I don't follow: it says so, and how to see them
 * (no query: the API would refuse it).
 */
export function ProfileLocked({ username, requested, title = null }: { username: string; requested: boolean; title?: string | null }) {
  const { t } = useTranslation();
  return (
    <section className="vw-section vw-profile__tab" aria-labelledby="profile-tracks-title">
      <h2 id="profile-tracks-title" className="vz-sr-only">{title ?? t('profile.tracksTitle')}</h2>
      <EmptyState
        titleAs="h3"
        icon={<LockIcon />}
        className="vw-profile__locked"
        title={t('social.private.lockedTitle')}
        description={
          requested ? t('social.private.lockedRequested', { username }) : title ? t('profileTabs.lockedLists', { username }) : t('social.private.lockedFollow', { username })
        }
      />
    </section>
  );
}

/** The user's tracks (all of them for the owner, public ones for everyone else). */
export function ProfileTracks({ username, name, isOwner }: ProfileTracksProps) {
  const { t } = useTranslation();
  const query = trpc.tracks.list.useInfiniteQuery({ username, limit: 20 }, { getNextPageParam: (last) => last.nextCursor });
  const tracks = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section className="vw-section vw-profile__tab" aria-labelledby="profile-tracks-title">
      <h2 id="profile-tracks-title" className="vz-sr-only">{t('profile.tracksTitle')}</h2>
      {query.isPending ? (
        <TrackListSkeleton count={3} label={t('home.loading')} />
      ) : query.isError && tracks.length === 0 && reasonOf(query.error) === 'private_profile' ? (
        // Turned private since the profile loaded.
        <EmptyState titleAs="h3" icon={<LockIcon />} title={t('social.private.lockedTitle')} description={t('social.private.lockedFollow', { username })} />
      ) : query.isError && tracks.length === 0 ? (
        <ErrorState title={t('home.errorTitle')} message={errorMessage(query.error)} onRetry={() => void query.refetch()} retryLabel={t('common.retry')} />
      ) : tracks.length === 0 ? (
        <EmptyState
          titleAs="h3"
          title={t('profile.emptyTitle')}
          description={isOwner ? t('profile.emptyOwn') : t('profile.emptyOther', { name })}
          action={isOwner ? <Link className="vz-button vz-button--primary" to="/upload">{t('home.emptyAction')}</Link> : undefined}
        />
      ) : (
        <>
          <TrackFeed tracks={tracks} label={t('profile.tracksLabel', { name })} />
          <LoadMoreTracks query={query} />
        </>
      )}
    </section>
  );
}
