import { Button, Select, SettingsIcon } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSessionActions } from '../features/session/use-session-actions.ts';
import { UploadIndicator } from '../features/uploads/upload-indicator.tsx';
import { currentLanguage, LANGUAGES, setLanguage, type Language } from '../i18n.ts';
import { useSession } from '../stores/session.ts';

/** Right side of the header: language, then either log in / sign up or the user and log out. */
export function HeaderActions() {
  const { t, i18n } = useTranslation();
  const status = useSession((s) => s.status);
  const user = useSession((s) => s.user);
  const { signOut, signingOut } = useSessionActions();
  const options = LANGUAGES.map((lng) => ({ value: lng, label: t(`language.${lng}`) }));

  return (
    <>
      {/* App-wide indicators first: upload progress, on every page while files upload. */}
      {status === 'signed-in' && <UploadIndicator />}
      {/* A native select (label visually hidden): compact in the header, and what E2E drives with selectOption. */}
      <Select
        className="vw-language"
        label={t('language.label')}
        options={options}
        value={i18n.resolvedLanguage ?? currentLanguage()}
        onChange={(event) => setLanguage(event.target.value as Language)}
      />
      {status === 'signed-in' && user ? (
        <>
          <Link className="vw-header-user" to={`/u/${user.username}`} aria-label={t('nav.profileOf', { username: user.username })}>
            {user.username}
          </Link>
          {(user.role === 'admin' || user.role === 'moderator') && (
            <Link className="vw-header-link" to="/admin">{t('nav.admin')}</Link>
          )}
          <Link className="vw-header-link" to="/settings">
            <SettingsIcon className="vw-header-link__icon" /> {t('nav.settings')}
          </Link>
          <Button variant="ghost" size="sm" onClick={() => void signOut()} loading={signingOut}>
            {t('nav.logout')}
          </Button>
        </>
      ) : status === 'signed-out' ? (
        <>
          <Link className="vw-header-link" to="/login">{t('nav.login')}</Link>
          <Link className="vz-button vz-button--primary vz-button--sm" to="/signup">{t('nav.signup')}</Link>
        </>
      ) : null}
    </>
  );
}
