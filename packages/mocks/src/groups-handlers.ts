// Groups (issue 12) for the mock back end, after the API's groups/*.service.ts: public and private groups, joining and
// asking to join, approvals, invitations by username and by link, roles (owner, admin, member), removals and bans, and
// a feed of public tracks and playlists with a comment, with the API's refusals and their reasons. The store follows
// the mock database (a fresh one on `resetMockDb()`).
import type { GroupDto, GroupPostDto, GroupStanding, TrackDto, UserSummaryDto } from '@veza/api';
import type { GroupRole } from '@veza/validators';
import { delay, http, HttpResponse, type RequestHandler } from 'msw';
import { db, findVisibleTrack, viewer, withViewer } from './db.ts';
import type { MockUser } from './fixtures.ts';
import { findMockPlaylist, MOCK_PLAYLISTS } from './playlists-handlers.ts';
import { MockTrpcError, trpcMsw } from './trpc-msw.ts';

interface MockGroup {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  isPublic: boolean;
  avatarUrl: string | null;
  ownerId: string;
  roomId: string;
  createdAt: string;
  members: { userId: string; role: GroupRole; joinedAt: string }[];
  requests: { userId: string; createdAt: string }[];
  invitations: { userId: string; invitedById: string | null; createdAt: string }[];
  bans: { userId: string; bannedById: string | null; createdAt: string }[];
  links: { id: string; token: string; createdById: string; createdAt: string; expiresAt: string | null; uses: number; revokedAt: string | null }[];
  posts: { id: string; authorId: string; trackId: string | null; playlistId: string | null; comment: string | null; createdAt: string }[];
}

/**
 * The seeded groups' ids, slugs and invite token, for stories and tests. The search mock searches this store
 * (`searchableMockGroups`), so a search result opens its group, and a group created in the mock is found.
 */
export const MOCK_GROUP_REFS = {
  /** Public, Ana's: Marc is an admin, Léa a member; two posts. */
  lofi: { id: '6a000000-0000-4000-8000-000000000001', slug: 'lofi-night-club' },
  /** Public, Marc's. */
  synth: { id: '6a000000-0000-4000-8000-000000000002', slug: 'synth-paris' },
  /** Private, Inès's. */
  vault: { id: '6a000000-0000-4000-8000-000000000003', slug: 'piano-vault' },
  /** Private, Ana's: Marc is a member, Léa asked to join, Inès is invited; an invite link. */
  tape: { id: '9a000000-0000-4000-8000-000000000002', slug: 'tape-club' },
  /** The token of the Tape Club's invite link. */
  token: 'tApEcLuBiNvItElInKtOkEnAAAAAAAAAAAAAAAAAAAA',
} as const;

const DAY = 86_400_000;
const at = (days: number) => new Date(Date.parse('2026-12-06T12:00:00.000Z') - days * DAY).toISOString();
const named = (users: MockUser[], username: string) => users.find((u) => u.username === username);

