import { defineEntity, p } from '@mikro-orm/core';
import { User } from '../entities/user.entity.ts';
import { Message } from './message.entity.ts';

/** A member `@mentioned` in a message (parsed from its body on send and edit; an edit replaces the set). */
const MessageMentionSchema = defineEntity({
  name: 'MessageMention',
  tableName: 'message_mentions',
  properties: {
    message: () => p.manyToOne(Message).primary().deleteRule('cascade'),
    user: () => p.manyToOne(User).primary().deleteRule('cascade').index(),
  },
});

export class MessageMention extends MessageMentionSchema.class {}
MessageMentionSchema.setClass(MessageMention);
export { MessageMentionSchema };
