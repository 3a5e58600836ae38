import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, REPO_ROOT } from './env.ts';

const SECRET = 'a-production-secret-that-is-long-enough-000';
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'veza-env-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('has working defaults for development', () => {
    const config = loadConfig({ JWT_SECRET: SECRET });
    expect(config).toMatchObject({
      env: 'development',
      port: 3000,
      host: '0.0.0.0',
      dataDir: join(REPO_ROOT, '.data'),
      databaseUrl: undefined,
      maxUploadBytes: 500 * 1024 * 1024,
      maxConcurrentUploads: 16,
      accessTokenTtlSeconds: 900,
      sessionTtlSeconds: 30 * 24 * 3600,
      webDist: join(REPO_ROOT, 'apps/web/dist'),
      corsOrigins: [],
      secureCookies: false,
      logLevel: 'info',
    });
  });

  it('generates a development secret once and keeps it in the data dir', async () => {
    const first = loadConfig({ DATA_DIR: dataDir });
    expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect((await readFile(join(dataDir, 'dev-secret'), 'utf8')).trim()).toBe(first.jwtSecret);
    expect(loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'test' }).jwtSecret).toBe(first.jwtSecret);
  });

  it('lists every problem in one readable message', () => {
    const error = problemsOf({ NODE_ENV: 'production', JWT_SECRET: '0123456789', PORT: 'abc', CORS_ORIGINS: 'https://ok.example,https://bad.example/path' });
    expect(error.problems).toEqual([
      'PORT must be a port number (0-65535)',
      'CORS_ORIGINS.1 must be an origin such as https://veza.example (scheme, host and optional port, no path)',
      'JWT_SECRET must be at least 32 characters in production (got 10)',
    ]);
    expect(error.message).toBe(`Invalid server configuration:\n${error.problems.map((p) => `  - ${p}`).join('\n')}`);
  });

  it('requires a secret in production and rejects odd values', () => {
    expect(problemsOf({ NODE_ENV: 'production' }).problems).toEqual(['JWT_SECRET is required in production (at least 32 random characters)']);
    expect(problemsOf({ NODE_ENV: 'staging', JWT_SECRET: SECRET }).problems).toEqual(['NODE_ENV must be development, production or test']);
    expect(problemsOf({ JWT_SECRET: SECRET, MAX_UPLOAD_BYTES: '1.5' }).problems[0]).toMatch(/^MAX_UPLOAD_BYTES must be a whole number/);
    expect(problemsOf({ JWT_SECRET: SECRET, MAX_UPLOAD_BYTES: String(11 * 1024 ** 3) }).problems[0]).toMatch(/^MAX_UPLOAD_BYTES must be at most .* \(10 GB\)$/);
    expect(loadConfig({ JWT_SECRET: SECRET, MAX_UPLOAD_BYTES: String(4 * 1024 ** 3) }).maxUploadBytes).toBe(4 * 1024 ** 3);
    expect(problemsOf({ JWT_SECRET: SECRET, MAX_CONCURRENT_UPLOADS: '0' }).problems[0]).toBe('MAX_CONCURRENT_UPLOADS must be at least 1 (uploads)');
    expect(problemsOf({ JWT_SECRET: SECRET, DATABASE_URL: 'mysql://x' }).problems[0]).toMatch(/^DATABASE_URL must be a postgres/);
    expect(problemsOf({ JWT_SECRET: SECRET, REDIS_URL: 'localhost:6379' }).problems[0]).toBe('REDIS_URL must be a redis:// or rediss:// URL');
    expect(loadConfig({ JWT_SECRET: SECRET, REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe('redis://127.0.0.1:6379');
    expect(problemsOf({ JWT_SECRET: SECRET, STORAGE: 's3', S3_BUCKET: 'b' }).problems).toEqual([
      'S3_REGION is required when STORAGE=s3',
      'S3_ACCESS_KEY_ID is required when STORAGE=s3',
      'S3_SECRET_ACCESS_KEY is required when STORAGE=s3',
    ]);
    expect(problemsOf({ JWT_SECRET: SECRET, STORAGE: 'ftp' }).problems).toEqual(['STORAGE must be local or s3']);
    expect(
      loadConfig({ JWT_SECRET: SECRET, STORAGE: 's3', S3_BUCKET: 'b', S3_REGION: 'eu-west-3', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_FORCE_PATH_STYLE: 'true' }).storage,
    ).toEqual({ kind: 's3', bucket: 'b', region: 'eu-west-3', endpoint: 'http://127.0.0.1:9000', accessKeyId: 'k', secretAccessKey: 's', forcePathStyle: true, prefix: undefined });
  });

  it('reads production settings', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: SECRET,
      PORT: '8080',
      DATA_DIR: dataDir,
      DATABASE_URL: 'postgres://localhost/veza',
      MAX_UPLOAD_BYTES: String(64 * 1024),
      PUBLIC_ORIGIN: 'https://veza.example/',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      TRUST_PROXY: 'true',
      MAX_CONCURRENT_UPLOADS: '64',
    });
    expect(config).toMatchObject({
      port: 8080,
      dataDir,
      databaseUrl: 'postgres://localhost/veza',
      maxUploadBytes: 65536,
      maxConcurrentUploads: 64,
      publicOrigin: 'https://veza.example',
      corsOrigins: ['https://a.example', 'https://b.example'],
      trustProxy: true,
      secureCookies: true,
      logLevel: 'info',
    });
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET, PUBLIC_ORIGIN: 'http://localhost:3000' }).secureCookies).toBe(false);
  });

  it('reads the background jobs intervals: trending and digests, 0 turning one off', () => {
    expect(loadConfig({ JWT_SECRET: SECRET })).toMatchObject({ trendingIntervalSeconds: 600, digestIntervalSeconds: 900 });
    expect(loadConfig({ JWT_SECRET: SECRET, TRENDING_INTERVAL: '0', DIGEST_INTERVAL: '0' })).toMatchObject({
      trendingIntervalSeconds: 0,
      digestIntervalSeconds: 0,
    });
    expect(loadConfig({ JWT_SECRET: SECRET, DIGEST_INTERVAL: '2' }).digestIntervalSeconds).toBe(2);
    expect(problemsOf({ JWT_SECRET: SECRET, DIGEST_INTERVAL: '-5' }).message).toContain('DIGEST_INTERVAL');
    expect(problemsOf({ JWT_SECRET: SECRET, DIGEST_INTERVAL: 'often' }).message).toContain('DIGEST_INTERVAL');
  });

  it('reads mail, account and OAuth settings', () => {
    const config = loadConfig({
      JWT_SECRET: SECRET,
      PORT: '4000',
      SMTP_URL: 'smtp://user:pass@mail.example:587',
      MAIL_FROM: 'Veza <hello@veza.example>',
      ACCOUNT_DELETION_GRACE_DAYS: '30',
      OAUTH_GITHUB_CLIENT_ID: 'gh-id',
      OAUTH_GITHUB_CLIENT_SECRET: 'gh-secret',
      OAUTH_GOOGLE_CLIENT_ID: 'g-id',
      OAUTH_GOOGLE_CLIENT_SECRET: 'g-secret',
      OAUTH_GOOGLE_AUTHORIZE_URL: 'http://127.0.0.1:9999/authorize',
    });
    expect(config).toMatchObject({
      appOrigin: 'http://localhost:4000',
      smtpUrl: 'smtp://user:pass@mail.example:587',
      mailFrom: 'Veza <hello@veza.example>',
      deletionGraceDays: 30,
      oauth: {
        github: { clientId: 'gh-id', clientSecret: 'gh-secret', authorizeUrl: undefined },
        google: { clientId: 'g-id', authorizeUrl: 'http://127.0.0.1:9999/authorize' },
      },
    });
    expect(Object.keys(config.oauth).sort()).toEqual(['github', 'google']);
    expect(loadConfig({ JWT_SECRET: SECRET, PUBLIC_ORIGIN: 'https://veza.example' }).appOrigin).toBe('https://veza.example');
    expect(loadConfig({ JWT_SECRET: SECRET })).toMatchObject({ smtpUrl: undefined, oauth: {}, deletionGraceDays: 14, rateLimitPerMinute: 600 });
    expect(loadConfig({ JWT_SECRET: SECRET, RATE_LIMIT_PER_MINUTE: '0' }).rateLimitPerMinute).toBe(0);
  });

  it('refuses half-configured OAuth providers and bad mail URLs', () => {
    const error = problemsOf({ JWT_SECRET: SECRET, SMTP_URL: 'http://mail', OAUTH_DISCORD_CLIENT_ID: 'x', OAUTH_SPOTIFY_CLIENT_ID: 'a', OAUTH_SPOTIFY_CLIENT_SECRET: 'b', OAUTH_SPOTIFY_TOKEN_URL: 'not a url' });
    expect(error.problems).toEqual([
      'OAUTH_DISCORD_CLIENT_ID and OAUTH_DISCORD_CLIENT_SECRET must be set together',
      'OAUTH_SPOTIFY_TOKEN_URL must be a URL',
      'SMTP_URL must be an smtp:// or smtps:// URL',
    ]);
  });

  it('reads the many-instances settings: a shared upload directory and the drain on SIGTERM', () => {
    const defaults = loadConfig({ JWT_SECRET: SECRET, DATA_DIR: '/srv/veza' });
    expect(defaults.uploadDir).toBe(join('/srv/veza', 'tmp', 'tus'));
    expect(defaults.shutdownDrainSeconds).toBe(1);
    expect(loadConfig({ JWT_SECRET: SECRET, NODE_ENV: 'production' }).shutdownDrainSeconds).toBe(10);
    expect(loadConfig({ JWT_SECRET: SECRET, NODE_ENV: 'test' }).shutdownDrainSeconds).toBe(0);
    const set = loadConfig({ JWT_SECRET: SECRET, UPLOAD_DIR: '/mnt/shared/uploads', SHUTDOWN_DRAIN_SECONDS: '2.5' });
    expect(set).toMatchObject({ uploadDir: '/mnt/shared/uploads', shutdownDrainSeconds: 2.5 });
    expect(problemsOf({ JWT_SECRET: SECRET, SHUTDOWN_DRAIN_SECONDS: 'soon' }).problems).toEqual(['SHUTDOWN_DRAIN_SECONDS must be a number of seconds']);
    expect(problemsOf({ JWT_SECRET: SECRET, SHUTDOWN_DRAIN_SECONDS: '-1' }).problems).toEqual(['SHUTDOWN_DRAIN_SECONDS must be at least 0']);
  });

  it('reads the calls settings: STUN/TURN URLs and the TURN secret, together or not at all', () => {
    expect(loadConfig({ JWT_SECRET: SECRET }).turn).toEqual({ urls: [], secret: undefined, relayOnly: false });
    const turn = loadConfig({ JWT_SECRET: SECRET, TURN_URLS: ' stun:turn.example:3478, turn:turn.example:3478?transport=udp,turns:turn.example:5349 ', TURN_SECRET: 'coturn-static-auth-secret' });
    expect(turn.turn).toEqual({ urls: ['stun:turn.example:3478', 'turn:turn.example:3478?transport=udp', 'turns:turn.example:5349'], secret: 'coturn-static-auth-secret', relayOnly: false });
    // Relay only (TURN_RELAY_ONLY=1): the app forces TURN, as the calls E2E does on loopback.
    expect(loadConfig({ JWT_SECRET: SECRET, TURN_URLS: 'turn:turn.example:3478', TURN_SECRET: 'coturn-static-auth-secret', TURN_RELAY_ONLY: '1' }).turn.relayOnly).toBe(true);
    // STUN alone needs no secret.
    expect(loadConfig({ JWT_SECRET: SECRET, TURN_URLS: 'stun:stun.example:3478' }).turn).toEqual({ urls: ['stun:stun.example:3478'], secret: undefined, relayOnly: false });
    expect(problemsOf({ JWT_SECRET: SECRET, TURN_URLS: 'turn:turn.example:3478' }).problems).toEqual([
      'TURN_SECRET is required when TURN_URLS has turn: or turns: URLs (coturn static-auth-secret)',
    ]);
    expect(problemsOf({ JWT_SECRET: SECRET, TURN_SECRET: 'coturn-static-auth-secret' }).problems).toEqual(['TURN_SECRET is set but TURN_URLS has no turn: or turns: URL']);
    expect(problemsOf({ JWT_SECRET: SECRET, TURN_URLS: 'https://turn.example', TURN_SECRET: 'coturn-static-auth-secret' }).problems).toEqual([
      'TURN_URLS must be comma-separated turn:, turns: or stun: URLs such as turn:turn.example:3478?transport=udp',
    ]);
    expect(problemsOf({ JWT_SECRET: SECRET, TURN_URLS: 'turn:turn.example', TURN_SECRET: 'short' }).problems).toEqual([
      'TURN_SECRET must be at least 16 characters (coturn static-auth-secret)',
    ]);
  });

  it('reads the observability settings: metrics access and tracing', () => {
    const defaults = loadConfig({ JWT_SECRET: SECRET });
    expect(defaults).toMatchObject({ metricsToken: undefined, metricsPort: undefined, metricsHost: '127.0.0.1', otelEndpoint: undefined, otelServiceName: 'veza' });
    const set = loadConfig({
      JWT_SECRET: SECRET,
      METRICS_TOKEN: 'a-scrape-token-0123456789',
      METRICS_PORT: '9464',
      METRICS_HOST: '10.0.0.5',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_SERVICE_NAME: 'veza-eu',
    });
    expect(set).toMatchObject({ metricsToken: 'a-scrape-token-0123456789', metricsPort: 9464, metricsHost: '10.0.0.5', otelEndpoint: 'http://collector:4318', otelServiceName: 'veza-eu' });
    expect(problemsOf({ JWT_SECRET: SECRET, METRICS_TOKEN: 'short', METRICS_PORT: '70000', OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }).problems).toEqual([
      'METRICS_TOKEN must be at least 16 characters',
      'METRICS_PORT must be a port number (0-65535)',
      'OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL such as http://127.0.0.1:4318',
    ]);
  });
});
