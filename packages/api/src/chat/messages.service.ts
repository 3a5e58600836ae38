// Messages: send (idempotent per author and clientMessageId, gap-free seq), history pages. Access rules: see
// rooms.service.ts (members write; public rooms are readable by anyone signed in; otherwise NOT_FOUND).
import { chatRepository, type RoomMember } from '@veza/db';
import type { EditMessageInput, ListMessagesInput, SendMessageInput } from '@veza/validators';
import type { Context, Viewer } from '../context.ts';
import { DomainError, RateLimitedError } from '../errors.ts';
import { refuseBlockedDm } from '../users/blocks.service.ts';
import { prepareAttachments, removeMessageAttachments } from './attachments.service.ts';
import { activeMute, toMessageDto, type MessageDto, type MessagePageDto } from './chat.dto.ts';
import { publishMessageEvent } from './chat.events.ts';
import { around, deleteKeepingHistory, editKeepingHistory } from './history.service.ts';
import { publishConversationMessage } from './inbox.events.ts';
import { notifyMentions, resolveMentions } from './mentions.ts';
import { withExtras } from './message-extras.ts';
import { loadMemberRoom, loadVisibleRoom, moderates } from './rooms.service.ts';

type Ctx = Pick<Context, 'em' | 'deps'>;

/**
 * Sends a message, or returns the one this client already sent with the same `clientMessageId` (a retry after a
 * lost answer). Live subscribers are told once it is committed (a retry tells them again: they skip what they have,
 * and a first publish lost to a crash is made good).
 */
export async function send(ctx: Ctx, viewer: Viewer, input: SendMessageInput): Promise<MessageDto> {
  const repo = chatRepository(ctx.em);
  // A retry is answered before anything else, so a message already accepted is never refused afterwards.
  const previous = await repo.byClientId(viewer.id, input.clientMessageId);
  if (previous) return published(ctx, 'message.created', sameMessage(previous.room.id, input.roomId, toMessageDto(previous)));
  const { room, member } = await loadMemberRoom(ctx, viewer, input.roomId);
  refuseMuted(member);
  // A 1-to-1 DM where either person blocked the other takes no new messages (users/blocks.service.ts).
  await refuseBlockedDm(ctx, viewer, room);
  if (input.replyToId !== undefined) {
    const parent = await repo.messageInRoom(room.id, input.replyToId);
    if (!parent) {
      const message = 'You can only reply to a message of this conversation.';
      throw new DomainError('BAD_REQUEST', message, { replyToId: [message] });
    }
  }
  // Checked before anything is written; claimed in the send's transaction (attachments.service.ts).
  const attach = await prepareAttachments(ctx, viewer, input.attachments);
  // Slow mode, last (after every other check): members send one message per interval; moderators are exempt.
  if (room.slowModeSeconds > 0 && !moderates(member)) {
    const wait = await repo.takeSlowModeSlot(room.id, viewer.id, room.slowModeSeconds);
    if (wait !== null) {
      throw new RateLimitedError(
        `Slow mode is on in this room: one message every ${room.slowModeSeconds} second${room.slowModeSeconds === 1 ? '' : 's'}. Please wait ${wait} second${wait === 1 ? '' : 's'}.`,
        wait,
      );
    }
  }
  const mentionIds = await resolveMentions(ctx, room.id, input.body);
  const { message, created } = await repo.appendMessage({
    roomId: room.id,
    authorId: viewer.id,
    body: input.body,
    clientMessageId: input.clientMessageId,
    replyToId: input.replyToId ?? null,
    mentionIds,
  }, attach);
  const dto = await published(ctx, 'message.created', sameMessage(message.room.id, input.roomId, toMessageDto(message)));
  // DMs and groups: their members' room lists (chat.onInbox; named rooms' lists follow the room channel).
  await publishConversationMessage(ctx, room, dto);
  if (created) await notifyMentions(ctx, viewer, dto, mentionIds);
  return dto;
}

/** A muted member reads but does not write (send, edit): FORBIDDEN, saying until when. */
function refuseMuted(member: Pick<RoomMember, 'mutedUntil'>) {
  const until = activeMute(member);
  if (until) throw new DomainError('FORBIDDEN', `You are muted in this room until ${until.slice(0, 16).replace('T', ' ')} UTC.`, undefined, 'muted');
}

/** Publishes a committed change to the room's live subscribers, and returns the message. */
async function published(ctx: Ctx, type: Parameters<typeof publishMessageEvent>[1], dto: MessageDto): Promise<MessageDto> {
  // What subscribers get does not depend on who reads it; the sender's answer is the same message.
  await withExtras(ctx.em, dto, null);
  await publishMessageEvent(ctx.deps.bus, type, dto);
  return dto;
}