function seed(users: MockUser[]): MockGroup[] {
  const [ana, marc, lea, ines] = [named(users, 'ana'), named(users, 'marc.dubois'), named(users, 'lea_m'), named(users, 'ines')];
  if (!ana || !marc || !lea || !ines) return [];
  const trackNamed = (title: string) => db.tracks.find((t) => t.title === title)?.id ?? null;
  const empty = { requests: [], invitations: [], bans: [], links: [], posts: [], avatarUrl: null };
  return [
    {
      ...empty,
      ...MOCK_GROUP_REFS.lofi,
      name: 'Lo-fi Night Club',
      description: 'Beats for late study sessions. Share what you made this week.',
      isPublic: true,
      ownerId: ana.id,
      roomId: '9b000000-0000-4000-8000-000000000001',
      createdAt: at(30),
      members: [
        { userId: ana.id, role: 'owner', joinedAt: at(30) },
        { userId: marc.id, role: 'admin', joinedAt: at(20) },
        { userId: lea.id, role: 'member', joinedAt: at(10) },
      ],
      posts: [
        { id: '9c000000-0000-4000-8000-000000000001', authorId: marc.id, trackId: trackNamed('Lumière froide'), playlistId: null, comment: 'New one, made on the Juno.', createdAt: at(1) },
        { id: '9c000000-0000-4000-8000-000000000002', authorId: ana.id, trackId: null, playlistId: MOCK_PLAYLISTS.lateNight, comment: null, createdAt: at(3) },
      ],
    },
    {
      ...empty,
      ...MOCK_GROUP_REFS.tape,
      name: 'Tape Club',
      description: 'A small circle swapping cassette experiments.',
      isPublic: false,
      ownerId: ana.id,
      roomId: '9b000000-0000-4000-8000-000000000002',
      createdAt: at(15),
      members: [
        { userId: ana.id, role: 'owner', joinedAt: at(15) },
        { userId: marc.id, role: 'member', joinedAt: at(12) },
      ],
      requests: [{ userId: lea.id, createdAt: at(2) }],
      invitations: [{ userId: ines.id, invitedById: ana.id, createdAt: at(1) }],
      links: [{ id: '9d000000-0000-4000-8000-000000000001', token: MOCK_GROUP_REFS.token, createdById: ana.id, createdAt: at(4), expiresAt: null, uses: 1, revokedAt: null }],
      posts: [{ id: '9c000000-0000-4000-8000-000000000003', authorId: ana.id, trackId: trackNamed('Night Drive'), playlistId: null, comment: 'First take, straight from the four-track.', createdAt: at(5) }],
    },
    {
      ...empty,
      ...MOCK_GROUP_REFS.synth,
      name: 'Synthés de Paris',
      description: 'Juno, Prophet et compagnie.',
      isPublic: true,
      ownerId: marc.id,
      roomId: '9b000000-0000-4000-8000-000000000003',
      createdAt: at(8),
      members: [{ userId: marc.id, role: 'owner', joinedAt: at(8) }],
    },
    {
      ...empty,
      ...MOCK_GROUP_REFS.vault,
      name: 'Piano Vault',
      description: null,
      isPublic: false,
      ownerId: ines.id,
      roomId: '9b000000-0000-4000-8000-000000000004',
      createdAt: at(6),
      members: [{ userId: ines.id, role: 'owner', joinedAt: at(6) }],
    },
  ];
}

// Like the playlists': `resetMockDb()` replaces `db.users`, which starts a fresh store.
const stores = new WeakMap<MockUser[], MockGroup[]>();
function groups(): MockGroup[] {
  let s = stores.get(db.users);
  if (!s) {
    s = seed(db.users);
    stores.set(db.users, s);
  }
  return s;
}

const summary = (u: MockUser): UserSummaryDto => ({ id: u.id, username: u.username, displayName: u.displayName });
const userById = (id: string) => db.users.find((u) => u.id === id);
const summaryOf = (id: string | null) => {
  const u = id ? userById(id) : undefined;
  return u ? summary(u) : null;
};
const refusal = (code: MockTrpcError['code'], message: string, reason: string) => Object.assign(new MockTrpcError(code, message), { reason });
const groupNotFound = () => refusal('NOT_FOUND', 'This group does not exist.', 'group_not_found');
const membersOnly = () => refusal('FORBIDDEN', 'This group is private: only its members see this.', 'members_only');
const notAdmin = () => refusal('FORBIDDEN', "Only the group's owner and admins can do that.", 'not_admin');
const notOwner = () => refusal('FORBIDDEN', "Only the group's owner can do that.", 'not_owner');
const notAMember = () => refusal('NOT_FOUND', 'This person is not a member of this group.', 'not_a_member');
const bannedHere = () => refusal('FORBIDDEN', 'You cannot join this group.', 'banned');

function requireViewer() {
  const user = viewer();
  if (!user) throw new MockTrpcError('UNAUTHORIZED', 'Please sign in to continue.');
  return user;
}

const roleOf = (g: MockGroup, userId: string | undefined): GroupRole | null => (userId ? (g.members.find((m) => m.userId === userId)?.role ?? null) : null);
const manages = (role: GroupRole | null) => role === 'owner' || role === 'admin';

function load(id: string) {
  const g = groups().find((x) => x.id === id);
  if (!g) throw groupNotFound();
  return { g, role: roleOf(g, viewer()?.id) };
}
function readable(id: string) {
  const seen = load(id);
  if (!seen.g.isPublic && seen.role === null) throw membersOnly();
  return seen;
}
function managed(id: string) {
  const seen = load(id);
  if (!manages(seen.role)) throw seen.g.isPublic || seen.role ? notAdmin() : membersOnly();
  return seen;
}
function owned(id: string) {
  const seen = managed(id);
  if (seen.role !== 'owner') throw notOwner();
  return seen;
}

