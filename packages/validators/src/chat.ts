import { z } from 'zod';
import { usernameSchema } from './auth.ts';
import { messageAttachmentsSchema } from './chat-attachments.ts';
import { bigintIdSchema } from './ids.ts';
import { text } from './text.ts';

export const ROOM_VISIBILITY = ['public', 'private'] as const;
export const roomVisibilitySchema = z.enum(ROOM_VISIBILITY, 'Visibility must be public or private.');
export type RoomVisibilityValue = z.infer<typeof roomVisibilitySchema>;

/** Longest message body, in characters, after trimming. */
export const MESSAGE_MAX_LENGTH = 4000;
/** Most messages one `chat.messages.list` call returns. */
export const MESSAGES_PAGE_MAX = 100;

export const roomIdSchema = z.uuid('Unknown conversation.');
export const roomNameSchema = text('Room name').min(1, 'Room name cannot be empty.').max(80, 'Room name must be at most 80 characters.');
export const roomTopicSchema = text('Topic').max(300, 'Topic must be at most 300 characters.');
/** A message body that may be empty (a send with attachments only). */
export const messageTextSchema = text('Message', { multiline: true }).max(
  MESSAGE_MAX_LENGTH,
  `Message must be at most ${MESSAGE_MAX_LENGTH.toLocaleString('en')} characters.`,
);
export const messageBodySchema = messageTextSchema.min(1, 'Message cannot be empty.');
/** Chosen by the client for each message it sends (a UUID, say): a retried send with the same id is the same message. */
export const clientMessageIdSchema = z
  .string('Each message needs a client message id.')
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'A client message id is 8 to 64 letters, digits, dashes or underscores.');
export const messageIdSchema = bigintIdSchema('Unknown message.');
/** A room's sequence number as a client sends it back: a whole number the server could have written. */
export const seqSchema = z
  .number('A message position must be a number.')
  .int('A message position must be a whole number.')
  .min(0, 'A message position cannot be negative.')
  .max(Number.MAX_SAFE_INTEGER, 'This message position is out of range.');

/** The start of an offset page (members, reactors…). */
export const pageOffsetSchema = z
  .number('The page start must be a number.')
  .int('The page start must be a whole number.')
  .min(0, 'The page start cannot be negative.')
  .max(1_000_000, 'The page start is out of range.')
  .default(0);

/** A page size from 1 to `max`, `fallback` when absent. */
export const pageLimitSchema = (max: number, fallback: number) =>
  z
    .number('The page size must be a number.')
    .int('The page size must be a whole number.')
    .min(1, 'The page size must be at least 1.')
    .max(max, `The page size must be at most ${max}.`)
    .default(fallback);

export const createRoomInput = z.object({
  name: roomNameSchema,
  visibility: roomVisibilitySchema,
  topic: roomTopicSchema.optional(),
});
export type CreateRoomInput = z.infer<typeof createRoomInput>;

export const roomIdInput = z.object({ roomId: roomIdSchema });

export const openDmInput = z.object({ username: usernameSchema });

export const sendMessageInput = z
  .object({
    roomId: roomIdSchema,
    /** May be empty only when the message carries attachments. */
    body: messageTextSchema,
    clientMessageId: clientMessageIdSchema,
    /** The message this one answers; it must be in the same room. */
    replyToId: messageIdSchema.optional(),
    /** Uploaded images (`POST /api/chat/attachments`) and shared tracks, in order (chat-attachments.ts). */
    attachments: messageAttachmentsSchema.optional(),
  })
  .refine((m) => m.body.length > 0 || (m.attachments?.length ?? 0) > 0, { message: 'Message cannot be empty.', path: ['body'] });
export type SendMessageInput = z.infer<typeof sendMessageInput>;

/**
 * A page of a room's history. Without a bound: the newest messages. `beforeSeq`: the newest ones before it
 * (scrolling up). `afterSeq`: the oldest ones after it (catching up). `aroundSeq`: a page centred on that message
 * (jump to a message; NOT_FOUND when the room has no such seq). Items always come in ascending `seq`.
 */
export const listMessagesInput = z
  .object({
    roomId: roomIdSchema,
    beforeSeq: seqSchema.optional(),
    afterSeq: seqSchema.optional(),
    aroundSeq: seqSchema.optional(),
    limit: pageLimitSchema(MESSAGES_PAGE_MAX, 50),
  })
  .refine((input) => [input.beforeSeq, input.afterSeq, input.aroundSeq].filter((s) => s !== undefined).length <= 1, {
    message: 'Page before, after or around one message, not several.',
  });
export type ListMessagesInput = z.infer<typeof listMessagesInput>;

export const editMessageInput = z.object({ messageId: messageIdSchema, body: messageBodySchema });
export type EditMessageInput = z.infer<typeof editMessageInput>;
export const messageIdInput = z.object({ messageId: messageIdSchema });
export const markReadInput = z.object({ roomId: roomIdSchema, seq: seqSchema });

/**
 * A `chat.onRoom` event id as the server writes them: `m:<seq>` for a new message, `m:<seq>:edited|deleted:…` for a
 * change, `m:<seq>:e:<n>` for a live-only event (reaction, typing, read, membership), where `<seq>` is the newest
 * message the subscriber had received. Only that seq matters on resume.
 */
