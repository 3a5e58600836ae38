import { AppShell } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { Suspense } from 'react';
import { Link, NavLink } from 'react-router';
import { LazyPlayerDock } from '../components/lazy-player-dock.ts';
import { PlayerHost } from '../components/player-host.tsx';
import { ToastHost } from '../components/toast-host.tsx';
import { VerifyBanner } from '../features/account/verify-banner.tsx';
import { CallLayer } from '../features/calls/call-layer.tsx';
import { useAppPresenceHeartbeat } from '../features/presence/heartbeat.ts';
import { NotificationListener } from '../features/session/notification-listener.tsx';
import { useSessionActions, useSessionBootstrap } from '../features/session/use-session-actions.ts';
import { StepUpHost } from '../features/step-up/step-up-host.tsx';
import { DeletionBanner } from '../pages/settings/account/deletion-banner.tsx';
import { usePlayer } from '../stores/player.ts';
import { useSession } from '../stores/session.ts';
import { HeaderActions, HeaderMenu } from './header-actions.tsx';
import { ScreenOutlet } from './screen-outlet.tsx';
import { ScreenPending } from './screen-pending.tsx';

/** The frame around every page: header (a menu sheet on phones), the persistent player, toasts and live notifications. */
export function AppLayout() {
  const { t } = useTranslation();
  const hasTrack = usePlayer((s) => s.track !== null);
  const signedIn = useSession((s) => s.status === 'signed-in');
  useSessionBootstrap();
  useAppPresenceHeartbeat();
  const { signOut } = useSessionActions();
  const nav = (
    <>
      <NavLink to="/" end>{t('nav.home')}</NavLink>
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
          <CallLayer />
          <StepUpHost />
        </>
      }
    >
      <DeletionBanner />
      <VerifyBanner />
      <ScreenOutlet />
    </AppShell>
  );
}