function toDto(g: MockGroup): GroupDto {
  const me = viewer()?.id;
  const role = roleOf(g, me);
  const standing: GroupStanding = role ?? (g.invitations.some((i) => i.userId === me) ? 'invited' : g.requests.some((r) => r.userId === me) ? 'requested' : null);
  return {
    id: g.id,
    slug: g.slug,
    name: g.name,
    description: g.description,
    isPublic: g.isPublic,
    avatarUrl: g.avatarUrl,
    memberCount: g.members.length,
    owner: summaryOf(g.ownerId)!,
    myStanding: standing,
    canRead: g.isPublic || role !== null,
    canManage: manages(role),
    roomId: role !== null ? g.roomId : null,
    createdAt: g.createdAt,
  };
}

/**
 * The groups search finds, as the viewer sees them (search-handlers.ts): every group of this store, created ones
 * included, public and private alike (like the API), but not those the viewer is banned from.
 */
export function searchableMockGroups(): GroupDto[] {
  const me = viewer()?.id;
  return groups()
    .filter((g) => !g.bans.some((b) => b.userId === me))
    .map(toDto);
}

function postDto(g: MockGroup, p: MockGroup['posts'][number], adminView: boolean): GroupPostDto | null {
  const me = viewer()?.id;
  const found = p.trackId ? findVisibleTrack(p.trackId) : undefined;
  const track: TrackDto | null = found ? { ...withViewer(found), waveform: null, lyrics: null } : null;
  const list = p.playlistId ? findMockPlaylist(p.playlistId) : undefined;
  const owner = list ? userById(list.ownerId) : undefined;
  const playlist = list?.isPublic && owner ? { id: list.id, title: list.title, owner: summary(owner), coverUrl: list.coverUrl ?? null, trackCount: list.items.length } : null;
  if (!track && !playlist) return null;
  return { id: p.id, groupId: g.id, author: summaryOf(p.authorId)!, comment: p.comment, track, playlist, canDelete: p.authorId === me || adminView, createdAt: p.createdAt };
}

/** A page of `rows` after the cursor (the index of the next row, as a string), `limit` at a time. */
function page<T>(rows: T[], cursor: string | null | undefined, limit = 20) {
  const start = cursor ? Number(cursor) : 0;
  const items = rows.slice(start, start + limit);
  return { items, nextCursor: start + limit < rows.length ? String(start + limit) : null };
}

const slugOf = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || 'group';

function addMember(g: MockGroup, userId: string) {
  if (roleOf(g, userId)) return false;
  g.members.push({ userId, role: 'member', joinedAt: new Date().toISOString() });
  g.requests = g.requests.filter((r) => r.userId !== userId);
  g.invitations = g.invitations.filter((i) => i.userId !== userId);
  return true;
}

function memberDto(g: MockGroup, userId: string) {
  const m = g.members.find((x) => x.userId === userId);
  const u = userById(userId);
  if (!m || !u) throw notAMember();
  return { user: summary(u), role: m.role, joinedAt: m.joinedAt };
}

/** The checks shared by removing and banning: a manager acting on someone of a lower rank. */
function mayActOn(g: MockGroup, mine: GroupRole | null, meId: string, userId: string, what: string) {
  if (!manages(mine)) throw notAdmin();
  if (userId === meId) throw refusal('BAD_REQUEST', `You cannot ${what} yourself.`, 'self');
  const theirs = roleOf(g, userId);
  if (theirs === 'owner' || (theirs === 'admin' && mine !== 'owner')) throw refusal('FORBIDDEN', 'Admins can only act on members, not on the owner or other admins.', 'outranked');
  return theirs;
}

