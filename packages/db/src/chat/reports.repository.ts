import type { Em } from '../orm.ts';
import { MessageEdit } from './message-edit.entity.ts';
import { ChatReport, type ChatReportReason, type ChatReportStatus } from './report.entity.ts';

export interface ReportFilter {
  status?: ChatReportStatus | undefined;
  /** Keyset: reports with an id below this one. */
  beforeId?: string | undefined;
  limit: number;
}

const POPULATE = ['message', 'message.author', 'room', 'reporter', 'resolvedBy'] as const;

class AlreadyResolved extends Error {}

/** Reports of chat messages (issue 10). */
export const reportsRepository = (em: Em) => ({
  /** Files a report, once per reporter and message: a second one returns the first with `created: false`. */
  async report(data: { messageId: string; roomId: string; reporterId: string; reason: ChatReportReason; note: string | null }) {
    const inserted = await em.execute<{ id: string | number }[]>(
      `insert into chat_reports (message_id, room_id, reporter_id, reason, note, status, created_at) values (?, ?, ?, ?, ?, 'open', now())
       on conflict (message_id, reporter_id) do nothing returning id`,
      [data.messageId, data.roomId, data.reporterId, data.reason, data.note],
    );
    const report = await em.findOneOrFail(ChatReport, { message: data.messageId, reporter: data.reporterId }, { populate: POPULATE, refresh: true });
    return { report, created: inserted.length > 0 };
  },

  /** The earlier versions (message_edits) of `messageIds`, oldest first, with who replaced each. */
  versionsOf: (messageIds: string[]) =>
    messageIds.length === 0
      ? Promise.resolve([])
      : em.find(MessageEdit, { message: { $in: messageIds } }, { populate: ['editedBy'], orderBy: { id: 'asc' }, refresh: true }),

  byId: (id: string) => em.findOne(ChatReport, { id }, { populate: POPULATE, refresh: true }),

  /** Newest first. */
  list: (filter: ReportFilter) =>
    em.find(
      ChatReport,
      { ...(filter.status ? { status: filter.status } : {}), ...(filter.beforeId ? { id: { $lt: filter.beforeId } } : {}) },
      { populate: POPULATE, orderBy: { id: 'desc' }, limit: filter.limit, refresh: true },
    ),

  /**
   * Resolves an open report and every other open report of the same message, in one transaction. The report's row is
   * locked first, so two admins resolving it at once do not both act: the second gets `already`.
   */
  async resolve(id: string, status: Exclude<ChatReportStatus, 'open'>, resolvedById: string): Promise<{ messageId: string; resolved: number } | 'already'> {
    return em
      .transactional(async (tx) => {
        const [row] = await tx.execute<{ message_id: string | number; status: string }[]>('select message_id, status from chat_reports where id = ? for update', [id]);
        if (!row || row.status !== 'open') throw new AlreadyResolved();
        const messageId = String(row.message_id);
        const resolved = await tx.nativeUpdate(ChatReport, { message: messageId, status: 'open' }, { status, resolvedBy: resolvedById, resolvedAt: new Date() });
        return { messageId, resolved };
      })
      .catch((error: unknown) => {
        if (error instanceof AlreadyResolved) return 'already' as const;
        throw error;
      });
  },
});
