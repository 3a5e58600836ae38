import type { ApiDeps, CookieJar } from '../context.ts';

export const ACCESS_COOKIE = 'veza_at';
export const REFRESH_COOKIE = 'veza_rt';
/**
 * "This browser has a session": `1`, readable by the web app (not HttpOnly) and no secret. It lives as long as the
 * refresh cookie and goes with it, so a page load without it starts signed out without calling auth.me/auth.refresh.
 */
export const SESSION_FLAG_COOKIE = 'veza_session';

const setFlag = (sessionTtlSeconds: number, jar: CookieJar) =>
  jar.set(SESSION_FLAG_COOKIE, '1', { maxAgeSeconds: sessionTtlSeconds, sameSite: 'lax', httpOnly: false });

/** Access cookie: Lax so links into the app work; refresh cookie: Strict, never sent cross-site. Plus the session flag. */
export function setSessionCookies(deps: ApiDeps, jar: CookieJar | null, tokens: { accessToken: string; refreshToken: string }) {
  if (!jar) return;
  jar.set(ACCESS_COOKIE, tokens.accessToken, { maxAgeSeconds: deps.tokens.accessTokenTtlSeconds, sameSite: 'lax' });
  jar.set(REFRESH_COOKIE, tokens.refreshToken, { maxAgeSeconds: deps.tokens.sessionTtlSeconds, sameSite: 'strict' });
  setFlag(deps.tokens.sessionTtlSeconds, jar);
}

export function clearSessionCookies(jar: CookieJar | null) {
  jar?.clear(ACCESS_COOKIE);
  jar?.clear(REFRESH_COOKIE);
  jar?.clear(SESSION_FLAG_COOKIE);
}

/**
 * A refresh cookie without the flag (a session opened before the flag existed): sets the flag. The server does it on
 * API calls and when it serves the web app's page, so such a browser is not shown signed out on its first load.
 */
export function keepSessionFlag(sessionTtlSeconds: number, jar: CookieJar | null) {
  if (jar?.get(REFRESH_COOKIE) && !jar.get(SESSION_FLAG_COOKIE)) setFlag(sessionTtlSeconds, jar);
}
