import { defineEntity, p, type Ref } from '@mikro-orm/core';
import { User } from '../entities/user.entity.ts';
import { Room } from './room.entity.ts';

/** `text`: written by a member; `call`: a call's summary posted by the server (missed call, call ended), see calls. */
export const MESSAGE_KINDS = ['text', 'call'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * A chat message. `seq` is its gap-free position in the room (see Room.lastSeq) and what history pages and
 * subscriptions resume by; `clientMessageId` is chosen by the sender's client, unique per author, so a retried
 * send finds the message it already made. A deleted message stays as a tombstone: body cleared, `deletedAt` set.
 */
const MessageSchema = defineEntity({
  name: 'Message',
  tableName: 'messages',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    room: () => p.manyToOne(Room).deleteRule('cascade'),
    seq: p.bigint('number'),
    /** Null once the author's account is gone (the message keeps its place in the timeline). */
    author: () => p.manyToOne(User).nullable().deleteRule('set null'),
    clientMessageId: p.string().length(64),
    body: p.text(),
    kind: p.enum([...MESSAGE_KINDS]).default('text'),
    replyTo: () => p.manyToOne(MessageSchema).ref().nullable().deleteRule('set null'),
    createdAt: p.datetime().onCreate(() => new Date()),
    editedAt: p.datetime().nullable(),
    deletedAt: p.datetime().nullable(),
    /** Carries attachments (set when a send claims them): chat search's `has:attachment` reads these by partial indexes. */
    hasAttachments: p.boolean().default(false),
  },
  uniques: [
    { name: 'messages_room_id_seq_unique', properties: ['room', 'seq'] },
    { name: 'messages_author_id_client_message_id_unique', properties: ['author', 'clientMessageId'] },
  ],
  // Chat search (search.repository.ts; migration Migration20261206120200_chat_search, which also creates pg_trgm and
  // the chat_cjk_bigrams function; the CJK pairs as a tsvector since Migration20261206151000_chat_search_cjk_tsvector).
  indexes: [
    { name: 'messages_body_trgm_idx', expression: 'create index "messages_body_trgm_idx" on "messages" using gin ("body" gin_trgm_ops)' },
    { name: 'messages_body_fts_idx', expression: `create index "messages_body_fts_idx" on "messages" using gin (to_tsvector('simple', "body"))` },
    { name: 'messages_body_cjk_idx', expression: 'create index "messages_body_cjk_idx" on "messages" using gin (array_to_tsvector(chat_cjk_bigrams("body")))' },
    // Search filters (Migration20261206190000_chat_search_dates_attachments): where a date's day starts, and the
    // messages carrying attachments.
    { name: 'messages_created_at_index', properties: ['createdAt'] },
    { name: 'messages_attached_body_trgm_idx', expression: 'create index "messages_attached_body_trgm_idx" on "messages" using gin ("body" gin_trgm_ops) where "has_attachments"' },
    { name: 'messages_attached_id_idx', expression: 'create index "messages_attached_id_idx" on "messages" ("id") where "has_attachments"' },
    // And their rooms (Migration20261206200000_chat_attached_rooms).
    { name: 'messages_attached_room_idx', expression: 'create index "messages_attached_room_idx" on "messages" ("room_id") where "has_attachments"' },
  ],
});

export class Message extends MessageSchema.class {}
MessageSchema.setClass(Message);
export { MessageSchema };
export type MessageRef = Ref<Message>;
