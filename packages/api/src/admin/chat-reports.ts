// Reported chat messages, for global admins (issue 10, "a global admin can read a reported conversation").
//
// The privacy rule: an admin reads a conversation only through an OPEN report, and only the messages within
// REPORT_CONTEXT_MESSAGES of the reported one (paging further, or reading through a resolved report, is FORBIDDEN).
// There is no way to name a room directly: a room nobody reported cannot be read at all (chat.messages.list answers
// NOT_FOUND to an admin who is not in it, like to anyone). Every read is written to the audit log
// (`chat.conversation_read`), and so is every resolution (`chat.report_resolved`). The report queue itself shows no
// message bodies. The conversation shows each message's earlier versions (message_edits: bodies before edits, and
// bodies a moderator or admin deleted; an author deleting their own message keeps nothing, history.service.ts).
import { chatRepository, reportsRepository, type ChatReport, type ChatReportReason, type ChatReportStatus, type RoomKind } from '@veza/db';
import {
  adminChatConversationInput,
  adminChatReportsInput,
  isBigintId,
  REPORT_CONTEXT_MESSAGES,
  resolveReportInput,
  type AdminChatConversationInput,
  type AdminChatReportsInput,
  type ReportAction,
} from '@veza/validators';
import type { Context, Viewer } from '../context.ts';
import { DomainError } from '../errors.ts';
import { publishMessageEvent } from '../chat/chat.events.ts';
import { removeMessageAttachments } from '../chat/attachments.service.ts';
import { toMessageDto, type MessageDto } from '../chat/chat.dto.ts';
import { deleteKeepingHistory, type MessageVersionDto } from '../chat/history.service.ts';
import { withExtras } from '../chat/message-extras.ts';
import { audit } from '../security/audit.ts';
import { adminProcedure, router } from '../trpc.ts';
import { toUserSummary, type UserSummaryDto } from '../users/users.dto.ts';

type Ctx = Pick<Context, 'deps' | 'em' | 'meta'>;

export interface ChatReportDto {
  id: string;
  status: ChatReportStatus;
  reason: ChatReportReason;
  note: string | null;
  createdAt: string;
  /** Null once the reporter's account is gone. */
  reporter: UserSummaryDto | null;
  room: { id: string; kind: RoomKind; name: string | null };
  /** The reported message, without its body (read it with admin.chat.conversation, which is audited). */
  message: { id: string; seq: number; author: UserSummaryDto | null; createdAt: string; deleted: boolean };
  resolvedBy: UserSummaryDto | null;
  resolvedAt: string | null;
}

export interface ChatReportPageDto {
  items: ChatReportDto[];
  nextCursor: string | null;
}

/** A message as an admin reads it around a report: as it stands, with its earlier versions. */
export interface ReportedMessageDto extends MessageDto {
  /** Bodies before each edit, and the body a moderator or admin deleted; oldest first. */
  versions: MessageVersionDto[];
}

export interface ReportedConversationDto {
  report: ChatReportDto;
  /** Ascending seq, bodies as they stand (a deleted message is a tombstone; see `versions`). */
  items: ReportedMessageDto[];
  /** Readable messages exist before the first item (page with `beforeSeq: items[0].seq`). */
  hasOlder: boolean;
  /** Readable messages exist after the last item (page with `afterSeq: items.at(-1).seq`). */
  hasNewer: boolean;
}

const DEFAULT_LIMIT = 50;
const BAD_CURSOR = () => new DomainError('BAD_REQUEST', 'This page link is no longer valid. Start again from the first page.');
const reportNotFound = () => new DomainError('NOT_FOUND', 'This report does not exist.');

const toReportDto = (r: ChatReport): ChatReportDto => {
  const m = r.message;
  return {
    id: r.id,
    status: r.status,
    reason: r.reason,
    note: r.note ?? null,
    createdAt: r.createdAt.toISOString(),
    reporter: r.reporter ? toUserSummary(r.reporter) : null,
    room: { id: r.room.id, kind: r.room.kind, name: r.room.name ?? null },
    message: { id: m.id, seq: m.seq, author: m.author ? toUserSummary(m.author) : null, createdAt: m.createdAt.toISOString(), deleted: m.deletedAt != null },
    resolvedBy: r.resolvedBy ? toUserSummary(r.resolvedBy) : null,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
  };
};

