import type { Em } from '../orm.ts';
import { Notification, type NotificationType } from '../entities/notification.entity.ts';

export const notificationsRepository = (em: Em) => ({
  async create(data: { recipientId: string; type: NotificationType; actorId: string | null; trackId: string | null; messageId?: string | null; commentId?: string | null; playlistId?: string | null }) {
    const notification = em.create(Notification, {
      recipient: data.recipientId,
      type: data.type,
      actor: data.actorId,
      track: data.trackId,
      message: data.messageId ?? null,
      comment: data.commentId ?? null,
      playlist: data.playlistId ?? null,
      readAt: null,
    });
    await em.flush();
    await em.populate(notification, ['actor', 'track', 'message', 'message.room', 'comment', 'comment.parent', 'playlist']);
    return notification;
  },
  /** Which of `recipientIds` already got a notification of `type` about the chat message `messageId`. */
  async notifiedAbout(messageId: string, type: NotificationType, recipientIds: readonly string[]): Promise<Set<string>> {
    if (recipientIds.length === 0) return new Set();
    const found = await em.find(Notification, { message: messageId, type, recipient: { $in: [...recipientIds] } }, { fields: ['recipient'] });
    return new Set(found.map((n) => n.recipient.id));
  },
  /** Whether `recipientId` already got a notification of `type` from `actorId` about `trackId` at or after `since`. */
  async existsSince(data: { recipientId: string; type: NotificationType; actorId: string; trackId: string | null; since: Date }) {
    const found = await em.findOne(
      Notification,
      { recipient: data.recipientId, type: data.type, actor: data.actorId, track: data.trackId, createdAt: { $gte: data.since } },
      { fields: ['id'] },
    );
    return found !== null;
  },
  /** A user's notifications after `afterId`, oldest first (for resuming a subscription). */
  after: (recipientId: string, afterId: string, limit = 100) =>
    em.find(Notification, { recipient: recipientId, id: { $gt: afterId } }, { orderBy: { id: 'asc' }, limit, populate: ['actor', 'track', 'message', 'message.room', 'comment', 'comment.parent', 'playlist'] }),
});
