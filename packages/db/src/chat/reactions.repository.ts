// Per-message chat data kept outside the messages table (issue 10): emoji reactions, @mentions, and earlier versions
// of edited or moderator-deleted messages.
import type { Em } from '../orm.ts';
import { MessageEdit, type MessageEditAction } from './message-edit.entity.ts';
import { MessageMention } from './mention.entity.ts';
import { MessageReaction } from './reaction.entity.ts';

/** `?, ?, ?` for a list of values bound one by one. */
const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');

/**
 * Locks a message's row for the rest of the transaction (FOR NO KEY UPDATE: foreign keys pointing at it, replies
 * and reactions, still insert) and says whether it exists and is not deleted.
 */
async function lockMessage(tx: Em, messageId: string): Promise<{ body: string; deleted: boolean } | null> {
  const [row] = await tx.execute<{ body: string; deleted_at: Date | string | null }[]>('select body, deleted_at from messages where id = ? for no key update', [messageId]);
  return row ? { body: row.body, deleted: row.deleted_at !== null } : null;
}

const countOf = async (tx: Em, messageId: string, emoji: string) => {
  const [row] = await tx.execute<{ n: string | number }[]>('select count(*) as n from message_reactions where message_id = ? and emoji = ?', [messageId, emoji]);
  return Number(row?.n ?? 0);
};

/** Stores `userIds` as mentioned in a message (those already stored stay). Inside the caller's transaction. */
export async function insertMentions(tx: Em, messageId: string, userIds: readonly string[]) {
  if (userIds.length === 0) return;
  await tx.execute(
    `insert into message_mentions (message_id, user_id) values ${userIds.map(() => '(?, ?)').join(', ')} on conflict do nothing`,
    userIds.flatMap((userId) => [messageId, userId]),
  );
}

export type AddReactionResult =
  /** `count`: people who reacted with this emoji after the call. */
  | { status: 'added' | 'unchanged'; count: number }
  | { status: 'missing' | 'deleted' | 'full' };

export type RemoveReactionResult = { status: 'removed' | 'unchanged'; count: number } | { status: 'missing' | 'deleted' };

/** One emoji's reactions on a message, as the message shows them. */
export interface ReactionSummaryRow {
  messageId: string;
  emoji: string;
  count: number;
  /** Whether the viewer asked about is among them (false without a viewer). */
  mine: boolean;
}

export const reactionsRepository = (em: Em) => ({
  /**
   * Adds `userId`'s `emoji` reaction to a message, unless it is there already (`unchanged`), the message is gone
   * or deleted, or it would be the message's `(max + 1)`th distinct emoji (`full`, nothing stored). The message's row
   * is locked first, so concurrent adds are counted one after the other and never pass `max`.
   */
  async add(messageId: string, userId: string, emoji: string, max: number): Promise<AddReactionResult> {
    return em.transactional(async (tx): Promise<AddReactionResult> => {
      const message = await lockMessage(tx, messageId);
      if (!message) return { status: 'missing' };
      if (message.deleted) return { status: 'deleted' };
      const inserted = await tx.execute<{ emoji: string }[]>(
        `insert into message_reactions (message_id, user_id, emoji, created_at)
         select ?, ?, ?, now()
         where exists (select 1 from message_reactions where message_id = ? and emoji = ?)
            or (select count(distinct emoji) from message_reactions where message_id = ?) < ?
         on conflict (message_id, user_id, emoji) do nothing
         returning emoji`,
        [messageId, userId, emoji, messageId, emoji, messageId, max],
      );
      if (inserted.length > 0) return { status: 'added', count: await countOf(tx, messageId, emoji) };
      const [mine] = await tx.execute<{ one: number }[]>('select 1 as one from message_reactions where message_id = ? and user_id = ? and emoji = ?', [messageId, userId, emoji]);
      if (mine) return { status: 'unchanged', count: await countOf(tx, messageId, emoji) };
      return { status: 'full' };
    });
  },

  /** Removes `userId`'s `emoji` reaction (`unchanged` when there was none). */
  async remove(messageId: string, userId: string, emoji: string): Promise<RemoveReactionResult> {
    return em.transactional(async (tx): Promise<RemoveReactionResult> => {
      const message = await lockMessage(tx, messageId);
      if (!message) return { status: 'missing' };
      if (message.deleted) return { status: 'deleted' };
      const removed = await tx.execute<{ emoji: string }[]>('delete from message_reactions where message_id = ? and user_id = ? and emoji = ? returning emoji', [
        messageId,
        userId,
        emoji,
      ]);
      return { status: removed.length > 0 ? 'removed' : 'unchanged', count: await countOf(tx, messageId, emoji) };
    });
  },

  /** Each message's reactions, per emoji in the order the emojis were first used; `mine` for `viewerId`. */
  async summaries(messageIds: readonly string[], viewerId: string | null): Promise<ReactionSummaryRow[]> {
    if (messageIds.length === 0) return [];
    const rows = await em.execute<{ message_id: string | number; emoji: string; n: string | number; mine: boolean | null }[]>(
      `select message_id, emoji, count(*) as n, bool_or(user_id = ?) as mine
       from message_reactions where message_id in (${placeholders(messageIds)})
       group by message_id, emoji
       order by message_id, min(created_at), emoji`,
      [viewerId ?? '00000000-0000-0000-0000-000000000000', ...messageIds],
    );
    return rows.map((r) => ({ messageId: String(r.message_id), emoji: r.emoji, count: Number(r.n), mine: viewerId !== null && r.mine === true }));
  },

  /** Who reacted to a message with `emoji`, first ones first, with their accounts; `total` overall. */
  async reactors(messageId: string, emoji: string, opts: { offset: number; limit: number }) {
    const [items, total] = await em.findAndCount(
      MessageReaction,
      { message: messageId, emoji },
      { populate: ['user'], orderBy: { createdAt: 'asc', user: 'asc' }, offset: opts.offset, limit: opts.limit, refresh: true },
    );
    return { items, total };
  },
});

