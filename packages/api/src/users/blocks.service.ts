// Blocking (issue 10, "Blocking a user stops their DMs and hides their messages from you").
//
// A block is one-way in what it hides and two-way in what it stops:
// - Neither person can open a DM with the other, send into their existing 1-to-1 DM, call from it, or add the other
//   to a group (FORBIDDEN, reason `blocked`). The refusal to the person blocked does not say who blocked whom.
// - Messages of someone I blocked reach ME hidden (`hidden: 'blocked'`, empty body) wherever messages are read with
//   me as the reader: history pages, search and the back-fill of `chat.onRoom`. Live events are published once for
//   everyone in the room, so they are not filtered here: clients hide them using `users.blocks`.
// - It ends the follows between the two, both ways, and no new follow is taken while it stands (issue 11).
// Blocking is idempotent (the first block's date stays); blocking yourself is BAD_REQUEST.
import { blocksRepository, followsRepository, type Room, type User } from '@veza/db';
import { BLOCKS_MAX } from '@veza/validators';
import type { Context, Viewer } from '../context.ts';
import { DomainError } from '../errors.ts';
import type { MessageDto } from '../chat/chat.dto.ts';
import type { MessageExtra } from '../chat/message-extras.ts';
import { toUserSummary, type UserSummaryDto } from './users.dto.ts';
import { someoneNamed } from './users.service.ts';

type Ctx = Pick<Context, 'em'>;

export interface BlockDto {
  user: UserSummaryDto;
  /** When I blocked them. */
  createdAt: string;
}

/** Blocks `username` (again: no change). */
export async function block(ctx: Ctx, viewer: Viewer, username: string): Promise<BlockDto> {
  if (username === viewer.username) {
    throw new DomainError('BAD_REQUEST', 'You cannot block yourself.', { username: ['That is you.'] });
  }
  const target = await someoneNamed(ctx, username);
  const repo = blocksRepository(ctx.em);
  if ((await repo.count(viewer.id)) >= BLOCKS_MAX && !(await repo.get(viewer.id, target.id))) {
    throw new DomainError('BAD_REQUEST', `You can block at most ${BLOCKS_MAX.toLocaleString('en')} people. Unblock someone first.`, undefined, 'too_many_blocks');
  }
  await repo.block(viewer.id, target.id);
  // A block ends the follows between the two, both ways (and follows.service refuses new ones while it stands).
  await followsRepository(ctx.em).removeBetween(viewer.id, target.id);
  const row = await repo.get(viewer.id, target.id);
  return { user: toUserSummary(target), createdAt: (row?.createdAt ?? new Date()).toISOString() };
}

/** Lifts a block; `unblocked: false` when there was none. */
export async function unblock(ctx: Ctx, viewer: Viewer, username: string): Promise<{ unblocked: boolean }> {
  const target = await someoneNamed(ctx, username);
  return { unblocked: await blocksRepository(ctx.em).unblock(viewer.id, target.id) };
}

/** The people I blocked, newest first (all of them: at most BLOCKS_MAX). Clients use it to hide live events too. */
export async function list(ctx: Ctx, viewer: Viewer): Promise<BlockDto[]> {
  const rows = await blocksRepository(ctx.em).list(viewer.id, BLOCKS_MAX);
  return rows.map((b) => ({ user: toUserSummary(b.blocked), createdAt: b.createdAt.toISOString() }));
}

/**
 * Refuses to bring the viewer and any of `others` together (a DM, a group) when a block stands between them, either
 * way. I blocked them: I am told so (I know it), reason `blocked_by_me`. They blocked me: a neutral refusal, the same
 * for every such person, reason `blocked`.
 */
export async function refuseBlocked(ctx: Ctx, viewer: Viewer, others: Pick<User, 'id' | 'username'>[], what: 'dm' | 'group') {
  const { byMe, byThem } = await blocksRepository(ctx.em).between(viewer.id, others.map((o) => o.id));
  const mine = others.find((o) => byMe.has(o.id));
  if (mine) {
    throw new DomainError('FORBIDDEN', `You blocked @${mine.username}: unblock them first.`, { [what === 'dm' ? 'username' : 'usernames']: [`You blocked @${mine.username}.`] }, 'blocked_by_me');
  }
  const theirs = others.find((o) => byThem.has(o.id));
  if (theirs) {
    const message = what === 'dm' ? `You can't start a conversation with @${theirs.username}.` : `You can't add @${theirs.username} to a conversation.`;
    throw new DomainError('FORBIDDEN', message, undefined, 'blocked');
  }
}

/** Sending into a 1-to-1 DM, or calling from it, is refused while either person blocks the other (reasons as above). */
export async function refuseBlockedDm(ctx: Ctx, viewer: Viewer, room: Pick<Room, 'kind' | 'dmKey'>, action: 'send' | 'call' = 'send') {
  if (room.kind !== 'dm' || !room.dmKey) return;
  const peerId = room.dmKey.split(':').find((id) => id !== viewer.id);
  if (!peerId) return;
  const { byMe, byThem } = await blocksRepository(ctx.em).between(viewer.id, [peerId]);
  const verb = action === 'send' ? 'send messages here' : 'call them';
  if (byMe.has(peerId)) throw new DomainError('FORBIDDEN', `You blocked this person: unblock them to ${verb}.`, undefined, 'blocked_by_me');
  if (byThem.has(peerId)) throw new DomainError('FORBIDDEN', action === 'send' ? "You can't send messages in this conversation." : "You can't call this person.", undefined, 'blocked');
}

/**
 * A MessageExtra: for a reader (`viewerId` given), messages of people they blocked come hidden, body emptied (and
 * quotes of such messages too). Published DTOs (`viewerId` null) are left alone: clients hide those themselves.
 * Registered last, so it also clears what earlier extras added to a hidden message (attachments).
 */
export const hideBlocked: MessageExtra = async (em, messages, viewerId) => {
  if (!viewerId) return;
  const authors = new Set<string>();
  for (const m of messages) {
    if (m.author && m.author.id !== viewerId) authors.add(m.author.id);
    if (m.replyTo?.author && m.replyTo.author.id !== viewerId) authors.add(m.replyTo.author.id);
  }
  const blocked = await blocksRepository(em).blockedAmong(viewerId, [...authors]);
  if (blocked.size === 0) return;
  for (const m of messages) {
    if (m.author && blocked.has(m.author.id)) hide(m);
    if (m.replyTo?.author && blocked.has(m.replyTo.author.id)) {
      m.replyTo.body = '';
      m.replyTo.hidden = 'blocked';
    }
  }
};

function hide(m: MessageDto) {
  m.hidden = 'blocked';
  m.body = '';
  const extra = m as unknown as Record<string, unknown>;
  for (const field of ['attachments', 'mentions']) if (Array.isArray(extra[field])) extra[field] = [];
}
