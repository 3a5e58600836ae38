// A bounded `route` label from a raw URL, cheap enough for every request (prefix checks, no parsing, no regex),
// and the same URL with its secrets removed for logs and spans.

export type RouteLabel =
  | '/trpc'
  | '/api/uploads'
  | '/api/tracks'
  | '/api/oauth'
  | '/media/hls'
  | '/media/audio'
  | '/healthz'
  | '/readyz'
  | '/health/deep'
  | '/metrics'
  | 'static'
  | 'other';

const pathOf = (url: string) => {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
};

const under = (path: string, prefix: string) => path.startsWith(prefix) && (path.length === prefix.length || path[prefix.length] === '/');

export function routeLabel(url: string | undefined): RouteLabel {
  const path = pathOf(url ?? '/');
  if (under(path, '/trpc')) return '/trpc';
  if (path.startsWith('/api/')) {
    if (under(path, '/api/uploads')) return '/api/uploads';
    if (under(path, '/api/tracks')) return path.endsWith('/audio') ? '/media/audio' : '/api/tracks';
    if (under(path, '/api/oauth')) return '/api/oauth';
    return 'other';
  }
  if (under(path, '/media/hls')) return '/media/hls';
  if (under(path, '/media')) return '/media/audio';
  if (path === '/healthz' || path === '/readyz' || path === '/health/deep' || path === '/metrics') return path;
  // The web app: its hashed assets, and index.html for every client-side route.
  return 'static';
}

/** Query values that must never reach a log line or a span (OAuth, email links, signed URLs). */
const SECRET_PARAMS = /^(code|state|token|ticket|access_token|refresh_token|id_token|key|sig|signature|password|secret|x-amz-[a-z-]+)$/i;
/** `/media/hls/<track>/<expires>.<signature>/…`: the path segment that is a bearer token. */
const HLS_TOKEN = /^(\/media\/hls\/[^/]+\/)[^/]+/;

/** The URL as it may be logged: the HLS stream token and secret query values replaced by `[redacted]`. */
export function safeUrl(url: string | undefined): string {
  if (!url) return '/';
  const q = url.indexOf('?');
  let path = q === -1 ? url : url.slice(0, q);
  if (path.startsWith('/media/hls/')) path = path.replace(HLS_TOKEN, '$1[redacted]');
  if (q === -1) return path;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq === -1) return pair;
      let name: string;
      try {
        name = decodeURIComponent(pair.slice(0, eq));
      } catch {
        name = pair.slice(0, eq);
      }
      return SECRET_PARAMS.test(name) ? `${pair.slice(0, eq)}=[redacted]` : pair;
    })
    .join('&');
  return `${path}?${query}`;
}
