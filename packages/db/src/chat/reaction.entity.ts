import { defineEntity, p } from '@mikro-orm/core';
import { User } from '../entities/user.entity.ts';
import { Message } from './message.entity.ts';

/**
 * Someone's emoji reaction to a message: one row per person and emoji (adding it twice is once). A message has at
 * most 20 distinct emojis (enforced under the message's row lock, see reactions.repository.ts); they show in the
 * order they were first used.
 */
const MessageReactionSchema = defineEntity({
  name: 'MessageReaction',
  tableName: 'message_reactions',
  properties: {
    message: () => p.manyToOne(Message).primary().deleteRule('cascade'),
    user: () => p.manyToOne(User).primary().deleteRule('cascade').index(),
    /** One emoji grapheme, at most 32 UTF-8 bytes (validated by emojiSchema). */
    emoji: p.string().length(32).primary(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [{ name: 'message_reactions_message_id_emoji_created_at_index', properties: ['message', 'emoji', 'createdAt'] }],
});

export class MessageReaction extends MessageReactionSchema.class {}
MessageReactionSchema.setClass(MessageReaction);
export { MessageReactionSchema };
