// Emoji reactions (issue 10, "Messages"). Members react to messages they can read (muted members cannot add one,
// they may take theirs back); adding twice is once, removing what is not there changes nothing. A message holds at
// most REACTIONS_PER_MESSAGE_MAX distinct emojis: the next new one is refused (CONFLICT, nothing stored), counted
// under the message's row lock so concurrent adds never pass it. Deleted messages take no reactions (their
// tombstone has none). Each change is published to the room's live subscribers (`reaction.changed`) once committed.
import { chatRepository, reactionsRepository, type Em, type Message, type RoomMember } from '@veza/db';
import { REACTIONS_PER_MESSAGE_MAX, type ListReactorsInput, type ReactionInput } from '@veza/validators';
import type { Context, Viewer } from '../context.ts';
import { DomainError } from '../errors.ts';
import { toUserSummary, type UserSummaryDto } from '../users/users.dto.ts';
import { activeMute, type MessageReactionDto } from './chat.dto.ts';
import { publishRoomEvent } from './chat.events.ts';
import type { MessageExtra } from './message-extras.ts';
import { loadVisibleRoom } from './rooms.service.ts';

type Ctx = Pick<Context, 'em' | 'deps'>;

/** What `chat.reactions.add/remove` answer: whether the call changed anything, and the message's reactions now. */
export interface ReactionChangeDto {
  messageId: string;
  changed: boolean;
  reactions: MessageReactionDto[];
}

export interface ReactorDto {
  user: UserSummaryDto;
  reactedAt: string;
}

export interface ReactorPageDto {
  items: ReactorDto[];
  /** People who reacted with this emoji overall. */
  total: number;
  /** The `offset` of the next page; null on the last one. */
  nextOffset: number | null;
}

const deletedMessage = () => new DomainError('CONFLICT', 'This message was deleted: it cannot take reactions.', undefined, 'message_deleted');
const messageGone = () => new DomainError('NOT_FOUND', 'This message does not exist or you cannot see it.');

/**
 * A message in a room the viewer can see, with their membership there (null in a public room not joined); a message
 * of a room they cannot see is NOT_FOUND, like one that does not exist. (messages.service.ts has the same rule; not
 * imported from there, as message-extras.ts imports this module.)
 */
export async function loadVisibleMessage(ctx: Pick<Context, 'em'>, viewer: Viewer, messageId: string) {
  const message = await chatRepository(ctx.em).messageById(messageId);
  if (!message) throw messageGone();
  try {
    const { member } = await loadVisibleRoom(ctx, viewer, message.room.id);
    return { message, member };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') throw messageGone();
    throw error;
  }
}

/** A muted member cannot react (FORBIDDEN, saying until when). */
function refuseMuted(member: Pick<RoomMember, 'mutedUntil'>) {
  const until = activeMute(member);
  if (until) throw new DomainError('FORBIDDEN', `You are muted in this room until ${until.slice(0, 16).replace('T', ' ')} UTC.`, undefined, 'muted');
}

/** The message (one the viewer can see, in a room they are a member of) and their membership. */
async function loadReactable(ctx: Ctx, viewer: Viewer, messageId: string) {
  const { message, member } = await loadVisibleMessage(ctx, viewer, messageId);
  if (!member) throw new DomainError('FORBIDDEN', 'Join this room to react to its messages.', undefined, 'not_a_member');
  if (message.deletedAt) throw deletedMessage();
  return { message, member };
}

async function reactionsOf(em: Em, messageId: string, viewerId: string): Promise<MessageReactionDto[]> {
  const rows = await reactionsRepository(em).summaries([messageId], viewerId);
  return rows.map(({ emoji, count, mine }) => ({ emoji, count, mine }));
}

/** A reaction change found the message gone or deleted meanwhile (under its row lock). */
function refuseGone(status: string) {
  if (status === 'missing') throw messageGone();
  if (status === 'deleted') throw deletedMessage();
}

/**
 * The answer to an add or a remove: when it changed something, the room's live subscribers are told first
 * (`reaction.changed`, with the emoji's count now); then the message's reactions as the viewer sees them.
 */
async function answer(ctx: Ctx, viewer: Viewer, message: Message, emoji: string, change: { added: boolean; count: number } | null): Promise<ReactionChangeDto> {
  if (change) {
    await publishRoomEvent(ctx.deps.bus, { type: 'reaction.changed', roomId: message.room.id, messageId: message.id, seq: message.seq, emoji, userId: viewer.id, ...change });
  }
  return { messageId: message.id, changed: change !== null, reactions: await reactionsOf(ctx.em, message.id, viewer.id) };
}

/** Adds the viewer's reaction (again: no change). */
export async function add(ctx: Ctx, viewer: Viewer, input: ReactionInput): Promise<ReactionChangeDto> {
  const { message, member } = await loadReactable(ctx, viewer, input.messageId);
  refuseMuted(member);
  const result = await reactionsRepository(ctx.em).add(message.id, viewer.id, input.emoji, REACTIONS_PER_MESSAGE_MAX);
  refuseGone(result.status);
  if (result.status === 'full') {
    const text = `This message already has ${REACTIONS_PER_MESSAGE_MAX} different reactions: add one of those instead.`;
    throw new DomainError('CONFLICT', text, { emoji: [text] }, 'too_many_reactions');
  }
  return answer(ctx, viewer, message, input.emoji, result.status === 'added' ? { added: true, count: result.count } : null);
}

/** Removes the viewer's reaction (none: no change). Muted members may take theirs back. */
export async function remove(ctx: Ctx, viewer: Viewer, input: ReactionInput): Promise<ReactionChangeDto> {
  const { message } = await loadReactable(ctx, viewer, input.messageId);
  const result = await reactionsRepository(ctx.em).remove(message.id, viewer.id, input.emoji);
  refuseGone(result.status);
  return answer(ctx, viewer, message, input.emoji, result.status === 'removed' ? { added: false, count: result.count } : null);
}

/** Who reacted to a message with one emoji (anyone who can read the message), first ones first. */
export async function list(ctx: Ctx, viewer: Viewer, input: ListReactorsInput): Promise<ReactorPageDto> {
  const { message } = await loadVisibleMessage(ctx, viewer, input.messageId);
  const { items, total } = await reactionsRepository(ctx.em).reactors(message.id, input.emoji, input);
  const end = input.offset + items.length;
  return {
    items: items.map((r) => ({ user: toUserSummary(r.user), reactedAt: r.createdAt.toISOString() })),
    total,
    nextOffset: end < total ? end : null,
  };
}

/** `MessageDto.reactions` for a page of messages, in one query; `mine` only for a given viewer. */
export const addReactions: MessageExtra = async (em, messages, viewerId) => {
  const rows = await reactionsRepository(em).summaries(
    messages.filter((m) => !m.deletedAt).map((m) => m.id),
    viewerId,
  );
  const byMessage = new Map<string, MessageReactionDto[]>();
  for (const { messageId, emoji, count, mine } of rows) {
    const list = byMessage.get(messageId) ?? [];
    list.push({ emoji, count, mine });
    byMessage.set(messageId, list);
  }
  for (const message of messages) message.reactions = byMessage.get(message.id) ?? [];
};
