import type { OAuthProvider } from '@veza/db';

/** One OAuth provider's client registration; endpoint overrides point at a self-hosted or test server. */
export interface OAuthProviderConfig {
  clientId: string;
  clientSecret: string;
  authorizeUrl?: string | undefined;
  tokenUrl?: string | undefined;
  userInfoUrl?: string | undefined;
}

/** Providers without a registration are not offered. */
export type OAuthConfig = Partial<Record<OAuthProvider, OAuthProviderConfig>>;
