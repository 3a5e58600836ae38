import type { RouterOutputs } from '@veza/api';
import { delay, type RequestHandler } from 'msw';
import { db, viewer } from './db.ts';
import type { MockUser } from './fixtures.ts';
import { MockTrpcError, trpcMsw } from './trpc-msw.ts';

type SessionDto = RouterOutputs['auth']['sessions']['list'][number];
type AuditEventDto = RouterOutputs['admin']['audit']['list']['items'][number];
type DevMailDto = RouterOutputs['devMailbox']['list']['items'][number];
type OAuthLinkDto = RouterOutputs['oauth']['links'][number];
type AdminUserDto = RouterOutputs['admin']['users']['list']['items'][number];
type AccountExport = RouterOutputs['account']['export'];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A fixed clock for deterministic stories and tests: the mock "now" is the real now, rounded to the minute. */
const now = () => Math.floor(Date.now() / 60_000) * 60_000;
const ago = (ms: number) => new Date(now() - ms).toISOString();

/** Names the mock sign-up refuses, with the reason the API would give. */
const UNAVAILABLE: Record<string, { reason: 'taken' | 'reserved' | 'lookalike'; message: string }> = {
  taken: { reason: 'taken', message: 'This username is already taken.' },
  admin: { reason: 'reserved', message: 'This username is reserved.' },
  'an4': { reason: 'lookalike', message: 'This username looks too much like an existing one.' },
};

interface AccountState {
  /** Sessions per user id. */
  sessions: Map<string, SessionDto[]>;
  links: Map<string, OAuthLinkDto[]>;
  locked: Set<string>;
  purgeAt: Map<string, string>;
  audit: AuditEventDto[];
  mails: DevMailDto[];
  mailboxEnabled: boolean;
}

function seedSessions(): SessionDto[] {
  return [
    { id: 'a0000000-0000-4000-8000-000000000001', current: true, browser: 'Firefox 142', os: 'Linux', device: 'desktop', ip: '203.0.113.7', method: 'password', secondFactor: null, createdAt: ago(3 * DAY), lastSeenAt: ago(0), expiresAt: ago(-27 * DAY) },
    { id: 'a0000000-0000-4000-8000-000000000002', current: false, browser: 'Safari 19', os: 'iOS 26', device: 'mobile', ip: '198.51.100.23', method: 'passkey', secondFactor: null, createdAt: ago(12 * DAY), lastSeenAt: ago(2 * HOUR), expiresAt: ago(-18 * DAY) },
    { id: 'a0000000-0000-4000-8000-000000000003', current: false, browser: 'Chrome 141', os: 'Windows 11', device: 'desktop', ip: '192.0.2.44', method: 'password', secondFactor: 'totp', createdAt: ago(20 * DAY), lastSeenAt: ago(5 * DAY), expiresAt: ago(-10 * DAY) },
    { id: 'a0000000-0000-4000-8000-000000000004', current: false, browser: null, os: 'Android 16', device: 'tablet', ip: null, method: 'oauth:google', secondFactor: null, createdAt: ago(25 * DAY), lastSeenAt: ago(9 * DAY), expiresAt: ago(-5 * DAY) },
  ];
}

const FAMILY_TYPES: AuditEventDto['type'][] = ['login.succeeded', 'login.failed', 'login.succeeded', 'password.changed', 'login.failed', 'login.throttled', 'session.revoked', 'step_up.succeeded', 'mfa.failed', 'account.created'];

function seedAudit(users: MockUser[]): AuditEventDto[] {
  const events: AuditEventDto[] = [];
  const who = (u: MockUser | undefined) => (u ? { id: u.id, username: u.username } : null);
  let n = 0;
  for (let day = 13; day >= 0; day -= 1) {
    const perDay = 2 + ((day * 7) % 5);
    for (let i = 0; i < perDay; i += 1) {
      n += 1;
      const user = users[n % users.length];
      const type = FAMILY_TYPES[(n * 3 + day) % FAMILY_TYPES.length] ?? 'login.succeeded';
      events.push({
        id: String(n),
        type,
        actor: type === 'login.failed' || type === 'login.throttled' ? null : who(user),
        subject: who(user),
        ip: `203.0.113.${(n * 17) % 250}`,
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/142.0',
        details: type === 'login.failed' ? { reason: 'bad_password' } : null,
        createdAt: ago(day * DAY + i * 3 * HOUR + HOUR),
      });
    }
  }
  return events.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || Number(b.id) - Number(a.id));
}

