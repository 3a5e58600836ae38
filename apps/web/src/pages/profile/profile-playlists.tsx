import { Button, EmptyState, ErrorState, LoadingState, LockIcon } from '@veza/ui';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PlaylistGrid } from '../../features/playlists/playlist-grid.tsx';
import { reasonOf } from '../../features/step-up/use-step-up.ts';
import { errorMessage } from '../../lib/errors.ts';
import { trpc } from '../../trpc.ts';

const NewPlaylistDialog = lazy(() => import('../../features/playlists/new-playlist-dialog.tsx').then((m) => ({ default: m.NewPlaylistDialog })));

export const PROFILE_PLAYLISTS_PAGE = 24;

interface ProfilePlaylistsProps {
  username: string;
  name: string;
  isOwner: boolean;
}

/** Someone's playlists, newest first (their private ones too for the owner, with a badge), 24 at a time; "New playlist" for the owner. */
export function ProfilePlaylists({ username, name, isOwner }: ProfilePlaylistsProps) {
  const { t } = useTranslation();
  const query = trpc.playlists.ofUser.useInfiniteQuery({ username, limit: PROFILE_PLAYLISTS_PAGE }, { getNextPageParam: (last) => last.nextCursor });
  const playlists = query.data?.pages.flatMap((p) => p.items) ?? [];
  const [open, setOpen] = useState(false);
  const [used, setUsed] = useState(false);
  const create = isOwner ? (
    <Button
      variant="secondary"
      aria-haspopup="dialog"
      onClick={() => {
        setUsed(true);
        setOpen(true);
      }}
    >
      {t('playlists.new.button')}
    </Button>
  ) : undefined;

  return (
    <section className="vw-section vw-profile__tab" aria-labelledby="profile-playlists-title">
      <h2 id="profile-playlists-title" className="vz-sr-only">{t('profileTabs.playlists')}</h2>
      {query.isPending ? (
        <LoadingState label={t('playlists.tab.loading')} />
      ) : query.isError && playlists.length === 0 && reasonOf(query.error) === 'private_profile' ? (
        // Turned private since the profile loaded.
        <EmptyState titleAs="h3" icon={<LockIcon />} className="vw-profile__locked" title={t('social.private.lockedTitle')} description={t('playlists.tab.locked', { username })} />
      ) : query.isError && playlists.length === 0 ? (
        <ErrorState title={t('playlists.tab.errorTitle')} message={errorMessage(query.error)} onRetry={() => void query.refetch()} retryLabel={t('common.retry')} />
      ) : playlists.length === 0 ? (
        <EmptyState titleAs="h3" title={t('playlists.tab.emptyTitle')} description={isOwner ? t('playlists.tab.emptyOwn') : t('playlists.tab.empty', { name })} action={create} />
      ) : (
        <>
          {create && <div className="vw-playlists-tab__head">{create}</div>}
          <PlaylistGrid playlists={playlists} label={t('playlists.tab.label', { name })} />
          {query.isFetchNextPageError && <p role="alert" className="vw-inline-error">{t('playlists.tab.moreError')}</p>}
          {query.hasNextPage && (
            <div className="vw-load-more">
              <Button variant="secondary" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
                {query.isFetchingNextPage ? t('playlists.tab.loadingMore') : t('playlists.tab.more')}
              </Button>
            </div>
          )}
        </>
      )}
      {used && (
        <Suspense fallback={null}>
          <NewPlaylistDialog open={open} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </section>
  );
}