export const mentionsRepository = (em: Em) => ({
  /** Members of the room among `usernames` (stored usernames are lower case). */
  async membersNamed(roomId: string, usernames: readonly string[]): Promise<{ id: string; username: string }[]> {
    if (usernames.length === 0) return [];
    return em.execute<{ id: string; username: string }[]>(
      `select u.id, u.username from room_members m join users u on u.id = m.user_id
       where m.room_id = ? and u.username in (${placeholders(usernames)})`,
      [roomId, ...usernames],
    );
  },

  /** The people mentioned in each message, with their accounts, by username. */
  of: (messageIds: readonly string[]) =>
    messageIds.length === 0 ? Promise.resolve([]) : em.find(MessageMention, { message: { $in: [...messageIds] } }, { populate: ['user'], orderBy: { user: { username: 'asc' } } }),

  /** Per room of `userId`'s: unread messages (after their read mark, not deleted, not by someone they blocked) that mention them. */
  async unreadCounts(userId: string): Promise<Map<string, number>> {
    const rows = await em.execute<{ room_id: string; n: string | number }[]>(
      `select m.room_id, count(*) as n
       from message_mentions mm
       join messages m on m.id = mm.message_id
       join room_members rm on rm.room_id = m.room_id and rm.user_id = mm.user_id
       where mm.user_id = ? and m.seq > rm.last_read_seq and m.deleted_at is null
         and not exists (select 1 from user_blocks b where b.blocker_id = mm.user_id and b.blocked_id = m.author_id)
       group by m.room_id`,
      [userId],
    );
    return new Map(rows.map((r) => [r.room_id, Number(r.n)]));
  },
});

export const messageEditsRepository = (em: Em) => ({
  /**
   * Replaces the body of a message not deleted, in one transaction: the previous body is kept (`message_edits`),
   * and the message's mentions become `mentionIds`. Returns who was mentioned before the edit, or null when the
   * message was deleted (or is gone) meanwhile.
   */
  async edit(data: { messageId: string; body: string; editorId: string; mentionIds: readonly string[] }): Promise<{ previouslyMentioned: string[] } | null> {
    return em.transactional(async (tx) => {
      const message = await lockMessage(tx, data.messageId);
      if (!message || message.deleted) return null;
      await tx.execute(`insert into message_edits (message_id, body, action, edited_at, edited_by_id) values (?, ?, 'edit', now(), ?)`, [
        data.messageId,
        message.body,
        data.editorId,
      ]);
      await tx.execute('update messages set body = ?, edited_at = now() where id = ?', [data.body, data.messageId]);
      const before = await tx.execute<{ user_id: string }[]>('select user_id from message_mentions where message_id = ?', [data.messageId]);
      if (data.mentionIds.length === 0) await tx.execute('delete from message_mentions where message_id = ?', [data.messageId]);
      else {
        await tx.execute(`delete from message_mentions where message_id = ? and user_id not in (${placeholders(data.mentionIds)})`, [data.messageId, ...data.mentionIds]);
        await insertMentions(tx, data.messageId, data.mentionIds);
      }
      return { previouslyMentioned: before.map((r) => r.user_id) };
    });
  },

  /**
   * Turns a message into a tombstone (body cleared, `deletedAt` set, its seq kept; its reactions and mentions go),
   * keeping the body for moderators when `keepBody` (a moderator deleting someone's message). Returns 1 when this
   * call deleted it, 0 when it was deleted already.
   */
  async tombstone(data: { messageId: string; byId: string; keepBody: boolean }): Promise<number> {
    return em.transactional(async (tx) => {
      const message = await lockMessage(tx, data.messageId);
      if (!message || message.deleted) return 0;
      if (data.keepBody) {
        const action: MessageEditAction = 'delete';
        await tx.execute('insert into message_edits (message_id, body, action, edited_at, edited_by_id) values (?, ?, ?, now(), ?)', [data.messageId, message.body, action, data.byId]);
      }
      await tx.execute(`update messages set body = '', deleted_at = now() where id = ?`, [data.messageId]);
      await tx.execute('delete from message_reactions where message_id = ?', [data.messageId]);
      await tx.execute('delete from message_mentions where message_id = ?', [data.messageId]);
      return 1;
    });
  },

  /** A message's earlier versions, oldest first, with who replaced each. */
  versions: (messageId: string) => em.find(MessageEdit, { message: messageId }, { populate: ['editedBy'], orderBy: { id: 'asc' }, refresh: true }),
});
