import type { ProfileDto, UserTrackItemDto } from '@veza/api';
import { EmptyState, ErrorState, LockIcon, TrackListSkeleton } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { Tabs } from '../../components/tabs.tsx';
import { PinnedTrack } from '../../features/profile/pinned-track.tsx';
import { reasonOf } from '../../features/step-up/use-step-up.ts';
import { LoadMoreTracks } from '../../features/tracks/load-more-tracks.tsx';
import { TrackFeed } from '../../features/tracks/track-feed.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { trpc } from '../../trpc.ts';
import { ProfilePlaylists } from './profile-playlists.tsx';
import { ProfileLocked, ProfileTracks } from './profile-tracks.tsx';

export type ProfileTab = 'tracks' | 'playlists' | 'reposts' | 'likes';
export const PROFILE_LIST_SIZE = 20;

/** The tab a profile URL shows: `/u/ana` Tracks, `/u/ana/playlists`, `/u/ana/reposts`, `/u/ana/likes`. */
export function profileTabOf(pathname: string): ProfileTab {
  const last = pathname.replace(/\/+$/, '').split('/').at(-1);
  return last === 'playlists' || last === 'reposts' || last === 'likes' ? last : 'tracks';
}

/** A repost's caption, above its card. */
function RepostCaption({ item, name }: { item: UserTrackItemDto; name: string }) {
  const { t } = useTranslation();
  if (!item.caption) return null;
  return (
    <p className="vw-feed-caption">
      <span className="vz-sr-only">{`${t('feed.captionBy', { name })}: `}</span>
      {item.caption}
    </p>
  );
}

interface UserTracksProps {
  side: 'reposts' | 'likes';
  username: string;
  name: string;
  isOwner: boolean;
}

/** Someone's reposts (with their captions) or liked tracks, newest first, 20 at a time. */
function ProfileUserTracks({ side, username, name, isOwner }: UserTracksProps) {
  const { t } = useTranslation();
  const query = (side === 'reposts' ? trpc.social.reposts : trpc.social.likes).useInfiniteQuery(
    { username, limit: PROFILE_LIST_SIZE },
    { getNextPageParam: (last) => last.nextCursor },
  );
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const title = side === 'reposts' ? t('profileTabs.reposts') : t('profileTabs.likes');
  const headingId = `profile-${side}-title`;

  return (
    <section className="vw-section vw-profile__tab" aria-labelledby={headingId}>
      <h2 id={headingId} className="vz-sr-only">{title}</h2>
      {query.isPending ? (
        <TrackListSkeleton count={3} label={t('home.loading')} />
      ) : query.isError && items.length === 0 && reasonOf(query.error) === 'private_profile' ? (
        // Turned private since the profile loaded.
        <EmptyState titleAs="h3" icon={<LockIcon />} className="vw-profile__locked" title={t('social.private.lockedTitle')} description={t('profileTabs.lockedLists', { username })} />
      ) : query.isError && items.length === 0 ? (
        <ErrorState title={t('profileTabs.errorTitle')} message={errorMessage(query.error)} onRetry={() => void query.refetch()} retryLabel={t('common.retry')} />
      ) : items.length === 0 ? (
        <EmptyState
          titleAs="h3"
          title={side === 'reposts' ? t('profileTabs.noRepostsTitle') : t('profileTabs.noLikesTitle')}
          description={
            side === 'reposts'
              ? isOwner ? t('profileTabs.noRepostsOwn') : t('profileTabs.noReposts', { name })
              : isOwner ? t('profileTabs.noLikesOwn') : t('profileTabs.noLikes', { name })
          }
        />
      ) : (
        <>
          <TrackFeed
            tracks={items.map((item) => item.track)}
            label={side === 'reposts' ? t('profileTabs.repostsLabel', { name }) : t('profileTabs.likesLabel', { name })}
            contextOf={side === 'reposts' ? (_track, index) => (items[index] ? <RepostCaption item={items[index]} name={name} /> : null) : undefined}
          />
          <LoadMoreTracks query={query} />
        </>
      )}
    </section>
  );
}

interface ProfileTabsProps {
  profile: ProfileDto;
  name: string;
  isOwner: boolean;
  tab: ProfileTab;
}

/**
 * Tracks (with the count), Reposts and Likes under a profile: tabs whose URLs are their own (`/u/ana/reposts`), each
 * list paged. A private profile I don't follow shows its lock in each of them (and asks for none).
 */
export function ProfileTabs({ profile, name, isOwner, tab }: ProfileTabsProps) {
  const { t } = useTranslation();
  const base = `/u/${profile.username}`;
  const labels = { tracks: t('profileTabs.tracks'), playlists: t('profileTabs.playlists'), reposts: t('profileTabs.reposts'), likes: t('profileTabs.likes') };
  return (
    <Tabs<ProfileTab>
      label={t('profileTabs.label', { name })}
      className="vw-profile-tabs"
      selected={tab}
      tabs={[
        {
          key: 'tracks',
          to: base,
          label: (
            <>
              {labels.tracks} <span className="vw-tablist__count">{profile.trackCount}</span>
            </>
          ),
        },
        { key: 'playlists', to: `${base}/playlists`, label: labels.playlists },
        { key: 'reposts', to: `${base}/reposts`, label: labels.reposts },
        { key: 'likes', to: `${base}/likes`, label: labels.likes },
      ]}
    >
      {profile.locked ? (
        <ProfileLocked username={profile.username} requested={profile.requested} title={tab === 'tracks' ? null : labels[tab]} />
      ) : tab === 'tracks' ? (
        <>
          {profile.pinnedTrack && <PinnedTrack track={profile.pinnedTrack} name={name} />}
          <ProfileTracks username={profile.username} name={name} isOwner={isOwner} />
        </>
      ) : tab === 'playlists' ? (
        <ProfilePlaylists username={profile.username} name={name} isOwner={isOwner} />
      ) : (
        <ProfileUserTracks key={tab} side={tab} username={profile.username} name={name} isOwner={isOwner} />
      )}
    </Tabs>
  );
}
