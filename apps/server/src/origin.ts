import type { IncomingHttpHeaders } from 'node:http';
import type { Config } from './env.ts';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Cookie-authenticated requests that a browser can make cross-site without a CORS preflight
 * (WebSocket upgrades, multipart form posts) must come from the app itself: the same host,
 * PUBLIC_ORIGIN, one of CORS_ORIGINS, or (outside production) any localhost port.
 * Requests without an Origin header (curl, native clients) are not browser-driven and pass.
 */
export function originAllowed(config: Config, headers: IncomingHttpHeaders): boolean {
  const origin = headers.origin;
  if (!origin) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.host === headers.host) return true;
  if (origin === config.publicOrigin || config.corsOrigins.includes(origin)) return true;
  return config.env !== 'production' && LOCAL_HOSTS.has(url.hostname);
}

/**
 * For cookie-authenticated state-changing calls (CSRF): the browser must show it comes from the app, with an
 * allowed Origin, or, when it sends no Origin, with `Sec-Fetch-Site: same-origin`. Browsers send one of the two
 * on every POST; a request that carries neither is refused rather than trusted.
 */
export function fromAppPage(config: Config, headers: IncomingHttpHeaders): boolean {
  if (headers.origin) return originAllowed(config, headers);
  return headers['sec-fetch-site'] === 'same-origin';
}