/** The report queue, newest first (filtered by status), keyset-paged. */
export async function listReports(ctx: Ctx, input: AdminChatReportsInput): Promise<ChatReportPageDto> {
  const limit = input.limit ?? DEFAULT_LIMIT;
  let beforeId: string | undefined;
  if (input.cursor !== undefined) {
    beforeId = Buffer.from(input.cursor, 'base64url').toString();
    if (!isBigintId(beforeId)) throw BAD_CURSOR();
  }
  const rows = await reportsRepository(ctx.em).list({ status: input.status, beforeId, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(toReportDto), nextCursor: rows.length > limit && last ? Buffer.from(last.id).toString('base64url') : null };
}

async function openReport(ctx: Ctx, reportId: string): Promise<ChatReport> {
  const report = await reportsRepository(ctx.em).byId(reportId);
  if (!report) throw reportNotFound();
  return report;
}

/**
 * The messages around a reported one, for an admin, through an open report only, within REPORT_CONTEXT_MESSAGES
 * of it; audited. Seqs are gap-free (a deleted message stays as a tombstone), so pages are seq ranges.
 */
export async function conversation(ctx: Ctx, viewer: Viewer, input: AdminChatConversationInput): Promise<ReportedConversationDto> {
  const report = await openReport(ctx, input.reportId);
  if (report.status !== 'open') {
    throw new DomainError('FORBIDDEN', 'This report was resolved: its conversation can no longer be read.', undefined, 'report_resolved');
  }
  const reported = report.message.seq;
  const lowest = Math.max(1, reported - REPORT_CONTEXT_MESSAGES);
  const highest = Math.min(report.room.lastSeq, reported + REPORT_CONTEXT_MESSAGES);
  const outside = () =>
    new DomainError('FORBIDDEN', `Only the ${REPORT_CONTEXT_MESSAGES} messages on each side of the reported one can be read.`, undefined, 'outside_report');
  let from: number;
  let to: number;
  if (input.beforeSeq !== undefined) {
    if (input.beforeSeq - 1 < lowest && input.beforeSeq > 1) throw outside();
    to = Math.min(input.beforeSeq - 1, highest);
    from = Math.max(lowest, to - input.limit + 1);
  } else if (input.afterSeq !== undefined) {
    if (input.afterSeq + 1 > highest && input.afterSeq < report.room.lastSeq) throw outside();
    from = Math.max(input.afterSeq + 1, lowest);
    to = Math.min(highest, from + input.limit - 1);
  } else {
    from = Math.max(lowest, reported - Math.floor((input.limit - 1) / 2));
    to = Math.min(highest, from + input.limit - 1);
    from = Math.max(lowest, to - input.limit + 1);
  }
  const messages =
    to >= from ? (await chatRepository(ctx.em).page(report.room.id, { afterSeq: from - 1, limit: to - from + 1 })).items.map(toMessageDto) : [];
  await withExtras(ctx.em, messages, null);
  const versions = await reportsRepository(ctx.em).versionsOf(messages.map((m) => m.id));
  const items: ReportedMessageDto[] = messages.map((m) => ({
    ...m,
    versions: versions
      .filter((v) => v.message.id === m.id)
      .map((v) => ({ body: v.body, action: v.action, changedAt: v.editedAt.toISOString(), changedBy: v.editedBy ? toUserSummary(v.editedBy) : null })),
  }));
  await audit(
    ctx,
    'chat.conversation_read',
    { actorId: viewer.id, subjectId: report.message.author?.id ?? null },
    { reportId: report.id, roomId: report.room.id, messageId: report.message.id, fromSeq: items[0]?.seq ?? null, toSeq: items.at(-1)?.seq ?? null },
  );
  const first = items[0]?.seq ?? from;
  const last = items.at(-1)?.seq ?? to;
  return { report: toReportDto(report), items, hasOlder: first > lowest, hasNewer: last < highest };
}

const STATUS_OF: Record<ReportAction, Exclude<ChatReportStatus, 'open'>> = { dismiss: 'dismissed', delete_message: 'actioned' };

/**
 * Closes a report and every other open report of the same message: `dismiss`, or `delete_message` (then the message
 * is deleted as a moderator deletes one: a tombstone, its body kept in message_edits, reactions, mentions and
 * attachments gone, live subscribers told). Resolving a closed report is CONFLICT. Audited.
 */
export async function resolveReport(ctx: Ctx, viewer: Viewer, reportId: string, action: ReportAction): Promise<ChatReportDto> {
  await openReport(ctx, reportId);
  const outcome = await reportsRepository(ctx.em).resolve(reportId, STATUS_OF[action], viewer.id);
  if (outcome === 'already') throw new DomainError('CONFLICT', 'This report was already resolved.', undefined, 'report_resolved');
  let message = await chatRepository(ctx.em).messageById(outcome.messageId);
  if (action === 'delete_message' && message) {
    const deleted = await deleteKeepingHistory(ctx, viewer, { id: message.id, authorId: message.author?.id ?? null });
    if (deleted > 0) {
      await removeMessageAttachments(ctx, message.id);
      message = await chatRepository(ctx.em).messageById(outcome.messageId);
      if (message) await publishMessageEvent(ctx.deps.bus, 'message.deleted', await withExtras(ctx.em, toMessageDto(message), null));
    }
  }
  await audit(
    ctx,
    'chat.report_resolved',
    { actorId: viewer.id, subjectId: message?.author?.id ?? null },
    { reportId, action, messageId: outcome.messageId, roomId: message?.room.id ?? null, reportsResolved: outcome.resolved },
  );
  return toReportDto(await openReport(ctx, reportId));
}

/** `admin.chat.*`: global admins only. */
export const adminChatRouter = router({
  /** The report queue (no message bodies). */
  reports: adminProcedure.input(adminChatReportsInput).query(({ ctx, input }) => listReports(ctx, input)),
  /** The messages around an open report's message; every call is audited. */
  conversation: adminProcedure.input(adminChatConversationInput).query(({ ctx, input }) => conversation(ctx, ctx.viewer, input)),
  resolveReport: adminProcedure.input(resolveReportInput).mutation(({ ctx, input }) => resolveReport(ctx, ctx.viewer, input.reportId, input.action)),
});
