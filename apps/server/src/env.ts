// The only module that reads process.env: validates the server's configuration once, fail-fast.
import { createECDH, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OAuthConfig, TurnConfig, VapidKeys } from '@veza/api';
import { OAUTH_PROVIDERS } from '@veza/db';
import type { StorageConfig } from '@veza/storage';
import { z } from 'zod';
import { DEFAULT_WS_MAX_BUFFERED_BYTES } from './ws-backpressure.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const MIN_SECRET = 32;
const PORT_MESSAGE = 'must be a port number (0-65535)';
/** Uploads stream to disk (tus or multipart), never into memory: large masters are fine. */
const MAX_UPLOAD_CEILING = 10 * 1024 * 1024 * 1024;

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL when set; PGlite under `<dataDir>/db` otherwise. */
  databaseUrl: string | undefined;
  /** Redis for cross-instance pub/sub; the in-process bus when unset. */
  redisUrl: string | undefined;
  jwtSecret: string;
  maxUploadBytes: number;
  /** Upload requests (tus PATCH) receiving bytes at once, across all users; more get 429. */
  maxConcurrentUploads: number;
  accessTokenTtlSeconds: number;
  sessionTtlSeconds: number;
  /** Tracks longer than this are refused at processing, with a plain message. */
  maxDurationSeconds: number;
  /** Processing jobs this process runs at once (ffmpeg is CPU-bound: about one per two cores). */
  processingConcurrency: number;
  /** Wall-clock limit of one processing attempt. */
  processingTimeoutSeconds: number;
  /** Where media bytes live: local disk under `<dataDir>/media` (default) or an S3-compatible bucket. */
  storage: StorageConfig;
  /** Memory kept for hot HLS segments (0 turns the cache off). */
  hlsCacheBytes: number;
  /** Run the processing worker inside the web server (default); set false when separate worker processes run. */
  workerInProcess: boolean;
  /** How often trending ranks are recomputed, in seconds (0: never on this instance). */
  trendingIntervalSeconds: number;
  /** How often the notification digests due are sent, in seconds (0: never on this instance). */
  digestIntervalSeconds: number;
  /** The origin the app is served from (e.g. https://veza.example); decides `Secure` cookies when set. */
  publicOrigin: string | undefined;
  /** Extra origins allowed to open WebSockets and post uploads with the session cookie. */
  corsOrigins: string[];
  webDist: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Trust X-Forwarded-* from a reverse proxy (for client IPs and the request protocol). */
  trustProxy: boolean;
  secureCookies: boolean;
  /** Where users reach the app (PUBLIC_ORIGIN, or http://localhost:<port>): email links, WebAuthn, OAuth redirects. */
  appOrigin: string;
  /** SMTP server for outgoing mail (smtp:// or smtps://); the dev mailbox when unset. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Days an account waits between a deletion request and its purge. */
  deletionGraceDays: number;
  /** Requests per minute one client IP may make (HLS segments, health and assets excepted); 0 turns it off. */
  rateLimitPerMinute: number;
  /** Bearer token required to scrape /metrics (any environment); without it, /metrics is open only outside production. */
  metricsToken: string | undefined;
  /** A separate listener for /metrics (the worker's only listener); the public port then answers 404 there. */
  metricsPort: number | undefined;
  metricsHost: string;
  /** OTLP/HTTP base endpoint: tracing is on (and its SDK loaded) only when set. */
  otelEndpoint: string | undefined;
  otelServiceName: string;
  /** OAuth client registrations, per provider; a provider without one is not offered. */
  oauth: OAuthConfig;
  /** Resumable (tus) uploads in progress; a directory shared by every instance lets an upload continue on any of them. */
  uploadDir: string;
  /** On SIGTERM, how long /readyz fails (while requests are still served) before the server closes. */
  shutdownDrainSeconds: number;
  /** STUN/TURN servers for calls (TURN_URLS) and coturn's static auth secret (TURN_SECRET); none: calls work on the same network only. */
  turn: TurnConfig;
  /** WS_MAX_BUFFERED_BYTES: bytes queued unread on one WebSocket before it is closed with 4408 (the client resumes from its last event id). */
  wsMaxBufferedBytes: number;
  /** Web push (issue 12): VAPID keys and contact, and push services trusted besides the known ones. */
  push: PushSettings;
}

