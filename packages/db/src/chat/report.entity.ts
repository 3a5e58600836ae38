import { defineEntity, p } from '@mikro-orm/core';
import { REPORT_REASONS, REPORT_STATUSES } from '@veza/validators';
import { User } from '../entities/user.entity.ts';
import { Message } from './message.entity.ts';
import { Room } from './room.entity.ts';

export type ChatReportReason = (typeof REPORT_REASONS)[number];
export type ChatReportStatus = (typeof REPORT_STATUSES)[number];

/**
 * Someone reported a message (once per reporter and message). An open report is what lets a global admin read the
 * messages around the reported one (and nothing else of the room); resolving it closes that window: `dismissed`, or
 * `actioned` (the message was deleted). `room` is the message's room, kept for the admin queue.
 */
const ChatReportSchema = defineEntity({
  name: 'ChatReport',
  tableName: 'chat_reports',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    message: () => p.manyToOne(Message).deleteRule('cascade'),
    room: () => p.manyToOne(Room).deleteRule('cascade').index(),
    /** Null once the reporter's account is gone (the report stays for the moderators). */
    reporter: () => p.manyToOne(User).nullable().deleteRule('set null'),
    reason: p.enum([...REPORT_REASONS]),
    note: p.string().length(1000).nullable(),
    status: p.enum([...REPORT_STATUSES]).default('open').index(),
    resolvedBy: () => p.manyToOne(User).nullable().deleteRule('set null'),
    resolvedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ name: 'chat_reports_message_id_reporter_id_unique', properties: ['message', 'reporter'] }],
});

export class ChatReport extends ChatReportSchema.class {}
ChatReportSchema.setClass(ChatReport);
export { ChatReportSchema };
