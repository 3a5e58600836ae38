// Response hardening for every Fastify response: security headers (computed once from the config) with a strict
// Content Security Policy for the web app, CORS for the configured origins only, and a generous global per-IP
// request budget. HLS segments are served by a plain handler in front of Fastify (routes/hls.ts) and skip all of
// this; tRPC's HTTP fast path (trpc-http.ts) applies the same headers, CORS answer and budget itself.
import type { IncomingMessage } from 'node:http';
import fastifyCors from '@fastify/cors';
import type { RateLimits } from '@veza/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from './env.ts';
import { errorBody } from './http-errors.ts';
import { TUS_PATH } from './routes/tus.ts';

type SecurityConfig = Pick<Config, 'appOrigin' | 'publicOrigin' | 'corsOrigins' | 'secureCookies'>;

/** The origins a browser page may call the API from with credentials. */
export const allowedOrigins = (config: SecurityConfig) => [...new Set([config.appOrigin, ...(config.publicOrigin ? [config.publicOrigin] : []), ...config.corsOrigins])];

/**
 * The web app's policy: only its own scripts and styles (Vite emits files, no inline code; React's style
 * props go through the CSSOM, which CSP does not govern), images from itself or data:/blob: URLs (covers,
 * previews), audio from itself and blob: (hls.js plays through Media Source Extensions, whose URLs are blob:),
 * hls.js's worker from a blob: URL, connections to itself over HTTP and WebSocket, never framed (but for /embed/*:
 * embedSecurityHeaders), framing only its own embed player.
 */