function seedMails(): DevMailDto[] {
  const mail = (id: string, to: string, subject: string, text: string, age: number): DevMailDto => ({ id, to, subject, text, html: null, createdAt: ago(age) });
  return [
    mail('3', 'zoe@example.com', 'Verify your email for Veza', 'Hi zoe,\n\nConfirm your email address by opening this link:\nhttp://localhost:5173/verify-email?token=Q2hlY2sgeW91ciBpbmJveCBmb3IgdGhlIHJlYWwgb25l\n\nThe link expires in 24 hours.\n— Veza', 10 * 60_000),
    mail('2', 'lea@example.com', 'Reset your Veza password', 'Hi lea_m,\n\nSomeone asked to reset your password. If it was you, open:\nhttp://localhost:5173/reset-password?token=UmVzZXQgbGluayBmb3IgdGhlIG1vY2sgbWFpbGJveA00\n\nIf not, ignore this message.', 3 * HOUR),
    mail('1', 'marc@example.com', 'Your Veza password was changed', 'Bonjour marc.dubois,\n\nYour password was changed. If this was not you, reset it now:\nhttp://localhost:5173/forgot-password', 2 * DAY),
  ];
}

const fresh = (users: MockUser[]): AccountState => ({
  sessions: new Map(),
  links: new Map(users[0] ? [[users[0].id, [{ provider: 'github', displayName: 'Ana Lima', email: 'ana@users.noreply.github.com', createdAt: ago(40 * DAY), lastUsedAt: ago(2 * DAY) }]]] : []),
  locked: new Set(users[2] ? [users[2].id] : []),
  purgeAt: new Map(),
  audit: seedAudit(users),
  mails: seedMails(),
  mailboxEnabled: true,
});

// The state follows the mock database: `resetMockDb()` replaces `db.users`, which starts a fresh account state.
const states = new WeakMap<MockUser[], AccountState>();
function state(): AccountState {
  let s = states.get(db.users);
  if (!s) {
    s = fresh(db.users);
    states.set(db.users, s);
  }
  return s;
}

function requireViewer(): MockUser {
  const user = viewer();
  if (!user) throw new MockTrpcError('UNAUTHORIZED', 'Please sign in to continue.');
  return user;
}

function requireRole(...roles: MockUser['role'][]): MockUser {
  const user = requireViewer();
  if (user.role !== 'admin' && !roles.includes(user.role)) throw new MockTrpcError('FORBIDDEN', 'Your account does not have access to this.');
  return user;
}

const sessionsOf = (user: MockUser) => {
  const s = state();
  let list = s.sessions.get(user.id);
  if (!list) {
    list = seedSessions();
    s.sessions.set(user.id, list);
  }
  return list;
};

const toAdminUser = (u: MockUser): AdminUserDto => ({
  id: u.id,
  username: u.username,
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  createdAt: u.createdAt,
  emailVerified: u.emailVerified,
  twoFactorEnabled: u.twoFactorEnabled,
  locked: state().locked.has(u.id),
});

const pageOf = <T>(items: T[], cursor: string | undefined, limit: number) => {
  const start = Number(cursor ?? 0) || 0;
  const next = start + limit;
  return { items: items.slice(start, next), nextCursor: next < items.length ? String(next) : null };
};

/** Test and story hooks: change the mock account state. */
export const accountMock = {
  /** Gives a mock user a role (e.g. 'admin' for the admin screens). */
  setRole(username: string, role: MockUser['role']) {
    const user = db.users.find((u) => u.username === username);
    if (user) user.role = role;
  },
  /** Replaces the signed-in user's sessions. */
  setSessions(username: string, sessions: SessionDto[]) {
    const user = db.users.find((u) => u.username === username);
    if (user) state().sessions.set(user.id, sessions);
  },
  sessionsOf(username: string): SessionDto[] {
    const user = db.users.find((u) => u.username === username);
    return user ? sessionsOf(user) : [];
  },
  /** Marks a deletion as pending for a user. */
  requestDeletion(username: string, purgeAt = new Date(now() + 14 * DAY).toISOString()) {
    const user = db.users.find((u) => u.username === username);
    if (!user) return;
    user.deletionRequestedAt = ago(0);
    user.deletionPurgeAt = purgeAt;
    state().purgeAt.set(user.id, purgeAt);
  },
  /** The dev mailbox as a server with SMTP would answer: disabled. */
  disableMailbox() {
    state().mailboxEnabled = false;
  },
  setLinks(username: string, links: OAuthLinkDto[]) {
    const user = db.users.find((u) => u.username === username);
    if (user) state().links.set(user.id, links);
  },
  auditEvents: () => state().audit,
  isLocked: (username: string) => state().locked.has(db.users.find((u) => u.username === username)?.id ?? ''),
};