const linkLive = (l: MockGroup['links'][number]) => !l.revokedAt && !(l.expiresAt && Date.parse(l.expiresAt) <= Date.now());
const randomToken = () => {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

export const groupsHandlers: RequestHandler[] = [
  trpcMsw.groups.create.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const name = input.name.trim();
    const base = slugOf(name);
    const slug = groups().some((g) => g.slug === base) ? `${base}-${crypto.randomUUID().slice(0, 6)}` : base;
    const g: MockGroup = {
      id: crypto.randomUUID(),
      slug,
      name,
      description: input.description?.trim() || null,
      isPublic: input.isPublic ?? true,
      avatarUrl: null,
      ownerId: me.id,
      roomId: crypto.randomUUID(),
      createdAt: new Date().toISOString(),
      members: [{ userId: me.id, role: 'owner', joinedAt: new Date().toISOString() }],
      requests: [],
      invitations: [],
      bans: [],
      links: [],
      posts: [],
    };
    groups().unshift(g);
    return toDto(g);
  }),
  trpcMsw.groups.get.query(async ({ input }) => {
    await delay();
    const g = groups().find((x) => x.id === input.ref || x.slug === input.ref);
    if (!g) throw groupNotFound();
    return toDto(g);
  }),
  trpcMsw.groups.list.query(async ({ input }) => {
    await delay();
    const q = input?.query?.trim().toLowerCase() ?? '';
    const rows = groups()
      .filter((g) => g.isPublic && (!q || g.name.toLowerCase().includes(q)))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const p = page(rows, input?.cursor, input?.limit);
    return { items: p.items.map(toDto), nextCursor: p.nextCursor };
  }),
  trpcMsw.groups.mine.query(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const joined = (g: MockGroup) => g.members.find((m) => m.userId === me.id)?.joinedAt ?? '';
    const rows = groups()
      .filter((g) => roleOf(g, me.id))
      .sort((a, b) => joined(b).localeCompare(joined(a)));
    const p = page(rows, input?.cursor, input?.limit);
    return { items: p.items.map(toDto), nextCursor: p.nextCursor };
  }),
  trpcMsw.groups.update.mutation(async ({ input }) => {
    await delay();
    requireViewer();
    const { g } = managed(input.id);
    if (input.name !== undefined) g.name = input.name.trim();
    if (input.description !== undefined) g.description = input.description?.trim() || null;
    if (input.isPublic !== undefined) g.isPublic = input.isPublic;
    return toDto(g);
  }),
  trpcMsw.groups.delete.mutation(async ({ input }) => {
    await delay();
    requireViewer();
    const { g } = load(input.id);
    if (roleOf(g, viewer()?.id) !== 'owner') throw g.isPublic || roleOf(g, viewer()?.id) ? notOwner() : membersOnly();
    const all = groups();
    all.splice(all.indexOf(g), 1);
    return { id: g.id, deleted: true as const };
  }),

  trpcMsw.groups.join.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const { g, role } = load(input.id);
    if (role) return toDto(g);
    if (g.bans.some((b) => b.userId === me.id)) throw bannedHere();
    if (!g.isPublic && !g.invitations.some((i) => i.userId === me.id)) throw refusal('FORBIDDEN', 'This group is private: ask to join it.', 'private_group');
    addMember(g, me.id);
    return toDto(g);
  }),
  trpcMsw.groups.requestJoin.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const { g, role } = load(input.id);
    if (g.isPublic) throw refusal('BAD_REQUEST', 'This group is public: join it directly.', 'public_group');
    if (role) return { groupId: g.id, status: 'member' as const, created: false, notify: [] };
    if (g.bans.some((b) => b.userId === me.id)) throw bannedHere();
    if (g.invitations.some((i) => i.userId === me.id)) {
      addMember(g, me.id);
      return { groupId: g.id, status: 'member' as const, created: false, notify: [] };
    }
    const created = !g.requests.some((r) => r.userId === me.id);
    if (created) g.requests.push({ userId: me.id, createdAt: new Date().toISOString() });
    return { groupId: g.id, status: 'requested' as const, created, notify: created ? g.members.filter((m) => manages(m.role)).map((m) => m.userId) : [] };
  }),
  trpcMsw.groups.cancelRequest.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const { g } = load(input.id);
    const before = g.requests.length;
    g.requests = g.requests.filter((r) => r.userId !== me.id);
    return { cancelled: g.requests.length < before };
  }),
  trpcMsw.groups.requests.query(async ({ input }) => {
    await delay();
    requireViewer();
    const { g } = managed(input.id);
    const rows = g.requests.flatMap((r) => {
      const u = userById(r.userId);
      return u ? [{ user: summary(u), createdAt: r.createdAt }] : [];
    });
    return page(rows, input.cursor, input.limit);
  }),
  trpcMsw.groups.approve.mutation(async ({ input }) => {
    await delay();
    requireViewer();
    const { g } = managed(input.id);
    if (!roleOf(g, input.userId)) {
      if (!g.requests.some((r) => r.userId === input.userId)) throw refusal('NOT_FOUND', 'This person has not asked to join (or was answered already).', 'no_request');
      addMember(g, input.userId);
    }
    return memberDto(g, input.userId);
  }),
  trpcMsw.groups.decline.mutation(async ({ input }) => {
    await delay();
    requireViewer();
    const { g } = managed(input.id);
    const before = g.requests.length;
    g.requests = g.requests.filter((r) => r.userId !== input.userId);
    return { declined: g.requests.length < before };
  }),
  trpcMsw.groups.invite.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const { g } = managed(input.id);
    const person = db.users.find((u) => u.username === input.username.trim().toLowerCase());
    if (!person) throw new MockTrpcError('NOT_FOUND', `Nobody is called @${input.username} here.`, { username: ['No such person.'] });
    if (person.id === me.id) throw refusal('BAD_REQUEST', 'You are in this group already.', 'self');
    if (roleOf(g, person.id)) return { groupId: g.id, user: summary(person), status: 'member' as const, created: false };
    if (g.bans.some((b) => b.userId === person.id)) throw refusal('BAD_REQUEST', `@${person.username} is banned from this group: lift the ban first.`, 'banned');
    const created = !g.invitations.some((i) => i.userId === person.id);
    if (created) g.invitations.push({ userId: person.id, invitedById: me.id, createdAt: new Date().toISOString() });
    return { groupId: g.id, user: summary(person), status: 'invited' as const, created };
  }),
  trpcMsw.groups.invitations.query(async () => {
    await delay();
    const me = requireViewer();
    return groups().flatMap((g) =>
      g.invitations.filter((i) => i.userId === me.id).map((i) => ({ group: toDto(g), invitedBy: summaryOf(i.invitedById), createdAt: i.createdAt })),
    );
  }),
  trpcMsw.groups.acceptInvite.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const { g, role } = load(input.id);
    if (!role) {
      if (!g.invitations.some((i) => i.userId === me.id)) throw refusal('NOT_FOUND', 'There is no invitation to this group for you.', 'no_invitation');
      addMember(g, me.id);
    }
    return toDto(g);
  }),
  trpcMsw.groups.declineInvite.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const { g } = load(input.id);
    const before = g.invitations.length;
    g.invitations = g.invitations.filter((i) => i.userId !== me.id);
    return { declined: g.invitations.length < before };
  }),
  trpcMsw.groups.createLink.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const { g } = managed(input.id);
    const token = randomToken();
    const expiresAt = input.expiresInSeconds ? new Date(Date.now() + input.expiresInSeconds * 1000).toISOString() : null;
    const link = { id: crypto.randomUUID(), token, createdById: me.id, createdAt: new Date().toISOString(), expiresAt, uses: 0, revokedAt: null };
    g.links.unshift(link);
    return { id: link.id, groupId: g.id, token, path: `/groups/join/${token}`, expiresAt };
  }),
  trpcMsw.groups.links.query(async ({ input }) => {
    await delay();
    requireViewer();
    const { g } = managed(input.id);
    return g.links.map((l) => ({ id: l.id, createdBy: summaryOf(l.createdById), createdAt: l.createdAt, expiresAt: l.expiresAt, uses: l.uses, revokedAt: l.revokedAt, active: linkLive(l) }));
  }),
  trpcMsw.groups.revokeLink.mutation(async ({ input }) => {
    await delay();
    requireViewer();
    const g = groups().find((x) => x.links.some((l) => l.id === input.linkId));
    const link = g?.links.find((l) => l.id === input.linkId);
    if (!g || !link) throw refusal('NOT_FOUND', 'This invite link does not exist.', 'link_invalid');
    managed(g.id);
    const revoked = !link.revokedAt;
    link.revokedAt ??= new Date().toISOString();
    return { revoked };
  }),
  trpcMsw.groups.joinByLink.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const g = groups().find((x) => x.links.some((l) => l.token === input.token));
    const link = g?.links.find((l) => l.token === input.token);
    if (!g || !link || link.revokedAt) throw refusal('NOT_FOUND', 'This invite link is not valid (it may have been revoked).', 'link_invalid');
    if (!linkLive(link)) throw refusal('CONFLICT', 'This invite link has expired: ask for a new one.', 'link_expired');
    if (!roleOf(g, me.id)) {
      if (g.bans.some((b) => b.userId === me.id)) throw bannedHere();
      link.uses += 1;
      addMember(g, me.id);
    }
    return toDto(g);
  }),
  trpcMsw.groups.leave.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const { g, role } = load(input.id);
    if (role === null) return { left: false };
    if (role === 'owner') {
      throw refusal('CONFLICT', 'You own this group: make another member its owner (or delete the group) before leaving.', 'owner_must_transfer');
    }
    g.members = g.members.filter((m) => m.userId !== me.id);
    return { left: true };
  }),
  trpcMsw.groups.members.query(async ({ input }) => {
    await delay();
    const { g } = readable(input.id);
    const rows = [...g.members].sort((a, b) => a.joinedAt.localeCompare(b.joinedAt)).map((m) => memberDto(g, m.userId));
    return page(rows, input.cursor, input.limit);
  }),
  trpcMsw.groups.removeMember.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const { g, role } = managed(input.id);
    if (mayActOn(g, role, me.id, input.userId, 'remove') === null) throw notAMember();
    g.members = g.members.filter((m) => m.userId !== input.userId);
    return { removed: true };
  }),
  trpcMsw.groups.ban.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const { g, role } = managed(input.id);
    mayActOn(g, role, me.id, input.userId, 'ban');
    g.members = g.members.filter((m) => m.userId !== input.userId);
    g.requests = g.requests.filter((r) => r.userId !== input.userId);
    g.invitations = g.invitations.filter((i) => i.userId !== input.userId);
    if (!g.bans.some((b) => b.userId === input.userId)) g.bans.unshift({ userId: input.userId, bannedById: me.id, createdAt: new Date().toISOString() });
    return { banned: true as const };
  }),
  trpcMsw.groups.unban.mutation(async ({ input }) => {
    await delay();
    requireViewer();
    const { g } = managed(input.id);
    if (!g.bans.some((b) => b.userId === input.userId)) throw refusal('NOT_FOUND', 'This person is not banned from this group.', 'not_banned');
    g.bans = g.bans.filter((b) => b.userId !== input.userId);
    return { unbanned: true as const };
  }),
  trpcMsw.groups.bans.query(async ({ input }) => {
    await delay();
    requireViewer();
    const { g } = managed(input.id);
    return g.bans.flatMap((b) => {
      const u = userById(b.userId);
      return u ? [{ user: summary(u), bannedBy: summaryOf(b.bannedById), createdAt: b.createdAt }] : [];
    });
  }),
  trpcMsw.groups.setRole.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const { g } = owned(input.id);
    if (input.userId === me.id) throw refusal('BAD_REQUEST', 'You cannot change your own role: make another member the owner instead.', 'self');
    const m = g.members.find((x) => x.userId === input.userId);
    if (!m) throw notAMember();
    m.role = input.role;
    return memberDto(g, input.userId);
  }),
  trpcMsw.groups.transferOwnership.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const { g } = owned(input.id);
    if (input.userId === me.id) throw refusal('BAD_REQUEST', 'You own this group already.', 'self');
    const next = g.members.find((x) => x.userId === input.userId);
    const mine = g.members.find((x) => x.userId === me.id);
    if (!next || !mine) throw notAMember();
    next.role = 'owner';
    mine.role = 'admin';
    g.ownerId = next.userId;
    return toDto(g);
  }),

  trpcMsw.groups.feed.query(async ({ input }) => {
    await delay();
    const { g, role } = readable(input.id);
    const rows = [...g.posts].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).flatMap((p) => postDto(g, p, manages(role)) ?? []);
    return page(rows, input.cursor, input.limit);
  }),
  trpcMsw.groups.post.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const { g, role } = load(input.id);
    if (role === null) throw g.isPublic ? refusal('FORBIDDEN', 'Join this group to post in it.', 'not_a_member') : membersOnly();
    const unavailable = () => refusal('BAD_REQUEST', 'Only public tracks and playlists can be posted to a group.', 'item_unavailable');
    if (input.trackId) {
      const t = findVisibleTrack(input.trackId);
      if (!t || t.visibility !== 'public' || t.status !== 'ready') throw unavailable();
    } else {
      const p = input.playlistId ? findMockPlaylist(input.playlistId) : undefined;
      if (!p || !p.isPublic) throw unavailable();
    }
    const existing = g.posts.find((p) => (input.trackId ? p.trackId === input.trackId : p.playlistId === input.playlistId));
    const post = existing ?? { id: crypto.randomUUID(), authorId: me.id, trackId: input.trackId ?? null, playlistId: input.playlistId ?? null, comment: input.comment?.trim() || null, createdAt: new Date().toISOString() };
    if (!existing) g.posts.unshift(post);
    const dto = postDto(g, post, manages(role));
    if (!dto) throw unavailable();
    return dto;
  }),
  trpcMsw.groups.deletePost.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const g = groups().find((x) => x.posts.some((p) => p.id === input.postId));
    const post = g?.posts.find((p) => p.id === input.postId);
    if (!g || !post) throw refusal('NOT_FOUND', 'This post does not exist.', 'post_not_found');
    if (post.authorId !== me.id && !manages(readable(g.id).role)) throw refusal('FORBIDDEN', "Only its author and the group's admins can remove a post.", 'not_author');
    g.posts = g.posts.filter((p) => p.id !== post.id);
    return { deleted: true };
  }),

  // The avatar (POST/DELETE /api/groups/:id/cover), kept as an object URL.
  http.post('*/api/groups/:id/cover', async ({ params, request }) => {
    await delay();
    const me = viewer();
    if (!me) return HttpResponse.json({ error: { code: 'UNAUTHORIZED', message: 'Please sign in to change a cover.' } }, { status: 401 });
    const g = groups().find((x) => x.id === params.id);
    if (!g) return HttpResponse.json({ error: { code: 'NOT_FOUND', message: 'Group not found.' } }, { status: 404 });
    if (!manages(roleOf(g, me.id))) return HttpResponse.json({ error: { code: 'FORBIDDEN', message: "Only the group's owner and admins can do that." } }, { status: 403 });
    const file = (await request.formData()).get('file');
    if (!(file instanceof File)) return HttpResponse.json({ error: { code: 'BAD_REQUEST', message: 'Choose an image to upload.' } }, { status: 400 });
    g.avatarUrl = URL.createObjectURL(file);
    return HttpResponse.json({ coverUrl: g.avatarUrl });
  }),
  http.delete('*/api/groups/:id/cover', async ({ params }) => {
    await delay();
    const me = viewer();
    const g = groups().find((x) => x.id === params.id);
    if (!me || !g || !manages(roleOf(g, me.id))) return HttpResponse.json({ error: { code: 'FORBIDDEN', message: "Only the group's owner and admins can do that." } }, { status: 403 });
    g.avatarUrl = null;
    return new HttpResponse(null, { status: 204 });
  }),
];

