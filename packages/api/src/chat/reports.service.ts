// Reporting a message (issue 10, "a global admin can read a reported conversation"). Anyone who can read a message
// reports it once (a second report by the same person returns the first). An open report is what lets a global
// admin read the messages around it (admin/chat-reports.ts); nothing else of a private conversation is readable
// by admins.
import { chatRepository, reportsRepository, type ChatReportStatus } from '@veza/db';
import type { ReportMessageInput } from '@veza/validators';
import type { Context, Viewer } from '../context.ts';
import { DomainError } from '../errors.ts';
import { loadVisibleRoom } from './rooms.service.ts';

type Ctx = Pick<Context, 'em'>;

const messageNotFound = () => new DomainError('NOT_FOUND', 'This message does not exist or you cannot see it.');

/** Reports a message the viewer can read (not their own, not deleted); idempotent per reporter and message. */
export async function report(ctx: Ctx, viewer: Viewer, input: ReportMessageInput): Promise<{ reportId: string; status: ChatReportStatus; created: boolean }> {
  const message = await chatRepository(ctx.em).messageById(input.messageId);
  if (!message) throw messageNotFound();
  try {
    await loadVisibleRoom(ctx, viewer, message.room.id);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') throw messageNotFound();
    throw error;
  }
  if (message.author?.id === viewer.id) throw new DomainError('BAD_REQUEST', 'You cannot report your own message.');
  if (message.deletedAt) throw new DomainError('BAD_REQUEST', 'This message was deleted: there is nothing left to report.');
  const { report: row, created } = await reportsRepository(ctx.em).report({
    messageId: message.id,
    roomId: message.room.id,
    reporterId: viewer.id,
    reason: input.reason,
    note: input.note ? input.note : null,
  });
  return { reportId: row.id, status: row.status, created };
}