/** A session like the mock's own, for stories: override what matters. */
export const aSession = (overrides: Partial<SessionDto> = {}): SessionDto => ({ ...seedSessions()[1]!, ...overrides });

const accountProcedures = [
  trpcMsw.account.usernameAvailable.query(async ({ input }) => {
    await delay(150);
    const name = input.username.trim().toLowerCase();
    if (!/^[a-z0-9][a-z0-9_.-]{2,29}$/.test(name)) return { available: false, reason: 'invalid' as const, message: 'Use 3–30 letters, digits, dots, dashes or underscores.' };
    const known = UNAVAILABLE[name] ?? (db.users.some((u) => u.username === name) ? UNAVAILABLE.taken : undefined);
    return known ? { available: false, ...known } : { available: true, reason: null, message: null };
  }),
  trpcMsw.account.changeEmail.mutation(async ({ input }) => {
    await delay();
    requireViewer();
    const email = input.email.trim().toLowerCase();
    if (db.users.some((u) => u.email === email)) {
      throw new MockTrpcError('CONFLICT', 'An account with this email already exists.', { email: ['An account with this email already exists.'] });
    }
    return { pendingEmail: email };
  }),
  trpcMsw.account.changePassword.mutation(async ({ input }) => {
    await delay();
    const user = requireViewer();
    user.password = input.newPassword;
    user.hasPassword = true;
    state().sessions.set(user.id, sessionsOf(user).filter((s) => s.current));
    return { ok: true as const };
  }),
  trpcMsw.account.requestDeletion.mutation(async () => {
    await delay();
    const user = requireViewer();
    const purgeAt = new Date(now() + 14 * DAY).toISOString();
    user.deletionRequestedAt = ago(0);
    user.deletionPurgeAt = purgeAt;
    state().purgeAt.set(user.id, purgeAt);
    return { purgeAt };
  }),
  trpcMsw.account.cancelDeletion.mutation(async () => {
    await delay();
    const user = requireViewer();
    user.deletionRequestedAt = null;
    user.deletionPurgeAt = null;
    state().purgeAt.delete(user.id);
    return { ok: true as const };
  }),
  trpcMsw.account.export.query(async () => {
    await delay();
    const user = requireViewer();
    const data: AccountExport = {
      format: 'veza-account-export',
      version: 1,
      exportedAt: ago(0),
      profile: {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        email: user.email,
        emailVerifiedAt: user.emailVerified ? user.createdAt : null,
        bio: user.bio,
        role: user.role,
        hasPassword: user.hasPassword,
        twoFactorEnabledAt: null,
        recoveryCodesRemaining: 0,
        lockedAt: null,
        deletionRequestedAt: user.deletionRequestedAt,
        createdAt: user.createdAt,
        updatedAt: null,
      },
      tracks: [],
      likes: [],
      sessions: sessionsOf(user).map((x) => ({ id: x.id, method: x.method, ip: x.ip, userAgent: null, createdAt: x.createdAt, lastSeenAt: x.lastSeenAt, expiresAt: x.expiresAt, revokedAt: null, revokedReason: null })),
      passkeys: [],
      linkedAccounts: (state().links.get(user.id) ?? []).map((l) => ({ ...l })),
      notifications: [],
      securityEvents: [],
    };
    return data;
  }),
];

