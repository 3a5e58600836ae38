// Edit history kept for moderators (issue 10, "Messages": edit "marked edited, history kept for moderators").
// Each edit keeps the body it replaces, and a moderator deleting someone else's message keeps its body too, in the
// same transaction as the change (reactions.repository.ts, messageEditsRepository). An author deleting their own
// message keeps nothing: that is their choice. The room's owner and moderators see a message's versions; members get
// FORBIDDEN, everyone else NOT_FOUND. Global admins are everyone else here: they read versions only around an open
// report, through admin.chat.conversation (admin/chat-reports.ts), which is audited (the privacy rule of issue 10).
import { chatRepository, messageEditsRepository } from '@veza/db';
import type { Context, Viewer } from '../context.ts';
import { DomainError } from '../errors.ts';
import { toUserSummary, type UserSummaryDto } from '../users/users.dto.ts';
import { toMessageDto, type MessageDto, type MessagePageDto } from './chat.dto.ts';
import { resolveMentions } from './mentions.ts';
import { withExtras } from './message-extras.ts';
import { loadVisibleRoom, moderates } from './rooms.service.ts';

type Ctx = Pick<Context, 'em'>;

/**
 * A page of a room's history centred on `seq` (jump to a message: a search result, a reply's parent, a permalink),
 * in ascending seq: up to half the page before it, the message itself, and the rest after it, with hasOlder /
 * hasNewer to page on from both ends. A deleted message is there as its tombstone (seqs are gap-free); a seq the
 * room never reached is NOT_FOUND, said as such. A room the viewer cannot read answers as any history read does.
 */
export async function around(ctx: Ctx, viewer: Viewer, input: { roomId: string; seq: number; limit: number }): Promise<MessagePageDto> {
  const { room } = await loadVisibleRoom(ctx, viewer, input.roomId);
  if (input.seq < 1 || input.seq > room.lastSeq) throw new DomainError('NOT_FOUND', 'This message does not exist in this conversation.');
  const repo = chatRepository(ctx.em);
  const olderCount = Math.floor((input.limit - 1) / 2);
  // The message and the newer ones, then the older ones (the history is only ever appended: the two reads agree).
  const newer = await repo.page(room.id, { afterSeq: input.seq - 1, limit: input.limit - olderCount });
  const older = olderCount > 0 ? await repo.page(room.id, { beforeSeq: input.seq, limit: olderCount }) : { items: [], more: input.seq > 1 };
  const items = await withExtras(ctx.em, [...older.items, ...newer.items].map(toMessageDto), viewer.id);
  return { items, hasOlder: older.more, hasNewer: newer.more, lastSeq: room.lastSeq };
}

export interface MessageVersionDto {
  /** The text as it was before this change. */
  body: string;
  /** `edit`: replaced by an edit; `delete`: removed by a moderator. */
  action: 'edit' | 'delete';
  /** When it was replaced or removed, and by whom (null once their account is gone). */
  changedAt: string;
  changedBy: UserSummaryDto | null;
}

export interface MessageHistoryDto {
  /** The message as it stands now. */
  message: MessageDto;
  /** Its earlier versions, oldest first. */
  versions: MessageVersionDto[];
}

const messageNotFound = () => new DomainError('NOT_FOUND', 'This message does not exist or you cannot see it.');

/**
 * Edits a message keeping its previous body, and replaces its mentions, in one transaction. Returns the members
 * now mentioned (to notify), or null when the message was deleted meanwhile.
 */
export async function editKeepingHistory(ctx: Ctx, viewer: Viewer, message: { id: string; roomId: string }, body: string): Promise<{ mentionIds: string[] } | null> {
  const mentionIds = await resolveMentions(ctx, message.roomId, body);
  const edited = await messageEditsRepository(ctx.em).edit({ messageId: message.id, body, editorId: viewer.id, mentionIds });
  return edited ? { mentionIds } : null;
}

/**
 * Deletes a message (a tombstone), keeping its body for moderators when someone other than its author deletes it.
 * Returns 1 when this call deleted it, 0 when it was deleted already.
 */
export function deleteKeepingHistory(ctx: Ctx, viewer: Viewer, message: { id: string; authorId: string | null }): Promise<number> {
  return messageEditsRepository(ctx.em).tombstone({ messageId: message.id, byId: viewer.id, keepBody: message.authorId !== viewer.id });
}

/** A message's earlier versions, for the room's owner and moderators. */
export async function history(ctx: Ctx, viewer: Viewer, messageId: string): Promise<MessageHistoryDto> {
  const message = await chatRepository(ctx.em).messageById(messageId);
  if (!message) throw messageNotFound();
  let member;
  try {
    ({ member } = await loadVisibleRoom(ctx, viewer, message.room.id));
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') throw messageNotFound();
    throw error;
  }
  if (!moderates(member)) throw new DomainError('FORBIDDEN', "Only the room's owner and moderators can see a message's earlier versions.");
  const versions = await messageEditsRepository(ctx.em).versions(message.id);
  return {
    message: await withExtras(ctx.em, toMessageDto(message), viewer.id),
    versions: versions.map((v) => ({
      body: v.body,
      action: v.action,
      changedAt: v.editedAt.toISOString(),
      changedBy: v.editedBy ? toUserSummary(v.editedBy) : null,
    })),
  };
}
