// Messages: send (idempotent per author and clientMessageId, gap-free seq), history pages. Access rules: see
// rooms.service.ts (members write; public rooms are readable by anyone signed in; otherwise NOT_FOUND).
import { chatRepository } from '@veza/db';
import type { ListMessagesInput, SendMessageInput } from '@veza/validators';
import type { Context, Viewer } from '../context.ts';
import { DomainError } from '../errors.ts';
import { toMessageDto, type MessageDto, type MessagePageDto } from './chat.dto.ts';
import { loadMemberRoom, loadVisibleRoom } from './rooms.service.ts';

type Ctx = Pick<Context, 'em'>;

/**
 * Sends a message, or returns the one this client already sent with the same `clientMessageId` (a retry after a
 * lost answer). The message is committed when this returns: publishing it to live subscribers goes after this call.
 */
export async function send(ctx: Ctx, viewer: Viewer, input: SendMessageInput): Promise<MessageDto> {
  const repo = chatRepository(ctx.em);
  // A retry is answered before anything else, so a message already accepted is never refused afterwards.
  const previous = await repo.byClientId(viewer.id, input.clientMessageId);
  if (previous) return sameMessage(previous.room.id, input.roomId, toMessageDto(previous));
  const { room } = await loadMemberRoom(ctx, viewer, input.roomId);
  if (input.replyToId !== undefined) {
    const parent = await repo.messageInRoom(room.id, input.replyToId);
    if (!parent) {
      const message = 'You can only reply to a message of this conversation.';
      throw new DomainError('BAD_REQUEST', message, { replyToId: [message] });
    }
  }
  const { message } = await repo.appendMessage({
    roomId: room.id,
    authorId: viewer.id,
    body: input.body,
    clientMessageId: input.clientMessageId,
    replyToId: input.replyToId ?? null,
  });
  return sameMessage(message.room.id, input.roomId, toMessageDto(message));
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
  const { room } = await loadVisibleRoom(ctx, viewer, input.roomId);
  const page = await chatRepository(ctx.em).page(room.id, input);
  const items = page.items.map(toMessageDto);
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
