import type { Database, Em, UserRole } from '@veza/db';
import type { ObjectStorage } from '@veza/storage';
import type { EventBus } from '@veza/bus';
import { sessionsRepository } from '@veza/db';
import type { Mailer } from './mail/mailer.ts';
import type { OAuthConfig } from './oauth/oauth.config.ts';
import type { RateLimits } from './security/rate-limits.ts';
import type { PresenceStore } from './presence/presence.store.ts';
import type { TurnConfig } from './calls/turn.ts';
import type { SecurityConfig } from './security/security-config.ts';
import type { ApiMetrics } from './observability/metrics.ts';
import type { ApiTracer } from './observability/tracing.ts';
import type { PushConfig } from './notifications/push/push.config.ts';
import { ACCESS_COOKIE, clearSessionCookies, keepSessionFlag } from './auth/cookies.ts';
import type { CachedSession, SessionCache } from './auth/session-cache.ts';
import { lazyEm } from './lazy-em.ts';
import type { LiveLane } from './live-lane.ts';
import { verifyAccessToken, type TokenConfig } from './auth/tokens.ts';
import { runInBackground } from './account/background.ts';

/** Hands work to the durable job queue. */
export interface JobScheduler {
  /** Queues processing (HLS, loudness, waveform) for a track; queuing twice is harmless. */
  enqueueTrackProcessing(trackId: string): Promise<void>;
}

/** Long-lived dependencies, built once by the server (or a test) and shared by every request. */
export interface ApiDeps {
  db: Database;
  storage: ObjectStorage;
  bus: EventBus;
  tokens: TokenConfig;
  jobs: JobScheduler;
  /** Cookies carry `Secure` (production behind HTTPS). */
  secureCookies: boolean;
  mailer: Mailer;
  limits: RateLimits;
  /** Who is online: Redis with REDIS_URL (every instance), memory otherwise. */
  presence: PresenceStore;
  /** STUN/TURN servers for calls (TURN_URLS, TURN_SECRET); no URLs: calls connect only on the same network. */
  turn: TurnConfig;
  security: SecurityConfig;
  oauth: OAuthConfig;
  /**
   * Live sessions of this instance, so authentication needs no database round trip in the common case.
   * Listens on `bus`; writers invalidate it through auth/invalidate.ts.
   */
  sessionCache: SessionCache;
  /** Counters and timings for /metrics; absent in tests and the CLI. */
  metrics?: ApiMetrics | undefined;
  /** A span per procedure when tracing is on (OTEL_EXPORTER_OTLP_ENDPOINT); absent otherwise. */
  tracer?: ApiTracer | undefined;
  /** Web push (VAPID keys, allowed push services); absent or without keys: push is off. */
  push?: PushConfig | undefined;
}

export interface CookieOptions {
  maxAgeSeconds: number;
  sameSite: 'strict' | 'lax';
  /** Hidden from page scripts (the default). Only the non-secret "signed in" flag is readable by the app. */
  httpOnly?: boolean;
}

/** The adapter's cookie access. On WebSocket connections it is read-only (set/clear do nothing): an upgrade cannot set cookies. */
export interface CookieJar {
  get(name: string): string | undefined;
  set(name: string, value: string, options: CookieOptions): void;
  clear(name: string): void;
}

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

/** The signed-in user, as proven by a valid access token. */
export interface Viewer {
  id: string;
  username: string;
  role: UserRole;
  sessionId: string;
  /** Sensitive actions are allowed until then (fresh sign-in or step-up). */
  elevatedUntil: Date | null;
}

export interface Context {
  deps: ApiDeps;
  /** A fresh EntityManager for this request or subscription, forked when first used. */
  em: Em;
  viewer: Viewer | null;
  meta: RequestMeta;
  cookies: CookieJar | null;
  /** The connection's direct lane for subscription events (WebSocket connections that offer one; see live-lane.ts). */
  liveLane: LiveLane | null;
}