const sessionProcedures = [
  trpcMsw.auth.sessions.list.query(async () => {
    await delay();
    return sessionsOf(requireViewer());
  }),
  trpcMsw.auth.sessions.revoke.mutation(async ({ input }) => {
    await delay();
    const user = requireViewer();
    const list = sessionsOf(user);
    if (!list.some((s) => s.id === input.id)) throw new MockTrpcError('NOT_FOUND', 'Session not found.');
    state().sessions.set(user.id, list.filter((s) => s.id !== input.id));
    return { ok: true as const };
  }),
  trpcMsw.auth.sessions.revokeOthers.mutation(async () => {
    await delay();
    const user = requireViewer();
    const list = sessionsOf(user);
    state().sessions.set(user.id, list.filter((s) => s.current));
    return { revoked: list.filter((s) => !s.current).length };
  }),
  trpcMsw.auth.sessions.revokeAll.mutation(async () => {
    await delay();
    const user = requireViewer();
    const revoked = sessionsOf(user).length;
    state().sessions.set(user.id, []);
    return { revoked };
  }),
];

const oauthProcedures = [
  trpcMsw.oauth.links.query(async () => {
    await delay();
    return state().links.get(requireViewer().id) ?? [];
  }),
  trpcMsw.oauth.unlink.mutation(async ({ input }) => {
    await delay();
    const user = requireViewer();
    const links = state().links.get(user.id) ?? [];
    if (!links.some((l) => l.provider === input.provider)) throw new MockTrpcError('NOT_FOUND', 'That account is not linked.');
    if (!user.hasPassword && links.length === 1) {
      throw new MockTrpcError('CONFLICT', 'This is your last way to sign in. Set a password or add a passkey before disconnecting it.');
    }
    state().links.set(user.id, links.filter((l) => l.provider !== input.provider));
    return { ok: true as const };
  }),
];

const adminProcedures = [
  trpcMsw.admin.users.list.query(async ({ input }) => {
    await delay();
    requireRole('moderator');
    const q = input?.query?.trim().toLowerCase();
    const matches = db.users
      .filter((u) => !q || u.username.includes(q) || u.email.includes(q) || (u.displayName ?? '').toLowerCase().includes(q))
      .filter((u) => !input?.role || u.role === input.role)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map(toAdminUser);
    return pageOf(matches, input?.cursor, input?.limit ?? 20);
  }),
  trpcMsw.admin.users.setRole.mutation(async ({ input }) => {
    await delay();
    const admin = requireRole('admin');
    if (input.userId === admin.id && input.role !== 'admin') throw new MockTrpcError('BAD_REQUEST', 'You cannot change your own role.');
    const user = db.users.find((u) => u.id === input.userId);
    if (!user) throw new MockTrpcError('NOT_FOUND', 'User not found.');
    user.role = input.role;
    return toAdminUser(user);
  }),
  trpcMsw.admin.users.setLocked.mutation(async ({ input }) => {
    await delay();
    const moderator = requireRole('moderator');
    if (input.userId === moderator.id) throw new MockTrpcError('BAD_REQUEST', 'You cannot lock your own account.');
    const user = db.users.find((u) => u.id === input.userId);
    if (!user) throw new MockTrpcError('NOT_FOUND', 'User not found.');
    if (input.locked) state().locked.add(user.id);
    else state().locked.delete(user.id);
    return toAdminUser(user);
  }),
  trpcMsw.admin.audit.list.query(async ({ input }) => {
    await delay();
    requireRole('admin');
    const events = state().audit.filter(
      (e) =>
        (!input?.types?.length || input.types.includes(e.type)) &&
        (!input?.userId || e.actor?.id === input.userId || e.subject?.id === input.userId) &&
        (!input?.ip || e.ip === input.ip) &&
        (!input?.since || e.createdAt >= input.since) &&
        (!input?.until || e.createdAt <= input.until),
    );
    return pageOf(events, input?.cursor, input?.limit ?? 50);
  }),
  trpcMsw.devMailbox.list.query(async ({ input }) => {
    await delay();
    requireRole('admin');
    const s = state();
    if (!s.mailboxEnabled) return { enabled: false, items: [], nextCursor: null };
    const mails = s.mails.filter((m) => !input?.to || m.to === input.to);
    return { enabled: true, ...pageOf(mails, input?.cursor, 50) };
  }),
];

/**
 * Account (email, password, deletion, export, username availability), sessions, linked accounts, admin and dev
 * mailbox procedures of the mock back end. (oauth.providers and the emailed-link procedures are in security-handlers.ts.)
 */
export const accountHandlers: RequestHandler[] = [...accountProcedures, ...sessionProcedures, ...oauthProcedures, ...adminProcedures];
