// The four sign-in providers: default endpoints, scopes, and how each one's profile becomes ours.
import type { OAuthProvider } from '@veza/db';
import { emailSchema, hasForbiddenCharacters, stripControlCharacters, type OAuthProviderId } from '@veza/validators';
import { z } from 'zod';
import type { OAuthConfig } from './oauth.config.ts';

/** What we keep from a provider's profile, whatever its shape. */
export interface NormalisedProfile {
  providerUserId: string;
  /** Lower-cased, or null when the provider shared none (or an invalid one). */
  email: string | null;
  /** Only true when the provider itself says the address was verified. */
  emailVerified: boolean;
  displayName: string | null;
  /** Raw material for a username (made valid and unique later). */
  usernameHint: string | null;
}

/** Reads a JSON document with the access token (the provider's userinfo-style endpoints). */
export type FetchJson = (url: string, accessToken: string) => Promise<unknown>;

export interface ProviderDefinition {
  id: OAuthProvider;
  name: string;
  authorizeUrl: string;
  tokenUrl: string;
  userInfoUrl: string;
  scopes: string[];
  profile(fetchJson: FetchJson, accessToken: string, userInfoUrl: string): Promise<NormalisedProfile>;
}

/** The endpoints actually used: the registration's overrides, else the provider's own. */
export interface ResolvedProvider extends ProviderDefinition {
  clientId: string;
  clientSecret: string;
}

// The validators' provider list and the database's must stay the same list.
const sameProviders: [OAuthProviderId, OAuthProvider] extends [OAuthProvider, OAuthProviderId] ? true : never = true;
void sameProviders;

/** Profile text from a provider is cleaned of control characters (PostgreSQL text cannot hold NUL). */
const optionalText = z
  .string()
  .nullish()
  .transform((v) => (v ? stripControlCharacters(v).trim().slice(0, 255) || null : null));
const handle = z.string().transform((v) => stripControlCharacters(v).trim().slice(0, 255)).pipe(z.string().min(1));
const providerUserId = z.union([z.string().trim().min(1).max(255).refine((v) => !hasForbiddenCharacters(v)), z.number().int().nonnegative()]).transform(String);

const cleanEmail = (value: string | null | undefined): string | null => {
  if (!value) return null;
  const parsed = emailSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
};

/** OIDC `email_verified` is a boolean; a few servers send the string "true". */
const isTrue = (value: unknown) => value === true || value === 'true';

const oidcProfile = z.object({
  sub: providerUserId,
  email: z.string().nullish(),
  email_verified: z.unknown().optional(),
  name: optionalText,
  given_name: optionalText,
  preferred_username: optionalText,
});

const githubUser = z.object({ id: providerUserId, login: handle, name: optionalText, email: z.string().nullish() });
const githubEmails = z.array(z.object({ email: z.string(), primary: z.boolean().optional(), verified: z.boolean().optional() }));

const discordUser = z.object({
  id: providerUserId,
  username: handle,
  global_name: optionalText,
  email: z.string().nullish(),
  verified: z.boolean().optional(),
});

const spotifyUser = z.object({ id: providerUserId, display_name: optionalText, email: z.string().nullish() });

const localPart = (email: string | null) => (email ? email.slice(0, email.indexOf('@')) : null);

export const PROVIDERS: Record<OAuthProvider, ProviderDefinition> = {
  discord: {
    id: 'discord',
    name: 'Discord',
    authorizeUrl: 'https://discord.com/oauth2/authorize',
    tokenUrl: 'https://discord.com/api/oauth2/token',
    userInfoUrl: 'https://discord.com/api/users/@me',
    scopes: ['identify', 'email'],
    async profile(fetchJson, accessToken, userInfoUrl) {
      const user = discordUser.parse(await fetchJson(userInfoUrl, accessToken));
      const email = cleanEmail(user.email);
      return {
        providerUserId: user.id,
        email,
        emailVerified: email !== null && user.verified === true,
        displayName: user.global_name ?? user.username,
        usernameHint: user.username,
      };
    },
  },
  spotify: {
    id: 'spotify',
    name: 'Spotify',
    authorizeUrl: 'https://accounts.spotify.com/authorize',
    tokenUrl: 'https://accounts.spotify.com/api/token',
    userInfoUrl: 'https://api.spotify.com/v1/me',
    scopes: ['user-read-email'],
    async profile(fetchJson, accessToken, userInfoUrl) {
      const user = spotifyUser.parse(await fetchJson(userInfoUrl, accessToken));
      const email = cleanEmail(user.email);
      // Spotify says nothing about whether the address was verified: never treat it as proven.
      return { providerUserId: user.id, email, emailVerified: false, displayName: user.display_name, usernameHint: user.display_name ?? user.id };
    },
  },
  google: {
    id: 'google',
    name: 'Google',
    authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenUrl: 'https://oauth2.googleapis.com/token',
    userInfoUrl: 'https://openidconnect.googleapis.com/v1/userinfo',
    scopes: ['openid', 'email', 'profile'],
    async profile(fetchJson, accessToken, userInfoUrl) {
      const user = oidcProfile.parse(await fetchJson(userInfoUrl, accessToken));
      const email = cleanEmail(user.email);
      return {
        providerUserId: user.sub,
        email,
        emailVerified: email !== null && isTrue(user.email_verified),
        displayName: user.name ?? user.given_name,
        usernameHint: user.preferred_username ?? localPart(email) ?? user.given_name ?? user.name,
      };
    },
  },
  github: {
    id: 'github',
    name: 'GitHub',
    authorizeUrl: 'https://github.com/login/oauth/authorize',
    tokenUrl: 'https://github.com/login/oauth/access_token',
    userInfoUrl: 'https://api.github.com/user',
    scopes: ['read:user', 'user:email'],
    async profile(fetchJson, accessToken, userInfoUrl) {
      const user = githubUser.parse(await fetchJson(userInfoUrl, accessToken));
      // The public profile email is not known to be verified: take the primary address from /user/emails.
      const emails = githubEmails.parse(await fetchJson(`${userInfoUrl.replace(/\/+$/, '')}/emails`, accessToken));
      const primary = emails.find((e) => e.primary === true);
      const primaryEmail = cleanEmail(primary?.email);
      const email = primaryEmail ?? cleanEmail(user.email);
      return {
        providerUserId: user.id,
        email,
        emailVerified: primaryEmail !== null && primary?.verified === true,
        displayName: user.name ?? user.login,
        usernameHint: user.login,
      };
    },
  },
};

/** A configured provider with its effective endpoints, or null when it has no client registration. */
export function resolveProvider(config: OAuthConfig, id: OAuthProvider): ResolvedProvider | null {
  const registration = config[id];
  if (!registration) return null;
  const base = PROVIDERS[id];
  return {
    ...base,
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    authorizeUrl: registration.authorizeUrl ?? base.authorizeUrl,
    tokenUrl: registration.tokenUrl ?? base.tokenUrl,
    userInfoUrl: registration.userInfoUrl ?? base.userInfoUrl,
  };
}

/** Providers with a client registration, in a stable order. */
export const configuredProviders = (config: OAuthConfig) =>
  (Object.keys(PROVIDERS) as OAuthProvider[]).filter((id) => config[id]).map((id) => ({ id, name: PROVIDERS[id].name }));