export interface PushSettings {
  /**
   * VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY (base64url, e.g. from `npx web-push generate-vapid-keys`). When unset: outside
   * production a pair is generated on first start and kept in `<dataDir>/vapid-keys.json` (`vapidKeysOf`); in
   * production push is off.
   */
  vapidKeys: { publicKey: string; privateKey: string } | null;
  /** VAPID_SUBJECT: how push services reach the operator (mailto: or https:); defaults to an https PUBLIC_ORIGIN. */
  vapidSubject: string;
  /** PUSH_SERVICE_ORIGINS: exact https origins of self-hosted push services to allow besides the known ones. */
  serviceOrigins: string[];
}


export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid server configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalString = z.preprocess(blankToUndefined, z.string().trim().optional());
const intVar = (fallback: number, min: number, what: string) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `must be a whole number (${what})` })
      .int(`must be a whole number (${what})`)
      .min(min, `must be at least ${min} (${what})`)
      .default(fallback),
  );
const origin = z.string().refine((v) => {
  try {
    const url = new URL(v);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === v.replace(/\/$/, '');
  } catch {
    return false;
  }
}, 'must be an origin such as https://veza.example (scheme, host and optional port, no path)');

const schema = z.object({
  NODE_ENV: z.preprocess(
    blankToUndefined,
    z.enum(['development', 'production', 'test'], 'must be development, production or test').default('development'),
  ),
  PORT: z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: PORT_MESSAGE }).int(PORT_MESSAGE).min(0, PORT_MESSAGE).max(65_535, PORT_MESSAGE).default(3000),
  ),
  HOST: z.preprocess(blankToUndefined, z.string().default('0.0.0.0')),
  DATA_DIR: optionalString,
  DATABASE_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// connection string')
      .optional(),
  ),
  REDIS_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
      .optional(),
  ),
  JWT_SECRET: optionalString,
  MAX_UPLOAD_BYTES: intVar(500 * 1024 * 1024, 1024, 'bytes').refine((v) => v <= MAX_UPLOAD_CEILING, `must be at most ${MAX_UPLOAD_CEILING} (10 GB)`),
  MAX_CONCURRENT_UPLOADS: intVar(16, 1, 'uploads'),
  MAX_DURATION: intVar(3 * 3600, 10, 'seconds'),
  PROCESSING_CONCURRENCY: intVar(1, 1, 'jobs'),
  HLS_CACHE_MB: intVar(64, 0, 'megabytes'),
  STORAGE: z.preprocess(blankToUndefined, z.enum(['local', 's3'], 'must be local or s3').default('local')),
  S3_BUCKET: optionalString,
  S3_REGION: optionalString,
  S3_ENDPOINT: z.preprocess(blankToUndefined, z.url('must be a URL such as http://127.0.0.1:9000').optional()),
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  S3_FORCE_PATH_STYLE: z.preprocess(blankToUndefined, z.enum(['true', 'false', '1', '0'], 'must be true or false').default('false')),
  S3_PREFIX: optionalString,
  PROCESSING_TIMEOUT: intVar(30 * 60, 30, 'seconds'),
  WORKER_IN_PROCESS: z.preprocess(blankToUndefined, z.enum(['true', 'false', '1', '0'], 'must be true or false').default('true')),
  TRENDING_INTERVAL: intVar(600, 0, 'seconds; 0 turns it off'),
  DIGEST_INTERVAL: intVar(900, 0, 'seconds; 0 turns it off'),
  ACCESS_TOKEN_TTL: intVar(900, 30, 'seconds'),
  SESSION_TTL: intVar(30 * 24 * 3600, 300, 'seconds'),
  PUBLIC_ORIGIN: z.preprocess(blankToUndefined, origin.optional()),
  CORS_ORIGINS: z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : []),
    z.array(origin),
  ),
  WEB_DIST: optionalString,
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'must be one of fatal, error, warn, info, debug, trace, silent').optional(),
  ),
  TRUST_PROXY: z.preprocess(blankToUndefined, z.enum(['true', 'false', '1', '0'], 'must be true or false').default('false')),
  SMTP_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .optional(),
  ),
  MAIL_FROM: z.preprocess(blankToUndefined, z.string().trim().min(3).default('Veza <no-reply@veza.local>')),
  ACCOUNT_DELETION_GRACE_DAYS: intVar(14, 0, 'days'),
  RATE_LIMIT_PER_MINUTE: intVar(600, 0, 'requests'),
  METRICS_TOKEN: z.preprocess(blankToUndefined, z.string().trim().min(16, 'must be at least 16 characters').optional()),
  METRICS_PORT: z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: PORT_MESSAGE }).int(PORT_MESSAGE).min(0, PORT_MESSAGE).max(65_535, PORT_MESSAGE).optional(),
  ),
  METRICS_HOST: z.preprocess(blankToUndefined, z.string().default('127.0.0.1')),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:4318' }).optional()),
  OTEL_SERVICE_NAME: z.preprocess(blankToUndefined, z.string().trim().default('veza')),
  UPLOAD_DIR: optionalString,
  TURN_URLS: z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : []),
    z
      .array(z.string())
      .refine((urls) => urls.every((u) => /^(turns?|stuns?):[^\s,]+$/i.test(u)), 'must be comma-separated turn:, turns: or stun: URLs such as turn:turn.example:3478?transport=udp'),
  ),
  TURN_SECRET: z.preprocess(blankToUndefined, z.string().trim().min(16, 'must be at least 16 characters (coturn static-auth-secret)').optional()),
  /** Calls through TURN only (iceTransportPolicy 'relay'): hides the peers' addresses from each other; the E2E uses it to stay on loopback. */
  TURN_RELAY_ONLY: z.preprocess(blankToUndefined, z.enum(['true', 'false', '1', '0'], 'must be true or false').default('false')),
  WS_MAX_BUFFERED_BYTES: intVar(DEFAULT_WS_MAX_BUFFERED_BYTES, 64 * 1024, 'bytes'),
  VAPID_PUBLIC_KEY: optionalString,
  VAPID_PRIVATE_KEY: optionalString,
  VAPID_SUBJECT: z.preprocess(blankToUndefined, z.string().trim().regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/, 'must be a mailto: address or an https:// URL').optional()),
  PUSH_SERVICE_ORIGINS: z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : []),
    z.array(origin.refine((v) => v.startsWith('https://'), 'must be https origins such as https://push.example.org')),
  ),
  SHUTDOWN_DRAIN_SECONDS: z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: 'must be a number of seconds' }).min(0, 'must be at least 0').max(300, 'must be at most 300').optional(),
  ),
});

