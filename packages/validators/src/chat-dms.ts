// Group DMs, blocking and message reports (issue 10).
import { z } from 'zod';
import { usernameSchema } from './auth.ts';
import { messageIdSchema, pageLimitSchema, roomIdSchema, seqSchema } from './chat.ts';
import { bigintIdSchema, opaqueCursorSchema } from './ids.ts';
import { text } from './text.ts';

/** Most people in a group conversation, its members included. */
export const GROUP_MAX_MEMBERS = 10;
/** Fewest other people a group starts with (one other person is a direct message). */
export const GROUP_MIN_OTHERS = 2;

const distinct = (usernames: string[]) => new Set(usernames).size === usernames.length;

const usernamesSchema = (min: number, max: number, tooFew: string, tooMany: string) =>
  z
    .array(usernameSchema, 'Choose the people by their usernames.')
    .min(min, tooFew)
    .max(max, tooMany)
    .refine(distinct, { message: 'Each person can only be named once.' });

/** A group conversation with 2 to 9 other people (10 with me). */
export const openGroupInput = z.object({
  usernames: usernamesSchema(
    GROUP_MIN_OTHERS,
    GROUP_MAX_MEMBERS - 1,
    `A group needs at least ${GROUP_MIN_OTHERS} other people: for one person, open a direct message.`,
    `A group has at most ${GROUP_MAX_MEMBERS} people, you included.`,
  ),
});
export type OpenGroupInput = z.infer<typeof openGroupInput>;

/** Adds people to a group I am in, up to GROUP_MAX_MEMBERS in all. */
export const addToGroupInput = z.object({
  roomId: roomIdSchema,
  usernames: usernamesSchema(1, GROUP_MAX_MEMBERS - 1, 'Choose at least one person to add.', `A group has at most ${GROUP_MAX_MEMBERS} people.`),
});
export type AddToGroupInput = z.infer<typeof addToGroupInput>;

/** Most people one account can block. */
export const BLOCKS_MAX = 1000;
export const blockInput = z.object({ username: usernameSchema });

export const REPORT_REASONS = ['spam', 'harassment', 'hate', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];
export const REPORT_STATUSES = ['open', 'dismissed', 'actioned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_ACTIONS = ['dismiss', 'delete_message'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];
export const REPORT_NOTE_MAX = 1000;

export const reportMessageInput = z.object({
  messageId: messageIdSchema,
  reason: z.enum(REPORT_REASONS, 'Choose why: spam, harassment, hate or other.'),
  note: text('Note', { multiline: true }).max(REPORT_NOTE_MAX, `The note must be at most ${REPORT_NOTE_MAX.toLocaleString('en')} characters.`).optional(),
});
export type ReportMessageInput = z.infer<typeof reportMessageInput>;

export const reportIdSchema = bigintIdSchema('Unknown report.');
/** Most reports one `admin.chat.reports` call returns. */
export const REPORTS_PAGE_MAX = 100;

export const adminChatReportsInput = z.object({
  status: z.enum(REPORT_STATUSES, 'Status must be open, dismissed or actioned.').optional(),
  cursor: opaqueCursorSchema.optional(),
  limit: z
    .number('The page size must be a number.')
    .int('The page size must be a whole number.')
    .min(1, 'The page size must be at least 1.')
    .max(REPORTS_PAGE_MAX, `The page size must be at most ${REPORTS_PAGE_MAX}.`)
    .optional(),
});
export type AdminChatReportsInput = z.infer<typeof adminChatReportsInput>;

/** Messages an admin may read on each side of a reported one. */
export const REPORT_CONTEXT_MESSAGES = 100;
/** Most messages one `admin.chat.conversation` call returns. */
export const REPORT_CONVERSATION_PAGE_MAX = 50;

/**
 * The messages around a reported one: without a bound, a page centred on it; `beforeSeq` / `afterSeq` page
 * older / newer, never further than REPORT_CONTEXT_MESSAGES from the reported message.
 */
export const adminChatConversationInput = z
  .object({
    reportId: reportIdSchema,
    beforeSeq: seqSchema.optional(),
    afterSeq: seqSchema.optional(),
    limit: pageLimitSchema(REPORT_CONVERSATION_PAGE_MAX, 30),
  })
  .refine((input) => input.beforeSeq === undefined || input.afterSeq === undefined, {
    message: 'Page either before or after a message, not both.',
  });
export type AdminChatConversationInput = z.infer<typeof adminChatConversationInput>;

export const resolveReportInput = z.object({
  reportId: reportIdSchema,
  action: z.enum(REPORT_ACTIONS, 'Choose dismiss or delete_message.'),
});
export type ResolveReportInput = z.infer<typeof resolveReportInput>;
