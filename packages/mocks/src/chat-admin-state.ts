// The admin chat mock's state (chat-admin-handlers.ts): one room with its members, bans, invites, searchable
// messages, the viewer's blocks and reports, seeded per test or story; the rules its handlers share; and its hooks
// (chatAdminMock: reset, failNext).
import type { RouterOutputs } from '@veza/api';
import { db } from './db.ts';
import { fixtures, type MockUser } from './fixtures.ts';
import { MockTrpcError } from './trpc-msw.ts';

export type MemberDto = RouterOutputs['chat']['members']['list']['items'][number];
export type BanDto = RouterOutputs['chat']['members']['bans'][number];
export type InviteSummaryDto = RouterOutputs['chat']['invites']['list'][number];
export type SearchResultDto = RouterOutputs['chat']['messages']['search']['items'][number];
export type BlockDto = RouterOutputs['users']['blocks'][number];
export type Role = MemberDto['role'];
export type UserSummary = MemberDto['user'];

/** The room the admin mock knows (any other room id is NOT_FOUND). */
export const ADMIN_ROOM_ID = 'c0000000-0000-4000-8000-0000000000a1';

export const summary = (u: MockUser): UserSummary => ({ id: u.id, username: u.username, displayName: u.displayName });
export const iso = (ms: number) => new Date(ms).toISOString();

export interface AdminState {
  members: Map<string, { role: Role; joinedAt: string; mutedUntil: string | null }>;
  bans: BanDto[];
  invites: InviteSummaryDto[];
  blocks: BlockDto[];
  reports: Set<string>;
  room: { name: string | null; topic: string | null; slowModeSeconds: number };
  messages: { id: string; seq: number; author: MockUser; body: string; createdAt: string; attachment: boolean; room: SearchResultDto['room'] }[];
  /** The next call of these procedures fails with this error (error states in stories and tests). */
  failNext: Map<string, MockTrpcError>;
}

let current: AdminState | null = null;
export function seeded(fixture: MockUser): MockUser {
  const user = db.users.find((u) => u.id === fixture.id);
  if (!user) throw new Error(`no mock user ${fixture.username}`);
  return user;
}
export function seed(): AdminState {
  const [ana, marc, lea] = [seeded(fixtures.ana), seeded(fixtures.marc), seeded(fixtures.lea)];
  const t0 = Date.parse('2026-11-20T10:00:00Z');
  const members = new Map<string, AdminState['members'] extends Map<string, infer V> ? V : never>([
    [ana.id, { role: 'owner', joinedAt: iso(t0), mutedUntil: null }],
    [marc.id, { role: 'moderator', joinedAt: iso(t0 + 60_000), mutedUntil: null }],
    [lea.id, { role: 'member', joinedAt: iso(t0 + 120_000), mutedUntil: null }],
  ]);
  const others = db.users.filter((u) => ![ana.id, marc.id, lea.id].includes(u.id));
  for (const [i, u] of others.entries()) members.set(u.id, { role: 'member', joinedAt: iso(t0 + (i + 3) * 60_000), mutedUntil: null });
  const room = { id: ADMIN_ROOM_ID, name: 'modular', kind: 'room' as const };
  const dm = { id: 'c0000000-0000-4000-8000-0000000000a2', name: null, kind: 'dm' as const };
  const bodies: [MockUser, string, SearchResultDto['room'], boolean][] = [
    [marc, 'New modular patch with a long reverb tail', room, false],
    [lea, 'The guitar stems are up, guitare acoustique aussi', room, true],
    [ana, 'Reverb on the snare is too much for me', room, false],
    [marc, 'Can you send the guitar take?', dm, false],
    [lea, '新しい音楽を聴く', room, false],
  ];
  return {
    members,
    bans: [{ user: { id: '00000000-0000-4000-8000-0000000000b1', username: 'spammer', displayName: null }, bannedBy: summary(ana), reason: 'Links to scams', createdAt: iso(t0 + 86_400_000) }],
    invites: [
      { id: '1', createdBy: summary(ana), createdAt: iso(t0), expiresAt: iso(Date.now() + 86_400_000), maxUses: 10, uses: 3, revokedAt: null, active: true },
      { id: '2', createdBy: summary(marc), createdAt: iso(t0), expiresAt: iso(t0 + 3_600_000), maxUses: null, uses: 1, revokedAt: null, active: false },
    ],
    blocks: [],
    reports: new Set(),
    room: { name: 'modular', topic: 'Patches, racks and cables', slowModeSeconds: 0 },
    messages: bodies.map(([author, body, r, attachment], i) => ({ id: String(100 + i), seq: i + 1, author, body, createdAt: iso(t0 + i * 3_600_000), attachment, room: r })),
    failNext: new Map(),
  };
}
export function state(): AdminState {
  current ??= seed();
  return current;
}

export const chatAdminMock = {
  reset() {
    current = null;
  },
  /** The next call of `path` fails with `error`. */
  failNext(path: string, error: MockTrpcError) {
    state().failNext.set(path, error);
  },
  state: () => state(),
};

export function failed(path: string) {
  const error = state().failNext.get(path);
  if (error) {
    state().failNext.delete(path);
    throw error;
  }
}
export function roomOf(roomId: string) {
  if (roomId !== ADMIN_ROOM_ID) throw new MockTrpcError('NOT_FOUND', 'This conversation does not exist.');
  return state();
}
export function roleOf(user: MockUser): Role | null {
  return state().members.get(user.id)?.role ?? null;
}
export function requireModerator(user: MockUser, what: string) {
  const role = roleOf(user);
  if (role !== 'owner' && role !== 'moderator') throw new MockTrpcError('FORBIDDEN', `Only the room's owner and moderators can ${what}.`);
  return role;
}
export function target(actor: MockUser, userId: string, what: string) {
  const role = requireModerator(actor, what);
  const member = state().members.get(userId);
  if (!member) throw new MockTrpcError('NOT_FOUND', 'This person is not a member of this room.');
  if (member.role === 'owner' || (role === 'moderator' && member.role !== 'member')) throw new MockTrpcError('FORBIDDEN', `You cannot ${what} this person.`);
  return member;
}
export const byId = (id: string) => db.users.find((u) => u.id === id);