/** OAUTH_<PROVIDER>_CLIENT_ID / _CLIENT_SECRET, and optional _AUTHORIZE_URL / _TOKEN_URL / _USERINFO_URL. */
function oauthConfig(env: Record<string, string | undefined>): { config: Config['oauth']; problems: string[] } {
  const config: Config['oauth'] = {};
  const problems: string[] = [];
  const url = z.url();
  for (const provider of OAUTH_PROVIDERS) {
    const prefix = `OAUTH_${provider.toUpperCase()}_`;
    const read = (name: string) => env[prefix + name]?.trim() || undefined;
    const clientId = read('CLIENT_ID');
    const clientSecret = read('CLIENT_SECRET');
    if (!clientId && !clientSecret) continue;
    if (!clientId || !clientSecret) {
      problems.push(`${prefix}CLIENT_ID and ${prefix}CLIENT_SECRET must be set together`);
      continue;
    }
    const endpoints = { authorizeUrl: read('AUTHORIZE_URL'), tokenUrl: read('TOKEN_URL'), userInfoUrl: read('USERINFO_URL') };
    for (const [key, value] of Object.entries({ AUTHORIZE_URL: endpoints.authorizeUrl, TOKEN_URL: endpoints.tokenUrl, USERINFO_URL: endpoints.userInfoUrl })) {
      if (value && !url.safeParse(value).success) problems.push(`${prefix}${key} must be a URL`);
    }
    config[provider] = { clientId, clientSecret, ...endpoints };
  }
  return { config, problems };
}

const absolute = (path: string) => (isAbsolute(path) ? path : resolve(path));

/** In development and test a random secret is kept in `<dataDir>/dev-secret`, so restarts keep sessions. */
function devSecret(dataDir: string): string {
  const file = join(dataDir, 'dev-secret');
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= MIN_SECRET) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(48).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

const VAPID_DEV_FILE = 'vapid-keys.json';
const base64urlBytes = (value: string) => (/^[A-Za-z0-9_-]+$/.test(value) ? Buffer.from(value, 'base64url') : null);