export const CHAT_EVENT_ID = /^m:(\d{1,15})(?::(?:edited|deleted):\d{1,15}:\d{1,15}|:e:\d{1,15})?$/;
const chatEventIdSchema = z
  .string('This event id is not valid: reconnect without it to start from now.')
  .regex(CHAT_EVENT_ID, 'This event id is not valid: reconnect without it to start from now.')
  .refine((id) => Number(CHAT_EVENT_ID.exec(id)?.[1]) <= Number.MAX_SAFE_INTEGER, 'This event id is not valid: reconnect without it to start from now.');

/** Live events of a room; `lastEventId` (sent back automatically by wsLink) resumes after the last one received. */
export const onRoomInput = z.object({ roomId: roomIdSchema, lastEventId: chatEventIdSchema.nullish() });
export type OnRoomInput = z.infer<typeof onRoomInput>;

// Room membership and moderation (issue 10, "Rooms" and "Moderation").

/** Roles a room owner can give: `owner` hands the room over (the previous owner becomes a moderator). */
export const ASSIGNABLE_ROOM_ROLES = ['owner', 'moderator', 'member'] as const;
export const memberUserIdSchema = z.uuid('Unknown member.');
/** Most members one `chat.members.list` call returns. */
export const MEMBERS_PAGE_MAX = 100;

export const setMemberRoleInput = z.object({
  roomId: roomIdSchema,
  userId: memberUserIdSchema,
  role: z.enum(ASSIGNABLE_ROOM_ROLES, 'Role must be owner, moderator or member.'),
});
export type SetMemberRoleInput = z.infer<typeof setMemberRoleInput>;

/** A page of a room's members: owner first, then moderators, then members, each by join date. */
export const listMembersInput = z.object({
  roomId: roomIdSchema,
  offset: pageOffsetSchema,
  limit: pageLimitSchema(MEMBERS_PAGE_MAX, 50),
});
export type ListMembersInput = z.infer<typeof listMembersInput>;

export const memberInput = z.object({ roomId: roomIdSchema, userId: memberUserIdSchema });

/** An invite code as the server writes them: 43 base64url characters (256 random bits). */
export const INVITE_CODE = /^[A-Za-z0-9_-]{43}$/;
/** Longest invite lifetime, and most uses of one invite. */
export const INVITE_MAX_SECONDS = 30 * 24 * 3600;
export const INVITE_MAX_USES = 10_000;

export const createInviteInput = z.object({
  roomId: roomIdSchema,
  /** Valid for this many seconds from now; never expires when absent. */
  expiresInSeconds: z
    .number('The lifetime must be a number of seconds.')
    .int('The lifetime must be a whole number of seconds.')
    .min(60, 'An invite lasts at least a minute.')
    .max(INVITE_MAX_SECONDS, 'An invite lasts at most 30 days.')
    .optional(),
  /** How many people may join with it; unlimited when absent. */
  maxUses: z
    .number('The number of uses must be a number.')
    .int('The number of uses must be a whole number.')
    .min(1, 'An invite can be used at least once.')
    .max(INVITE_MAX_USES, `An invite can be used at most ${INVITE_MAX_USES.toLocaleString('en')} times.`)
    .optional(),
});
export type CreateInviteInput = z.infer<typeof createInviteInput>;

export const inviteCodeInput = z.object({
  code: z.string('This invite link is not valid.').regex(INVITE_CODE, 'This invite link is not valid.'),
});
export const inviteIdInput = z.object({ inviteId: z.uuid('Unknown invite.') });

/** A ban's reason, shown to moderators. */
export const banInput = memberInput.extend({ reason: text('Reason').max(500, 'The reason must be at most 500 characters.').optional() });
export type BanInput = z.infer<typeof banInput>;

/** Longest mute: 30 days. */
export const MUTE_MAX_SECONDS = 30 * 24 * 3600;
/** Mutes a member for `untilSeconds` seconds from now: they can read, not send. */
export const muteInput = memberInput.extend({
  untilSeconds: z
    .number('The mute length must be a number of seconds.')
    .int('The mute length must be a whole number of seconds.')
    .min(1, 'A mute lasts at least a second.')
    .max(MUTE_MAX_SECONDS, 'A mute lasts at most 30 days.'),
});
export type MuteInput = z.infer<typeof muteInput>;

/** Longest slow-mode interval: 6 hours. */
export const SLOW_MODE_MAX_SECONDS = 6 * 3600;
export const updateRoomInput = z
  .object({
    roomId: roomIdSchema,
    name: roomNameSchema.optional(),
    /** An empty topic clears it. */
    topic: roomTopicSchema.optional(),
    /** 0 turns slow mode off. */
    slowModeSeconds: z
      .number('Slow mode must be a number of seconds.')
      .int('Slow mode must be a whole number of seconds.')
      .min(0, 'Slow mode cannot be negative.')
      .max(SLOW_MODE_MAX_SECONDS, 'Slow mode is at most 6 hours.')
      .optional(),
  })
  .refine((input) => input.name !== undefined || input.topic !== undefined || input.slowModeSeconds !== undefined, {
    message: 'Nothing to change.',
  });
export type UpdateRoomInput = z.infer<typeof updateRoomInput>;