export function contentSecurityPolicy(config: SecurityConfig): Record<string, string[]> {
  const app = new URL(config.appOrigin);
  const ws = `${app.protocol === 'https:' ? 'wss:' : 'ws:'}//${app.host}`;
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'media-src': ["'self'", 'blob:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ws],
    'worker-src': ["'self'", 'blob:'],
    'manifest-src': ["'self'"],
    'frame-ancestors': ["'none'"],
    // Only the app's own embed player (the Embed dialog's preview); every other page refuses to be framed.
    'frame-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    ...(app.protocol === 'https:' ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/**
 * The headers every response carries (helmet's set, with our policy), computed once: they depend only on the
 * config, so no request pays for building them.
 */
export function securityHeaders(config: SecurityConfig): Readonly<Record<string, string>> {
  const csp = Object.entries(contentSecurityPolicy(config))
    .map(([name, values]) => (values.length ? `${name} ${values.join(' ')}` : name))
    .join(';');
  return Object.freeze({
    'content-security-policy': csp,
    'cross-origin-opener-policy': 'same-origin',
    // same-site: a front end on a sibling origin (CORS_ORIGINS) can still show covers and play audio.
    'cross-origin-resource-policy': 'same-site',
    'origin-agent-cluster': '?1',
    'referrer-policy': 'no-referrer',
    // Only meaningful (and only honoured) over HTTPS.
    ...(config.secureCookies ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
    'x-content-type-options': 'nosniff',
    'x-dns-prefetch-control': 'off',
    'x-download-options': 'noopen',
    'x-frame-options': 'DENY',
    'x-permitted-cross-domain-policies': 'none',
    'x-xss-protection': '0',
  });
}

const EXPOSED_HEADERS = ['retry-after', 'content-range', 'accept-ranges', 'etag'];

/** CORS headers of a (non-preflight) answer to a page from `origin`; none for origins not allowed. */
export function corsHeaders(origins: ReadonlySet<string>, origin: string | undefined): Record<string, string> | null {
  if (!origin || !origins.has(origin)) return null;
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-expose-headers': EXPOSED_HEADERS.join(', '),
  };
}
/**
 * Paths that skip the global request budget: HLS segments (many per minute while listening), health checks and
 * metrics (load balancers and Prometheus poll them from one address; /metrics is gated by METRICS_TOKEN or
 * METRICS_PORT, /health/deep runs one set of checks at a time however many ask), hashed assets.
 */
const UNMETERED = [/^\/media\/hls\//, /^\/healthz$/, /^\/readyz$/, /^\/health\/deep$/, /^\/metrics$/, /^\/assets\//];
const metered = (req: FastifyRequest) => {
  const path = req.url.split('?')[0] ?? '/';
  return !UNMETERED.some((re) => re.test(path));
};

const firstHeader = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The client's address as Fastify's `req.ip` computes it: the left-most X-Forwarded-For entry behind a trusted proxy. */
export function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? firstHeader(req.headers['x-forwarded-for'])?.split(',')[0]?.trim() : undefined;
  return forwarded || req.socket.remoteAddress || '';
}

/** The body of the global budget's refusal (429, with `Retry-After: wait`). */
export const tooManyRequests = (wait: number) =>
  errorBody('TOO_MANY_REQUESTS', `Too many requests. Please wait ${wait} second${wait === 1 ? '' : 's'} and try again.`);

/** The embeddable player's pages (issue 11): the only documents other sites may frame. */
export const isEmbedPath = (url: string) => url.startsWith('/embed/');

/**
 * The embed pages' headers: the same set, except that any site may frame them (`frame-ancestors *`, no
 * X-Frame-Options). Everything else keeps DENY / 'none'.
 */
export function embedSecurityHeaders(config: SecurityConfig): Readonly<Record<string, string>> {
  const csp = Object.entries({ ...contentSecurityPolicy(config), 'frame-ancestors': ['*'] })
    .map(([name, values]) => (values.length ? `${name} ${values.join(' ')}` : name))
    .join(';');
  const { 'x-frame-options': _denied, ...rest } = securityHeaders(config);
  return Object.freeze({ ...rest, 'content-security-policy': csp });
}

export async function registerSecurityHeaders(app: FastifyInstance, { config, limits }: { config: SecurityConfig; limits: RateLimits }) {
  const headers = securityHeaders(config);
  const embedHeaders = embedSecurityHeaders(config);
  app.addHook('onRequest', async (req, reply) => {
    reply.headers(isEmbedPath(req.url) ? embedHeaders : headers);
  });

  const origins = new Set(allowedOrigins(config));
  await app.register(fastifyCors, {
    // tus answers its own preflights with its protocol's headers (routes/tus.ts).
    delegator: (req, callback) => {
      const path = req.url?.split('?')[0] ?? '';
      if (path === TUS_PATH || path.startsWith(`${TUS_PATH}/`)) return callback(null, { origin: false });
      const origin = req.headers.origin;
      callback(null, {
        origin: origin && origins.has(origin) ? origin : false,
        credentials: true,
        methods: ['GET', 'HEAD', 'POST'],
        allowedHeaders: ['content-type', 'authorization', 'trpc-accept', 'range'],
        exposedHeaders: EXPOSED_HEADERS,
        maxAge: 600,
      });
    },
  });

  // A response that depends on the Origin must say so, even when a handler (tRPC) sets its own Vary.
  // (tRPC answers with a fetch Response whose headers Fastify copies over the reply's after this hook.)
  const withOrigin = (vary: string) => (/(^|,)\s*origin\s*(,|$)/i.test(vary) ? vary : vary ? `${vary}, Origin` : 'Origin');
  app.addHook('onSend', async (_req, reply, payload) => {
    if (reply.getHeader('access-control-allow-origin') === undefined) return payload;
    reply.header('vary', withOrigin(String(reply.getHeader('vary') ?? '')));
    if (payload instanceof Response && payload.headers.has('vary')) payload.headers.set('vary', withOrigin(payload.headers.get('vary') ?? ''));
    return payload;
  });

  app.addHook('onRequest', async (req, reply) => {
    if (!metered(req)) return;
    const wait = await limits.hit(req.ip);
    if (wait === null) return;
    return reply.code(429).header('retry-after', String(wait)).send(tooManyRequests(wait));
  });
}