export interface ContextInput {
  authorization?: string | undefined;
  cookies: CookieJar | null;
  meta: RequestMeta;
  liveLane?: LiveLane | null;
}

const TOUCH_EVERY_MS = 60_000;

const viewerOf = (s: CachedSession): Viewer => ({ id: s.userId, username: s.username, role: s.role, sessionId: s.sessionId, elevatedUntil: s.elevatedUntil });

/**
 * "Last seen" for the sessions list: written at most once a minute per session, and never waited for (a
 * failed write only leaves "last seen" a little older). Its own fork: the request's may be busy meanwhile.
 */
function touchLater(deps: ApiDeps, sessionId: string, lastUsedAt: number, now: number) {
  if (now - lastUsedAt <= TOUCH_EVERY_MS) return;
  deps.sessionCache.touched(sessionId, now);
  // Background work is settled before shutdown closes the database (and by tests that read "last seen").
  runInBackground(async () => {
    await sessionsRepository(deps.db.fork()).touchIfStale(sessionId, new Date(now), new Date(now - TOUCH_EVERY_MS));
  });
}

/**
 * Bearer header first, then the session cookie. A valid token is not enough: its session must still be
 * live (revocation and log-out take effect at once) and the account not locked; the role is the current one.
 * Served from the session cache when it holds the session (no database round trip); read from the database
 * and cached otherwise. `em` is the request's EntityManager (or how to get it), used only on a miss.
 */
export async function resolveViewer(deps: ApiDeps, authorization: string | undefined, cookies: CookieJar | null, em?: Em | (() => Em)): Promise<Viewer | null> {
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const token = bearer ?? cookies?.get(ACCESS_COOKIE);
  if (!token) return null;
  const claims = await verifyAccessToken(deps.tokens, token);
  if (!claims) return null;
  const cache = deps.sessionCache;
  const cached = cache.get(claims.sessionId);
  if (cached && cached.userId === claims.userId) {
    deps.metrics?.sessionCache('hit');
    touchLater(deps, cached.sessionId, cached.lastUsedAt, Date.now());
    return viewerOf(cached);
  }
  deps.metrics?.sessionCache('miss');
  const generation = cache.generation();
  // The lookup bypasses the identity map, so the request's own EntityManager can serve it.
  const sessions = sessionsRepository(typeof em === 'function' ? em() : (em ?? deps.db.fork()));
  const now = new Date();
  const session = await sessions.liveWithUser(claims.sessionId, now);
  if (!session || session.user.id !== claims.userId || session.user.lockedAt) {
    // A session that ended (revoked, deleted, locked) presented by this browser's cookies: it forgets them, so
    // its next page load starts signed out without asking (auth.refresh would fail anyway).
    if (!bearer) clearSessionCookies(cookies);
    return null;
  }
  const { user } = session;
  const live: CachedSession = {
    sessionId: session.id,
    userId: user.id,
    username: user.username,
    role: user.role,
    elevatedUntil: session.elevatedUntil ?? null,
    expiresAt: session.expiresAt,
    lastUsedAt: session.lastUsedAt.getTime(),
  };
  cache.set(live, generation);
  touchLater(deps, live.sessionId, live.lastUsedAt, now.getTime());
  return viewerOf(live);
}

export async function createContext(deps: ApiDeps, input: ContextInput): Promise<Context> {
  const { em } = lazyEm(() => deps.db.fork());
  const viewer = await resolveViewer(deps, input.authorization, input.cookies, em);
  // Browsers signed in before the flag existed get it here (not when the session just turned out to have ended).
  if (input.authorization === undefined && (viewer || !input.cookies?.get(ACCESS_COOKIE))) keepSessionFlag(deps.tokens.sessionTtlSeconds, input.cookies);
  return {
    deps,
    em,
    viewer,
    meta: input.meta,
    cookies: input.cookies,
    liveLane: input.liveLane ?? null,
  };
}