/** Whether `publicKey` / `privateKey` are a VAPID pair: a P-256 public key (65 bytes) and its private key (32 bytes). */
function vapidPairProblem(publicKey: string, privateKey: string): string | null {
  const pub = base64urlBytes(publicKey);
  const priv = base64urlBytes(privateKey);
  if (!pub || pub.length !== 65 || pub[0] !== 4) return 'VAPID_PUBLIC_KEY must be a base64url P-256 public key (65 bytes, as `npx web-push generate-vapid-keys` prints)';
  if (!priv || priv.length !== 32) return 'VAPID_PRIVATE_KEY must be a base64url P-256 private key (32 bytes)';
  try {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(priv);
    if (!ecdh.getPublicKey().equals(pub)) return 'VAPID_PUBLIC_KEY is not the public key of VAPID_PRIVATE_KEY';
  } catch {
    return 'VAPID_PRIVATE_KEY is not a valid P-256 private key';
  }
  return null;
}

/** VAPID keys and contact, or their problems. Keys come in pairs; a production server with keys needs a contact. */
function pushSettings(e: { NODE_ENV: string; VAPID_PUBLIC_KEY?: string | undefined; VAPID_PRIVATE_KEY?: string | undefined; VAPID_SUBJECT?: string | undefined; PUBLIC_ORIGIN?: string | undefined; PUSH_SERVICE_ORIGINS: string[] }): { settings: PushSettings; problems: string[] } {
  const publicKey = e.VAPID_PUBLIC_KEY;
  const privateKey = e.VAPID_PRIVATE_KEY;
  const problems: string[] = [];
  if (!publicKey !== !privateKey) problems.push('VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be set together');
  const pairProblem = publicKey && privateKey ? vapidPairProblem(publicKey, privateKey) : null;
  if (pairProblem) problems.push(pairProblem);
  const httpsOrigin = e.PUBLIC_ORIGIN?.startsWith('https://') ? e.PUBLIC_ORIGIN.replace(/\/$/, '') : undefined;
  const subject = e.VAPID_SUBJECT ?? httpsOrigin;
  if (e.NODE_ENV === 'production' && publicKey && !subject) problems.push('VAPID_SUBJECT is required with VAPID keys in production (mailto:you@example.org or an https:// URL) unless PUBLIC_ORIGIN is https');
  return {
    settings: {
      vapidKeys: publicKey && privateKey ? { publicKey, privateKey } : null,
      vapidSubject: subject ?? 'mailto:webpush@veza.invalid',
      serviceOrigins: e.PUSH_SERVICE_ORIGINS.map((o) => o.replace(/\/$/, '')),
    },
    problems,
  };
}

/**
 * The VAPID keys push uses: the configured pair; outside production without one, a pair generated on first start and
 * kept in `<dataDir>/vapid-keys.json` (so browsers stay subscribed across restarts); in production without one, null
 * (push off).
 */
