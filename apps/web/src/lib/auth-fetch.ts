import { refreshSession } from './session-refresh.ts';

/** Procedures whose 401 means "wrong credentials" or "no session", never "access token expired". */
const NO_REFRESH = new Set(['auth.login', 'auth.register', 'auth.refresh', 'auth.logout']);

/** The procedure paths of a tRPC HTTP request: `/trpc/a.b,c.d?batch=1` → ['a.b', 'c.d']. */
export function proceduresOf(url: string, baseUrl: string): string[] {
  const { pathname } = new URL(url, 'http://localhost');
  const base = new URL(baseUrl, 'http://localhost').pathname.replace(/\/$/, '');
  const rest = pathname.startsWith(`${base}/`) ? pathname.slice(base.length + 1) : '';
  return rest ? decodeURIComponent(rest).split(',') : [];
}

const urlOf = (input: RequestInfo | URL) => (typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);

interface MaybeErrorEnvelope {
  error?: { data?: { httpStatus?: number } };
}

/** A batch answers 207 when its calls disagree: look inside for an UNAUTHORIZED one. */
async function hasUnauthorized(response: Response): Promise<boolean> {
  if (response.status === 401) return true;
  if (response.status !== 207) return false;
  try {
    const body = (await response.clone().json()) as MaybeErrorEnvelope[] | MaybeErrorEnvelope;
    const items = Array.isArray(body) ? body : [body];
    return items.some((item) => item.error?.data?.httpStatus === 401);
  } catch {
    return false;
  }
}

/**
 * fetch for tRPC's HTTP links: sends the session cookies, and when the access cookie has expired
 * (401 on anything but the auth.* session calls) refreshes the session once and replays the request.
 * `auth.me` is not excluded: on page load it is what discovers an expired access cookie.
 */
export function createAuthFetch(baseUrl: string) {
  return async function authFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const send = () => fetch(input, { ...init, credentials: 'include' });
    const response = await send();
    const procedures = proceduresOf(urlOf(input), baseUrl);
    if (procedures.length === 0 || procedures.some((p) => NO_REFRESH.has(p))) return response;
    if (!(await hasUnauthorized(response))) return response;
    if (!(await refreshSession())) return response;
    return send();
  };
}
