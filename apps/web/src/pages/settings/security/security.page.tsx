import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../../components/page-heading.tsx';
import { PasskeysSection } from './passkeys-section.tsx';
import { TwoFactorSection } from './two-factor-section.tsx';
import './security.css';

/** `/settings/security`: two-factor authentication (authenticator app, recovery codes) and passkeys. */
export function SecuritySettingsPage() {
  const { t } = useTranslation();
  return (
    <>
      <header className="vw-page-header">
        <PageHeading title={t('security.title')} />
        <p className="vw-page-subtitle">{t('security.subtitle')}</p>
      </header>
      <TwoFactorSection />
      <PasskeysSection />
    </>
  );
}
