import type { RouterOutputs } from '@veza/api';
import { useTranslation } from 'react-i18next';

export type OAuthProvider = RouterOutputs['oauth']['providers'][number];

/** Where an OAuth sign-in starts: a plain link (the server redirects to the provider and back). */
export const oauthStartHref = (provider: string, next: string) =>
  `/api/oauth/${encodeURIComponent(provider)}/start?intent=login&next=${encodeURIComponent(next)}`;

/** "Continue with Discord/Spotify/Google/GitHub", for the providers the server has configured. */
export function OAuthButtons({ providers, next }: { providers: readonly OAuthProvider[]; next: string }) {
  const { t } = useTranslation();
  if (providers.length === 0) return null;
  return (
    <ul className="vw-oauth" aria-label={t('oauthLogin.listLabel')}>
      {providers.map((provider) => (
        <li key={provider.id}>
          <a className="vz-button vz-button--secondary vz-button--md vw-oauth__link" href={oauthStartHref(provider.id, next)}>
            {t('oauthLogin.continueWith', { provider: provider.name })}
          </a>
        </li>
      ))}
    </ul>
  );
}
