import { AppShell } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { Suspense } from 'react';
import { Link, NavLink } from 'react-router';
import { LazyPlayerDock } from '../components/lazy-player-dock.ts';
import { PlayerHost } from '../components/player-host.tsx';
import { ToastHost } from '../components/toast-host.tsx';
import { NotificationListener } from '../features/session/notification-listener.tsx';
import { useSessionActions, useSessionBootstrap } from '../features/session/use-session-actions.ts';
import { StepUpHost } from '../features/step-up/step-up-host.tsx';
import { usePlayer } from '../stores/player.ts';
import { useListenSession } from '../stores/listen.ts';
import { useSession } from '../stores/session.ts';
import { CallLayerLoader } from './call-layer-loader.tsx';
import { HeaderActions, HeaderMenu } from './header-actions.tsx';
import { ScreenOutlet } from './screen-outlet.tsx';
import { ScreenPending } from './screen-pending.tsx';
import { signedInPart } from './signed-in-part.tsx';

/** The app-wide presence heartbeat (features/presence/heartbeat.ts), from the moment someone is signed in. */
const PresenceHeartbeat = signedInPart(() => import('../features/presence/heartbeat.ts'), (m) => m.AppPresenceHeartbeat);
/** Rendered only for the accounts they concern (email not verified yet; deletion scheduled). */
const VerifyBanner = signedInPart(() => import('../features/account/verify-banner.tsx'), (m) => m.VerifyBanner);
const DeletionBanner = signedInPart(() => import('../pages/settings/account/deletion-banner.tsx'), (m) => m.DeletionBanner);
/** The listening session this tab follows (features/listen): it drives the player on every screen. */
const ListenLayer = signedInPart(() => import('../features/listen/listen-driver.tsx'), (m) => m.ListenLayer);

/** The frame around every page: header (a menu sheet on phones), the persistent player, toasts and live notifications. */
export function AppLayout() {
  const { t } = useTranslation();
  const hasTrack = usePlayer((s) => s.track !== null);
  const signedIn = useSession((s) => s.status === 'signed-in');
  const unverified = useSession((s) => s.user !== null && !s.user.emailVerified);
  const deletionScheduled = useSession((s) => s.user?.deletionRequestedAt != null);
  const listening = useListenSession((s) => s.activeId !== null);
  useSessionBootstrap();
  const { signOut } = useSessionActions();
  const nav = (
    <>
      <NavLink to="/" end>{t('nav.home')}</NavLink>
      <NavLink to="/explore">{t('nav.explore')}</NavLink>
      <NavLink to="/groups">{t('nav.groups')}</NavLink>
      <NavLink to="/upload">{t('nav.upload')}</NavLink>
      {signedIn && <NavLink to="/chat">{t('nav.chat')}</NavLink>}
    </>
  );

  return (
    <AppShell
      brand={<Link to="/" className="vw-brand">{t('app.brand')}</Link>}
      nav={nav}
      navLabel={t('app.mainNav')}
      actions={<HeaderActions />}
      menu={{ label: t('nav.menu'), closeLabel: t('nav.closeMenu'), content: <HeaderMenu nav={nav} onSignOut={() => void signOut()} /> }}
      player={hasTrack ? <Suspense fallback={null}><LazyPlayerDock /></Suspense> : undefined}
      skipLabel={t('app.skipToContent')}
      overlay={
        <>
          <ScreenPending />
          <PlayerHost />
          <ToastHost />
          <NotificationListener />
          {signedIn && <PresenceHeartbeat />}
          {signedIn && listening && <ListenLayer />}
          <CallLayerLoader />
          <StepUpHost />
        </>
      }
    >
      {deletionScheduled && <DeletionBanner />}
      {unverified && <VerifyBanner />}
      <ScreenOutlet />
    </AppShell>
  );
}