const groupOf = (id: string) => {
  const g = groups().find((x) => x.id === id);
  if (!g) throw new Error(`No mock group ${id}`);
  return g;
};
const userNamed = (username: string) => {
  const u = db.users.find((x) => x.username === username);
  if (!u) throw new Error(`No mock user ${username}`);
  return u;
};

/** Changes to the mock groups for stories and tests. */
export const groupsMock = {
  /** Removes every group (the empty states). */
  clear() {
    groups().splice(0);
  },
  /** Empties a group's feed. */
  clearFeed(id: string) {
    groupOf(id).posts = [];
  },
  /** `username` is banned from the group. */
  ban(id: string, username: string) {
    const g = groupOf(id);
    const u = userNamed(username);
    g.members = g.members.filter((m) => m.userId !== u.id);
    g.bans.unshift({ userId: u.id, bannedById: g.ownerId, createdAt: at(1) });
  },
  /** Removes the pending requests and invitations of a group. */
  clearPending(id: string) {
    const g = groupOf(id);
    g.requests = [];
    g.invitations = [];
  },
  /** Many public groups (paging and search). */
  many(count: number) {
    const owner = userNamed('marc.dubois');
    for (let n = 0; n < count; n += 1) {
      groups().push({
        id: crypto.randomUUID(),
        slug: `crew-${n + 1}`,
        name: `Crew ${n + 1}`,
        description: null,
        isPublic: true,
        avatarUrl: null,
        ownerId: owner.id,
        roomId: crypto.randomUUID(),
        createdAt: at(40 + n),
        members: [{ userId: owner.id, role: 'owner', joinedAt: at(40 + n) }],
        requests: [],
        invitations: [],
        bans: [],
        links: [],
        posts: [],
      });
    }
  },
};
