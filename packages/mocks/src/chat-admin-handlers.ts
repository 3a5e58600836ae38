// Room administration, search, blocking and reports for the web app's room settings, search panel and moderation
// dialogs (issue 10). A self-contained mock back end of its own (members, bans, invites, blocks, searchable
// messages), so that stories and tests of those panels drive it through `mocks(...chatAdminHandlers)` /
// `server.use(...chatAdminHandlers)` without touching the chat screen's own mock state.
import { delay, type RequestHandler } from 'msw';
import { byId, failed, iso, requireModerator, roleOf, roomOf, state, summary, target, type MemberDto, type SearchResultDto } from './chat-admin-state.ts';
import { requireViewer } from './chat-mock-state.ts';
import { db } from './db.ts';
import { MockTrpcError, trpcMsw } from './trpc-msw.ts';

/** Handlers for room settings, search, blocks and reports (put them first: they answer `chat.members.list` too). */
export const chatAdminHandlers: RequestHandler[] = [
  trpcMsw.chat.members.list.query(async ({ input }) => {
    await delay();
    requireViewer();
    failed('chat.members.list');
    const s = roomOf(input.roomId);
    const order = { owner: 0, moderator: 1, member: 2 } as const;
    const all: MemberDto[] = [...s.members.entries()]
      .flatMap(([id, m]) => {
        const u = byId(id);
        return u ? [{ user: summary(u), role: m.role, joinedAt: m.joinedAt, mutedUntil: m.mutedUntil }] : [];
      })
      .sort((a, b) => order[a.role] - order[b.role] || a.joinedAt.localeCompare(b.joinedAt));
    const offset = input.offset ?? 0;
    const limit = input.limit ?? 50;
    return { items: all.slice(offset, offset + limit), total: all.length, nextOffset: offset + limit < all.length ? offset + limit : null };
  }),
  trpcMsw.chat.members.setRole.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    failed('chat.members.setRole');
    roomOf(input.roomId);
    if (input.role === 'owner' || roleOf(me) !== 'owner') {
      if (roleOf(me) !== 'owner') throw new MockTrpcError('FORBIDDEN', "Only the room's owner can change roles.");
    }
    const member = state().members.get(input.userId);
    if (!member) throw new MockTrpcError('NOT_FOUND', 'This person is not a member of this room.');
    if (input.role === 'owner') state().members.get(me.id)!.role = 'moderator';
    member.role = input.role;
    return { user: summary(byId(input.userId)!), role: member.role, joinedAt: member.joinedAt, mutedUntil: member.mutedUntil };
  }),
  trpcMsw.chat.members.kick.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    failed('chat.members.kick');
    roomOf(input.roomId);
    target(me, input.userId, 'remove');
    state().members.delete(input.userId);
    return { removed: true };
  }),
  trpcMsw.chat.members.ban.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    failed('chat.members.ban');
    roomOf(input.roomId);
    target(me, input.userId, 'ban');
    const u = byId(input.userId)!;
    state().members.delete(input.userId);
    state().bans.unshift({ user: summary(u), bannedBy: summary(me), reason: input.reason ?? null, createdAt: iso(Date.now()) });
    return { banned: true as const };
  }),
  trpcMsw.chat.members.bans.query(async ({ input }) => {
    await delay();
    const me = requireViewer();
    failed('chat.members.bans');
    roomOf(input.roomId);
    requireModerator(me, 'see its bans');
    return state().bans;
  }),
  trpcMsw.chat.members.unban.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    roomOf(input.roomId);
    requireModerator(me, 'lift bans');
    const before = state().bans.length;
    state().bans = state().bans.filter((b) => b.user.id !== input.userId);
    if (state().bans.length === before) throw new MockTrpcError('NOT_FOUND', 'This person is not banned from this room.');
    return { unbanned: true as const };
  }),
  trpcMsw.chat.members.mute.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    roomOf(input.roomId);
    const member = target(me, input.userId, 'mute');
    member.mutedUntil = iso(Date.now() + input.untilSeconds * 1000);
    return { mutedUntil: member.mutedUntil };
  }),
  trpcMsw.chat.members.unmute.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    roomOf(input.roomId);
    const member = target(me, input.userId, 'unmute');
    member.mutedUntil = null;
    return { mutedUntil: null };
  }),
  trpcMsw.chat.rooms.update.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    failed('chat.rooms.update');
    roomOf(input.roomId);
    requireModerator(me, 'change the room');
    const room = state().room;
    if (input.name !== undefined) room.name = input.name;
    if (input.topic !== undefined) room.topic = input.topic || null;
    if (input.slowModeSeconds !== undefined) room.slowModeSeconds = input.slowModeSeconds;
    return { id: input.roomId, ...room };
  }),
  trpcMsw.chat.invites.list.query(async ({ input }) => {
    await delay();
    const me = requireViewer();
    roomOf(input.roomId);
    requireModerator(me, 'see invite links');
    return state().invites;
  }),
  trpcMsw.chat.invites.create.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    failed('chat.invites.create');
    roomOf(input.roomId);
    requireModerator(me, 'create invite links');
    const id = String(state().invites.length + 1);
    const expiresAt = input.expiresInSeconds === undefined ? null : iso(Date.now() + input.expiresInSeconds * 1000);
    const maxUses = input.maxUses ?? null;
    state().invites.unshift({ id, createdBy: summary(me), createdAt: iso(Date.now()), expiresAt, maxUses, uses: 0, revokedAt: null, active: true });
    const code = `mockInvite${id}_abcdefghijklmnopqrstuvwxyz0123`;
    return { id, roomId: input.roomId, code, path: `/chat/invite/${code}`, expiresAt, maxUses };
  }),
  trpcMsw.chat.invites.revoke.mutation(async ({ input }) => {
    await delay();
    requireViewer();
    const invite = state().invites.find((i) => i.id === input.inviteId);
    if (!invite) throw new MockTrpcError('NOT_FOUND', 'This invite link does not exist.');
    invite.revokedAt = iso(Date.now());
    invite.active = false;
    return { revoked: true as const };
  }),
  trpcMsw.chat.messages.search.query(async ({ input }) => {
    await delay();
    requireViewer();
    failed('chat.messages.search');
    const terms = input.query
      .split(/\s+/u)
      .filter((w) => w && !/^(from|in|has|after|before):/u.test(w))
      .map((w) => w.toLowerCase());
    const blocked = new Set(state().blocks.map((b) => b.user.id));
    const items: SearchResultDto[] = state()
      .messages.filter((m) => !blocked.has(m.author.id))
      .filter((m) => (input.roomId ? m.room.id === input.roomId : true))
      .filter((m) => (input.fromUsername ? m.author.username === input.fromUsername : true))
      .filter((m) => (input.hasAttachment ? m.attachment : true))
      .filter((m) => terms.every((t) => m.body.toLowerCase().includes(t)))
      .map((m) => {
        const lower = m.body.toLowerCase();
        const ranges = terms.flatMap((t): [number, number][] => {
          const out: [number, number][] = [];
          for (let at = lower.indexOf(t); at >= 0; at = lower.indexOf(t, at + t.length)) out.push([at, at + t.length]);
          return out;
        });
        ranges.sort((a, b) => a[0] - b[0]);
        const merged = ranges.filter((r, i) => i === 0 || r[0] >= ranges[i - 1]![1]);
        const message = {
          id: m.id, seq: m.seq, roomId: m.room.id, author: summary(m.author), body: m.body, clientMessageId: `c${m.id}`, createdAt: m.createdAt,
          editedAt: null, deletedAt: null, replyTo: null, attachments: [], hidden: null, reactions: [], mentions: [], kind: 'text', call: null,
        } as unknown as SearchResultDto['message'];
        return { message, room: m.room, highlights: merged, rank: 2 };
      });
    return { items, nextCursor: null };
  }),
  trpcMsw.chat.messages.report.mutation(async ({ input }) => {
    await delay();
    requireViewer();
    failed('chat.messages.report');
    const created = !state().reports.has(input.messageId);
    state().reports.add(input.messageId);
    return { reportId: input.messageId, status: 'open' as const, created };
  }),
  trpcMsw.users.blocks.query(async () => {
    requireViewer();
    return state().blocks;
  }),
  trpcMsw.users.block.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    if (input.username === me.username) throw new MockTrpcError('BAD_REQUEST', 'You cannot block yourself.', { username: ['That is you.'] });
    const u = db.users.find((x) => x.username === input.username);
    if (!u) throw new MockTrpcError('NOT_FOUND', `Nobody is called @${input.username} here.`, { username: ['No such person.'] });
    const dto = { user: summary(u), createdAt: iso(Date.now()) };
    if (!state().blocks.some((b) => b.user.id === u.id)) state().blocks.unshift(dto);
    return dto;
  }),
  trpcMsw.users.unblock.mutation(async ({ input }) => {
    await delay();
    requireViewer();
    state().blocks = state().blocks.filter((b) => b.user.username !== input.username);
    return { unblocked: true as const };
  }),
  trpcMsw.chat.dms.openGroup.mutation(async ({ input }) => {
    await delay();
    requireViewer();
    failed('chat.dms.openGroup');
    for (const name of input.usernames) {
      if (!db.users.some((u) => u.username === name)) throw new MockTrpcError('NOT_FOUND', `Nobody is called @${name} here.`, { usernames: ['No such person.'] });
    }
    return { roomId: 'c0000000-0000-4000-8000-0000000000a3', created: true };
  }),
];
