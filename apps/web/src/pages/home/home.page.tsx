import { TrackListSkeleton } from '@veza/ui';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/page-heading.tsx';
import { useSession } from '../../stores/session.ts';
import { LatestTracks } from './latest-tracks.tsx';

/** The signed-in home (the feed, the tabs) comes in a chunk of its own: visitors never fetch it. */
const SignedInHome = lazy(() => import('./home-feed.tsx').then((m) => ({ default: m.SignedInHome })));

/**
 * `/`: for a signed-in user, Following (the feed of the people they follow) and Latest (the latest public tracks) as
 * tabs (home-feed.tsx); for visitors, the latest public tracks.
 */
export function HomePage() {
  const { t } = useTranslation();
  const status = useSession((s) => s.status);

  if (status === 'signed-in') {
    return (
      <div className="vw-page">
        <header className="vw-page-header">
          <PageHeading title={t('feed.title')} />
        </header>
        <Suspense fallback={<TrackListSkeleton count={6} label={t('feed.loading')} />}>
          <SignedInHome />
        </Suspense>
      </div>
    );
  }

  return (
    <div className="vw-page">
      <header className="vw-page-header">
        <PageHeading title={t('home.title')} />
        <p className="vw-page-subtitle">{t('home.subtitle')}</p>
      </header>
      {status === 'unknown' ? <TrackListSkeleton count={6} label={t('home.loading')} /> : <LatestTracks />}
    </div>
  );
}
