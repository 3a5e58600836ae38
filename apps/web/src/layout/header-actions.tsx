import { Avatar, Button, LockIcon, Select, SettingsIcon, ShieldIcon, UserIcon } from '@veza/ui';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SearchIcon } from '../features/search/search-icon.tsx';
import { useSessionActions } from '../features/session/use-session-actions.ts';
import { currentLanguage, LANGUAGES, screenStrings, setLanguage, type Language } from '../i18n.ts';
import { useSession } from '../stores/session.ts';
import { signedInPart } from './signed-in-part.tsx';

/** Upload progress (and the upload store, which only the upload screen fills). */
const UploadIndicator = signedInPart(() => import('../features/uploads/upload-indicator.tsx'), (m) => m.UploadIndicator);
/** The presence status picker (its panel is lazier still: see status-picker.tsx). */
const StatusPicker = signedInPart(() => import('../features/presence/status-picker.tsx'), (m) => m.StatusPicker);
/**
 * The search box and its suggestions (issue 12): fetched after the first paint like the parts above, for visitors too;
 * shown once its strings (the other screens' part, locales/*.search.json) are there.
 */
const HeaderSearch = signedInPart(() => Promise.all([import('../features/search/header-search.tsx'), screenStrings()]).then(([m]) => m), (m) => m.HeaderSearch);
/** The notification bell, its live unread count and its panel (lazier still: see notification-bell.tsx). */
const NotificationBell = signedInPart(() => import('../features/notifications/notification-bell.tsx'), (m) => m.NotificationBell);

/** The account's picture at 64 px (`imageAtSize` of @veza/validators, written here to keep zod out of the first load). */
const smallAvatar = (url: string) => `${url}${url.includes('?') ? '&' : '?'}size=64`;

/** Only on wide screens: on phones the header's menu sheet holds these (AppShell `menu`). */
const WIDE = 'vz-shell__wide';

function LanguageSelect({ className }: { className: string }) {
  const { t, i18n } = useTranslation();
  const options = LANGUAGES.map((lng) => ({ value: lng, label: t(`language.${lng}`) }));
  return (
    // A native select: works with every input method, and it is what E2E drives with selectOption.
    <Select
      className={className}
      label={t('language.label')}
      options={options}
      value={i18n.resolvedLanguage ?? currentLanguage()}
      onChange={(event) => setLanguage(event.target.value as Language)}
    />
  );
}

/**
 * Right side of the header: language, then either log in / sign up or the user and log out. On phones only sign up
 * (and whatever is not marked wide) stays in the bar; the rest is in the menu sheet (HeaderMenu).
 */
export function HeaderActions() {
  const { t } = useTranslation();
  const status = useSession((s) => s.status);
  const user = useSession((s) => s.user);
  const { signOut, signingOut } = useSessionActions();

  return (
    <>
      {/* App-wide indicators (upload progress) go here, first, without the WIDE class: they stay in the phone bar. */}
      {status === 'signed-in' && <UploadIndicator />}
      <HeaderSearch />
      {status === 'signed-in' && <NotificationBell />}
      <LanguageSelect className={`vw-language ${WIDE}`} />
      {status === 'signed-in' && user ? (
        <>
          <div className={WIDE}><StatusPicker /></div>
          <Link className={`vw-header-user ${WIDE}`} to={`/u/${user.username}`} aria-label={t('nav.profileOf', { username: user.username })}>
            {user.avatarUrl && <Avatar name={user.displayName ?? user.username} size="sm" src={smallAvatar(user.avatarUrl)} decorative className="vw-header-user__avatar" />}
            {user.username}
          </Link>
          {(user.role === 'admin' || user.role === 'moderator') && (
            <Link className={`vw-header-link ${WIDE}`} to="/admin">{t('nav.admin')}</Link>
          )}
          <Link className={`vw-header-link ${WIDE}`} to="/settings" title={t('nav.settings')}>
            <SettingsIcon className="vw-header-link__icon" /> <span className="vw-header-link__label">{t('nav.settings')}</span>
          </Link>
          <Button variant="ghost" size="sm" className={WIDE} onClick={() => void signOut()} loading={signingOut}>
            {t('nav.logout')}
          </Button>
        </>
      ) : status === 'signed-out' ? (
        <>
          <Link className={`vw-header-link ${WIDE}`} to="/login">{t('nav.login')}</Link>
          {/* The one call to action left in the phone bar ("Créer un compte" on one line, even at 360 px). */}
          <Link className="vz-button vz-button--primary vz-button--sm vw-header-signup" to="/signup">{t('nav.signup')}</Link>
        </>
      ) : null}
    </>
  );
}

/**
 * The phone header's menu sheet: the main navigation, the account's links, log out, and the language. The sheet closes
 * (and this unmounts) as Log out is pressed, so signing out runs in the always-mounted layout: `onSignOut`.
 */
export function HeaderMenu({ nav, onSignOut }: { nav: ReactNode; onSignOut: () => void }) {
  const { t } = useTranslation();
  const status = useSession((s) => s.status);
  const user = useSession((s) => s.user);

  return (
    <>
      <Link to="/search">
        <SearchIcon /> {t('nav.search')}
      </Link>
      <nav className="vw-header-menu__nav" aria-label={t('app.mainNav')}>{nav}</nav>
      <hr />
      {status === 'signed-in' && user ? (
        <>
          <Link to={`/u/${user.username}`} aria-label={t('nav.profileOf', { username: user.username })}>
            {user.avatarUrl ? <Avatar name={user.displayName ?? user.username} size="sm" src={smallAvatar(user.avatarUrl)} decorative /> : <UserIcon />} {user.username}
          </Link>
          {/* A private account approves its followers. */}
          {user.isPrivate && (
            <Link to="/follow-requests">
              <LockIcon /> {t('social.requests.title')}
            </Link>
          )}
          <StatusPicker />
          <Link to="/settings">
            <SettingsIcon /> {t('nav.settings')}
          </Link>
          {(user.role === 'admin' || user.role === 'moderator') && (
            <Link to="/admin">
              <ShieldIcon /> {t('nav.admin')}
            </Link>
          )}
          <Button variant="secondary" onClick={onSignOut}>
            {t('nav.logout')}
          </Button>
        </>
      ) : status === 'signed-out' ? (
        <>
          <Link to="/login">{t('nav.login')}</Link>
          <Link className="vz-button vz-button--primary" to="/signup">{t('nav.signup')}</Link>
        </>
      ) : null}
      <hr />
      <LanguageSelect className="vw-header-menu__language" />
    </>
  );
}
