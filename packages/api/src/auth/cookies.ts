import type { ApiDeps, CookieJar } from '../context.ts';

export const ACCESS_COOKIE = 'veza_at';
export const REFRESH_COOKIE = 'veza_rt';

/** Access cookie: Lax so links into the app work; refresh cookie: Strict, never sent cross-site. */
export function setSessionCookies(deps: ApiDeps, jar: CookieJar | null, tokens: { accessToken: string; refreshToken: string }) {
  if (!jar) return;
  jar.set(ACCESS_COOKIE, tokens.accessToken, { maxAgeSeconds: deps.tokens.accessTokenTtlSeconds, sameSite: 'lax' });
  jar.set(REFRESH_COOKIE, tokens.refreshToken, { maxAgeSeconds: deps.tokens.sessionTtlSeconds, sameSite: 'strict' });
}

export function clearSessionCookies(jar: CookieJar | null) {
  jar?.clear(ACCESS_COOKIE);
  jar?.clear(REFRESH_COOKIE);
}
