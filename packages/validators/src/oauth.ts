import { z } from 'zod';

export const OAUTH_PROVIDER_IDS = ['discord', 'spotify', 'google', 'github'] as const;
export type OAuthProviderId = (typeof OAUTH_PROVIDER_IDS)[number];

export const oauthProviderSchema = z.enum(OAUTH_PROVIDER_IDS, 'Unknown sign-in provider.');

/** Why a sign-in or linking round trip came back without success (`?oauthError=` on the page it lands on). */
export const OAUTH_ERROR_CODES = ['state_mismatch', 'denied', 'email_unverified', 'email_in_use', 'already_linked', 'failed'] as const;
export type OAuthErrorCode = (typeof OAUTH_ERROR_CODES)[number];

/** `login` signs in (or signs up); `link` adds the provider account to the signed-in user. */
export const OAUTH_INTENTS = ['login', 'link'] as const;
export type OAuthIntent = (typeof OAUTH_INTENTS)[number];

export const unlinkOAuthInput = z.object({ provider: oauthProviderSchema });
export type UnlinkOAuthInput = z.infer<typeof unlinkOAuthInput>;

const MAX_NEXT = 512;
const PROBE_ORIGIN = 'https://veza.invalid';

/**
 * A path on this site to return to after the round trip, or null. Only plain relative paths pass:
 * no scheme, no `//host` or `/\host` (browsers treat both as another site), no control characters.
 */
export function safeNextPath(next: unknown): string | null {
  if (typeof next !== 'string' || next.length === 0 || next.length > MAX_NEXT) return null;
  if (!next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(next)) return null;
  try {
    const url = new URL(next, PROBE_ORIGIN);
    const path = `${url.pathname}${url.search}${url.hash}`;
    // Dot segments can collapse into `//host` (`/.//evil.example`): check what the browser would get.
    if (url.origin !== PROBE_ORIGIN || path.startsWith('//')) return null;
    return path;
  } catch {
    return null;
  }
}

/** The query of `GET /api/oauth/:provider/start`; a bad `next` falls back to the default page rather than failing. */
export const oauthStartQuery = z.object({
  intent: z.enum(OAUTH_INTENTS).catch('login'),
  next: z.unknown().optional().transform(safeNextPath),
});
export type OAuthStartQuery = z.infer<typeof oauthStartQuery>;
