/**
 * The server's "this browser has a session" flag: `veza_session=1`, set and cleared with the (HttpOnly) session
 * cookies, readable here. Without it there is no session to ask about, so a signed-out page load makes no
 * auth.me / auth.refresh call (each would only answer 401).
 */
export const SESSION_FLAG_COOKIE = 'veza_session';

let trusted = false;

/**
 * Whether the flag decides (the live app, whose server sets it). Mock back ends (dev:mock, Storybook, tests) set no
 * cookies, so by default the flag is not consulted and the session is always asked for.
 */
export function trustSessionFlag(on: boolean) {
  trusted = on;
}

/** True when the session cookies are in the cookie string (`document.cookie` by default). */
export function hasSessionFlag(cookies: string = typeof document === 'undefined' ? '' : document.cookie): boolean {
  return cookies.split(';').some((part) => part.trim() === `${SESSION_FLAG_COOKIE}=1`);
}

/** False only when it is certain there is no session: the flag is trusted and absent. */
export const maybeSignedIn = (): boolean => !trusted || hasSessionFlag();
