import { defineEntity, p } from '@mikro-orm/core';
import { User } from '../entities/user.entity.ts';
import { Message } from './message.entity.ts';

export const MESSAGE_EDIT_ACTIONS = ['edit', 'delete'] as const;
export type MessageEditAction = (typeof MESSAGE_EDIT_ACTIONS)[number];

/**
 * An earlier version of a message, kept for the room's moderators (and global admins): the body as it was before
 * an edit, or before a moderator deleted it (`action: 'delete'`). Written in the same transaction as the change.
 */
const MessageEditSchema = defineEntity({
  name: 'MessageEdit',
  tableName: 'message_edits',
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    message: () => p.manyToOne(Message).deleteRule('cascade').index(),
    /** The body this change replaced. */
    body: p.text(),
    action: p.enum([...MESSAGE_EDIT_ACTIONS]),
    editedAt: p.datetime().onCreate(() => new Date()),
    /** Who made the change (the author editing, or a moderator deleting); null once their account is gone. */
    editedBy: () => p.manyToOne(User).nullable().deleteRule('set null'),
  },
});

export class MessageEdit extends MessageEditSchema.class {}
MessageEditSchema.setClass(MessageEdit);
export { MessageEditSchema };