/** A client message id names one message: reusing it for another room is a client bug, said as a conflict. */
function sameMessage(storedRoomId: string, roomId: string, dto: MessageDto): MessageDto {
  if (storedRoomId !== roomId) {
    throw new DomainError('CONFLICT', 'This client message id was already used for a message in another conversation.', {
      clientMessageId: ['Already used in another conversation.'],
    });
  }
  return dto;
}

/** A page of history in ascending seq (see listMessagesInput for the paging modes). */
export async function list(ctx: Ctx, viewer: Viewer, input: ListMessagesInput): Promise<MessagePageDto> {
  if (input.aroundSeq !== undefined) return around(ctx, viewer, { roomId: input.roomId, seq: input.aroundSeq, limit: input.limit });
  const { room } = await loadVisibleRoom(ctx, viewer, input.roomId);
  const page = await chatRepository(ctx.em).page(room.id, input);
  const items = await withExtras(ctx.em, page.items.map(toMessageDto), viewer.id);
  const first = items[0]?.seq;
  const last = items.at(-1)?.seq;
  if (input.afterSeq !== undefined) {
    return { items, hasOlder: (first ?? input.afterSeq + 1) > 1, hasNewer: page.more, lastSeq: room.lastSeq };
  }
  return {
    items,
    hasOlder: page.more,
    hasNewer: (last ?? (input.beforeSeq ?? room.lastSeq + 1) - 1) < room.lastSeq,
    lastSeq: room.lastSeq,
  };
}

const messageNotFound = () => new DomainError('NOT_FOUND', 'This message does not exist or you cannot see it.');

/** A message in a room the viewer can see, with their membership there (null in a public room not joined). */
async function loadVisibleMessage(ctx: Ctx, viewer: Viewer, messageId: string) {
  const message = await chatRepository(ctx.em).messageById(messageId);
  if (!message) throw messageNotFound();
  try {
    const { member } = await loadVisibleRoom(ctx, viewer, message.room.id);
    return { message, member };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') throw messageNotFound();
    throw error;
  }
}

/** The author changes their message's body (marked edited). A deleted message stays deleted. */
export async function edit(ctx: Ctx, viewer: Viewer, input: EditMessageInput): Promise<MessageDto> {
  const { message, member } = await loadVisibleMessage(ctx, viewer, input.messageId);
  if (message.author?.id !== viewer.id) throw new DomainError('FORBIDDEN', 'You can only edit your own messages.');
  if (message.kind !== 'text') throw new DomainError('FORBIDDEN', 'Call summaries cannot be edited.');
  if (!member) throw new DomainError('FORBIDDEN', 'Join this room to take part in it.', undefined, 'not_a_member');
  refuseMuted(member);
  if (message.deletedAt) throw new DomainError('CONFLICT', 'This message was deleted: it cannot be edited.');
  if (message.body === input.body) return withExtras(ctx.em, toMessageDto(message), viewer.id);
  // The previous body is kept for moderators, and the mentions follow the new body (history.service.ts).
  const edited = await editKeepingHistory(ctx, viewer, { id: message.id, roomId: message.room.id }, input.body);
  if (!edited) throw new DomainError('CONFLICT', 'This message was deleted: it cannot be edited.');
  const dto = await published(ctx, 'message.edited', toMessageDto(await reload(ctx, message.id)));
  await notifyMentions(ctx, viewer, dto, edited.mentionIds);
  return dto;
}

/**
 * Deletes a message: its author, or the room's moderators and owner. A tombstone stays in the timeline (same seq,
 * body cleared, `deletedAt` set). Deleting it again changes nothing.
 */
export async function remove(ctx: Ctx, viewer: Viewer, messageId: string): Promise<MessageDto> {
  const { message, member } = await loadVisibleMessage(ctx, viewer, messageId);
  if (message.author?.id !== viewer.id && !moderates(member)) throw new DomainError('FORBIDDEN', 'You can only delete your own messages.');
  // A moderator's delete keeps the body for moderators; reactions and mentions go (history.service.ts).
  const changed = await deleteKeepingHistory(ctx, viewer, { id: message.id, authorId: message.author?.id ?? null });
  // Its images and cards go with it, the files once the rows are gone (a failure here is finished by the purge).
  if (changed > 0) await removeMessageAttachments(ctx, message.id);
  const dto = toMessageDto(await reload(ctx, message.id));
  return changed > 0 ? published(ctx, 'message.deleted', dto) : withExtras(ctx.em, dto, viewer.id);
}

async function reload(ctx: Ctx, id: string) {
  const message = await chatRepository(ctx.em).messageById(id);
  if (!message) throw messageNotFound();
  return message;
}