export function vapidKeysOf(config: Pick<Config, 'env' | 'dataDir' | 'push'>): VapidKeys | null {
  const subject = config.push.vapidSubject;
  if (config.push.vapidKeys) return { ...config.push.vapidKeys, subject };
  if (config.env === 'production') return null;
  const file = join(config.dataDir, VAPID_DEV_FILE);
  const read = () => {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as { publicKey?: unknown; privateKey?: unknown };
    if (typeof kept.publicKey !== 'string' || typeof kept.privateKey !== 'string' || vapidPairProblem(kept.publicKey, kept.privateKey)) {
      throw new Error(`${file} does not hold a VAPID key pair: delete it to generate a new one`);
    }
    return { publicKey: kept.publicKey, privateKey: kept.privateKey, subject };
  };
  try {
    return read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const jwk = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'jwk' });
  const pair = {
    publicKey: Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x ?? '', 'base64url'), Buffer.from(jwk.y ?? '', 'base64url')]).toString('base64url'),
    privateKey: jwk.d ?? '',
  };
  mkdirSync(config.dataDir, { recursive: true });
  try {
    writeFileSync(file, `${JSON.stringify(pair)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process of this data directory wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return read();
    throw error;
  }
  return { ...pair, subject };
}

/** With STORAGE=s3 the bucket, region and credentials are required. */
function storageProblems(env: Record<string, string | undefined>): string[] {
  if (env.STORAGE?.trim() !== 's3') return [];
  return ['S3_BUCKET', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']
    .filter((name) => !env[name]?.trim())
    .map((name) => `${name} is required when STORAGE=s3`);
}

/** The secret rules depend on NODE_ENV, so they are checked on the raw values, beside the schema. */
function secretProblems(env: Record<string, string | undefined>): string[] {
  const secret = env.JWT_SECRET?.trim();
  if (env.NODE_ENV?.trim() === 'production') {
    if (!secret) return [`JWT_SECRET is required in production (at least ${MIN_SECRET} random characters)`];
    if (secret.length < MIN_SECRET) return [`JWT_SECRET must be at least ${MIN_SECRET} characters in production (got ${secret.length})`];
  } else if (secret && secret.length < MIN_SECRET) {
    return [`JWT_SECRET must be at least ${MIN_SECRET} characters (got ${secret.length}); unset it to use a generated development secret`];
  }
  return [];
}

/** TURN URLs need the shared secret to mint credentials, and a secret without TURN URLs is a mistake. */
function turnProblems(urls: string[], secret: string | undefined): string[] {
  const turn = urls.some((u) => /^turns?:/i.test(u));
  if (turn && !secret) return ['TURN_SECRET is required when TURN_URLS has turn: or turns: URLs (coturn static-auth-secret)'];
  if (!turn && secret) return ['TURN_SECRET is set but TURN_URLS has no turn: or turns: URL'];
  return [];
}

/** For the entry points: the config, or its problems on stderr and exit code 1. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  const oauth = oauthConfig(env);
  const problems = [
    ...oauth.problems,
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`)),
    ...secretProblems(env),
    ...storageProblems(env),
    ...(parsed.success ? turnProblems(parsed.data.TURN_URLS, parsed.data.TURN_SECRET) : []),
    ...(parsed.success ? pushSettings(parsed.data).problems : []),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;

  const dataDir = absolute(e.DATA_DIR ?? join(REPO_ROOT, '.data'));
  const publicOrigin = e.PUBLIC_ORIGIN?.replace(/\/$/, '');
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    jwtSecret: e.JWT_SECRET ?? devSecret(dataDir),
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    maxConcurrentUploads: e.MAX_CONCURRENT_UPLOADS,
    maxDurationSeconds: e.MAX_DURATION,
    processingConcurrency: e.PROCESSING_CONCURRENCY,
    hlsCacheBytes: e.HLS_CACHE_MB * 1024 * 1024,
    storage:
      e.STORAGE === 's3'
        ? {
            kind: 's3',
            bucket: e.S3_BUCKET ?? '',
            region: e.S3_REGION ?? '',
            endpoint: e.S3_ENDPOINT,
            accessKeyId: e.S3_ACCESS_KEY_ID ?? '',
            secretAccessKey: e.S3_SECRET_ACCESS_KEY ?? '',
            forcePathStyle: e.S3_FORCE_PATH_STYLE === 'true' || e.S3_FORCE_PATH_STYLE === '1',
            prefix: e.S3_PREFIX,
          }
        : { kind: 'local', root: join(dataDir, 'media') },
    processingTimeoutSeconds: e.PROCESSING_TIMEOUT,
    workerInProcess: e.WORKER_IN_PROCESS === 'true' || e.WORKER_IN_PROCESS === '1',
    trendingIntervalSeconds: e.TRENDING_INTERVAL,
    digestIntervalSeconds: e.DIGEST_INTERVAL,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL,
    sessionTtlSeconds: e.SESSION_TTL,
    publicOrigin,
    corsOrigins: e.CORS_ORIGINS.map((o) => o.replace(/\/$/, '')),
    webDist: absolute(e.WEB_DIST ?? join(REPO_ROOT, 'apps/web/dist')),
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    trustProxy: e.TRUST_PROXY === 'true' || e.TRUST_PROXY === '1',
    secureCookies: publicOrigin ? publicOrigin.startsWith('https:') : e.NODE_ENV === 'production',
    appOrigin: publicOrigin ?? `http://localhost:${e.PORT}`,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    deletionGraceDays: e.ACCOUNT_DELETION_GRACE_DAYS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    metricsToken: e.METRICS_TOKEN,
    metricsPort: e.METRICS_PORT,
    metricsHost: e.METRICS_HOST,
    otelEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT,
    otelServiceName: e.OTEL_SERVICE_NAME,
    oauth: oauth.config,
    uploadDir: absolute(e.UPLOAD_DIR ?? join(dataDir, 'tmp', 'tus')),
    // Long enough for a balancer checking /readyz every few seconds to stop sending new requests.
    shutdownDrainSeconds: e.SHUTDOWN_DRAIN_SECONDS ?? (e.NODE_ENV === 'production' ? 10 : e.NODE_ENV === 'test' ? 0 : 1),
    turn: { urls: e.TURN_URLS, secret: e.TURN_SECRET, relayOnly: e.TURN_RELAY_ONLY === 'true' || e.TURN_RELAY_ONLY === '1' },
    wsMaxBufferedBytes: e.WS_MAX_BUFFERED_BYTES,
    push: pushSettings(e).settings,
  };
}
