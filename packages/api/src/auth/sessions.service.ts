// The user's signed-in devices: list them, end one, all the others, or all of them.
import Bowser from 'bowser';
import { sessionsRepository, type Session } from '@veza/db';
import type { Context, Viewer } from '../context.ts';
import { notFound } from '../errors.ts';
import { audit } from '../security/audit.ts';
import { sessionsRevoked } from './invalidate.ts';
import type { SessionSecondFactor } from './session.service.ts';

type Ctx = Pick<Context, 'deps' | 'em' | 'meta'>;

export type DeviceKind = 'desktop' | 'mobile' | 'tablet' | 'other';

export interface SessionDto {
  id: string;
  /** The session making this request. */
  current: boolean;
  /** "Firefox 133", from the user agent recorded at sign-in. */
  browser: string | null;
  /** "Windows 10", "iOS 17.5". */
  os: string | null;
  device: DeviceKind;
  ip: string | null;
  /** How it was opened (the first factor): password, passkey, oauth:<provider>. */
  method: string;
  /** What completed the sign-in after it, for accounts with 2FA: an authenticator app code or a recovery code. */
  secondFactor: SessionSecondFactor | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

const major = (version: string | undefined) => version?.split('.')[0] || null;

/** Browser, OS and device kind from a user agent string (null parts when it says nothing useful). */
export function describeUserAgent(userAgent: string | null): Pick<SessionDto, 'browser' | 'os' | 'device'> {
  if (!userAgent) return { browser: null, os: null, device: 'other' };
  const parsed = Bowser.parse(userAgent);
  const browserName = parsed.browser.name || null;
  const browserVersion = major(parsed.browser.version);
  const osName = parsed.os.name || null;
  const osVersion = parsed.os.versionName ?? parsed.os.version ?? null;
  const type = parsed.platform.type;
  return {
    browser: browserName ? [browserName, browserVersion].filter(Boolean).join(' ') : null,
    os: osName ? [osName, osVersion].filter(Boolean).join(' ') : null,
    device: type === 'desktop' || type === 'mobile' || type === 'tablet' ? type : 'other',
  };
}

export const toSessionDto = (session: Session, currentId: string): SessionDto => ({
  id: session.id,
  current: session.id === currentId,
  ...describeUserAgent(session.userAgent ?? null),
  ip: session.ip ?? null,
  method: session.method,
  secondFactor: session.secondFactor === 'totp' || session.secondFactor === 'recovery' ? session.secondFactor : null,
  createdAt: session.createdAt.toISOString(),
  lastSeenAt: session.lastUsedAt.toISOString(),
  expiresAt: session.expiresAt.toISOString(),
});

/** Live sessions, the current one first, then most recently seen. */
export async function list(ctx: Ctx, viewer: Viewer): Promise<SessionDto[]> {
  const sessions = await sessionsRepository(ctx.em).listLive(viewer.id, new Date());
  return sessions.map((s) => toSessionDto(s, viewer.sessionId)).sort((a, b) => Number(b.current) - Number(a.current));
}

async function revoked(ctx: Ctx, viewer: Viewer, ids: string[], scope: 'one' | 'others' | 'all') {
  await sessionsRevoked(ctx.deps, ids);
  if (ids.length) await audit(ctx, 'session.revoked', { actorId: viewer.id }, { scope, count: ids.length, current: ids.includes(viewer.sessionId) });
}

/** Ends one of the viewer's own sessions; someone else's (or an ended one) is NOT_FOUND. Returns whether it was the current one. */
export async function revoke(ctx: Ctx, viewer: Viewer, id: string): Promise<{ current: boolean }> {
  const changed = await sessionsRepository(ctx.em).revokeOwn(id, viewer.id, new Date(), 'revoked');
  if (changed !== 1) throw notFound('Session');
  await revoked(ctx, viewer, [id], 'one');
  return { current: id === viewer.sessionId };
}

/** "Log out everywhere else". */
export async function revokeOthers(ctx: Ctx, viewer: Viewer): Promise<{ revoked: number }> {
  const ids = await sessionsRepository(ctx.em).revokeAllForUser(viewer.id, new Date(), 'revoked', viewer.sessionId);
  await revoked(ctx, viewer, ids, 'others');
  return { revoked: ids.length };
}

/** "Log out everywhere", this session included. */
export async function revokeAll(ctx: Ctx, viewer: Viewer): Promise<{ revoked: number }> {
  const ids = await sessionsRepository(ctx.em).revokeAllForUser(viewer.id, new Date(), 'revoked');
  await revoked(ctx, viewer, ids, 'all');
  return { revoked: ids.length };
}
