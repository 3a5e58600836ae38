import { notificationsRepository, type Notification, type Track } from '@veza/db';
import { listen } from '@veza/bus';
import type { Context } from '../context.ts';
import { toUserSummary } from '../users/users.dto.ts';
import { parseNotificationEvent, userChannel, type NotificationEvent } from './notifications.events.ts';

type Ctx = Pick<Context, 'em' | 'deps'>;

/** How much of the message a mention notification shows. */
export const MENTION_EXCERPT_LENGTH = 140;

function toEvent(n: Notification): NotificationEvent | null {
  if (n.type === 'chat.mention') {
    const message = n.message;
    if (!n.actor || !message) return null;
    const body = message.deletedAt ? '' : message.body;
    return {
      type: 'chat.mention',
      id: n.id,
      createdAt: n.createdAt.toISOString(),
      actor: toUserSummary(n.actor),
      roomId: message.room.id,
      roomName: message.room.name ?? null,
      messageId: message.id,
      seq: message.seq,
      excerpt: body.length > MENTION_EXCERPT_LENGTH ? `${body.slice(0, MENTION_EXCERPT_LENGTH - 1)}…` : body,
    };
  }
  if (n.type === 'comment.new') {
    const comment = n.comment;
    if (!n.actor || !n.track || !comment) return null;
    const on = n.track.owner.id === n.recipient.id ? 'my_track' : comment.parent && comment.parent.author.id === n.recipient.id ? 'my_comment' : 'mention';
    return {
      type: 'comment.new',
      id: n.id,
      createdAt: n.createdAt.toISOString(),
      actor: toUserSummary(n.actor),
      track: { id: n.track.id, title: n.track.title },
      commentId: comment.id,
      atMs: comment.atMs,
      excerpt: comment.body.length > MENTION_EXCERPT_LENGTH ? `${comment.body.slice(0, MENTION_EXCERPT_LENGTH - 1)}…` : comment.body,
      on,
    };
  }
  if (n.type === 'playlist.invite') {
    return n.actor && n.playlist
      ? { type: 'playlist.invite', id: n.id, createdAt: n.createdAt.toISOString(), actor: toUserSummary(n.actor), playlist: { id: n.playlist.id, title: n.playlist.title } }
      : null;
  }
  if (n.type === 'follow.new' || n.type === 'follow.request' || n.type === 'follow.accepted') {
    return n.actor ? { type: n.type, id: n.id, createdAt: n.createdAt.toISOString(), actor: toUserSummary(n.actor) } : null;
  }
  if ((n.type !== 'track.liked' && n.type !== 'track.reposted') || !n.actor || !n.track) return null;
  return {
    type: n.type,
    id: n.id,
    createdAt: n.createdAt.toISOString(),
    actor: toUserSummary(n.actor),
    track: { id: n.track.id, title: n.track.title },
  };
}

/** A liker who unlikes and likes again within this window does not notify the owner a second time. */
export const LIKE_NOTIFICATION_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Stores the notification for the track's owner (a like, or a repost with `type`), then tells live subscribers;
 * skipped when the same person already notified the owner about this track within LIKE_NOTIFICATION_WINDOW_MS. Returns whether it notified.
 */
export async function trackLiked(ctx: Ctx, args: { track: Track; likerId: string; type?: 'track.liked' | 'track.reposted' }) {
  const repo = notificationsRepository(ctx.em);
  const since = new Date(Date.now() - LIKE_NOTIFICATION_WINDOW_MS);
  const key = { recipientId: args.track.owner.id, type: args.type ?? 'track.liked', actorId: args.likerId, trackId: args.track.id };
  if (await repo.existsSince({ ...key, since })) return false;
  const notification = await repo.create(key);
  const event = toEvent(notification);
  if (event) await ctx.deps.bus.publish(userChannel(args.track.owner.id), event);
  return true;
}

/**
 * Tells `recipientId` that `actorId` followed them, asks to, or approved their request. Someone who follows,
 * unfollows and follows again within LIKE_NOTIFICATION_WINDOW_MS notifies once. Returns whether it notified.
 */
export async function followNotice(ctx: Ctx, args: { type: 'follow.new' | 'follow.request' | 'follow.accepted'; recipientId: string; actorId: string }) {
  const repo = notificationsRepository(ctx.em);
  const key = { recipientId: args.recipientId, type: args.type, actorId: args.actorId, trackId: null };
  if (await repo.existsSince({ ...key, since: new Date(Date.now() - LIKE_NOTIFICATION_WINDOW_MS) })) return false;
  const event = toEvent(await repo.create(key));
  if (event) await ctx.deps.bus.publish(userChannel(args.recipientId), event);
  return true;
}

/** Tells `recipientId` of a comment by `actorId` on a track (theirs, a reply to theirs, or mentioning them). */
export async function commentNotice(ctx: Ctx, args: { recipientId: string; actorId: string; trackId: string; commentId: string }) {
  const event = toEvent(await notificationsRepository(ctx.em).create({ recipientId: args.recipientId, type: 'comment.new', actorId: args.actorId, trackId: args.trackId, commentId: args.commentId }));
  if (event) await ctx.deps.bus.publish(userChannel(args.recipientId), event);
}

/** Tells `recipientId` that `actorId` invited them to edit a playlist with them (once per invitation). */
export async function playlistInvite(ctx: Ctx, args: { recipientId: string; actorId: string; playlistId: string }) {
  const event = toEvent(await notificationsRepository(ctx.em).create({ recipientId: args.recipientId, type: 'playlist.invite', actorId: args.actorId, trackId: null, playlistId: args.playlistId }));
  if (event) await ctx.deps.bus.publish(userChannel(args.recipientId), event);
}

/**
 * Notifies each of `recipientIds` that `actorId` mentioned them in a chat message, then tells their live
 * subscribers. Skips the actor and anyone already notified about this message (an edit that keeps a mention).
 * Returns who was notified.
 */
export async function chatMentioned(ctx: Ctx, args: { messageId: string; actorId: string; recipientIds: readonly string[] }): Promise<string[]> {
  const repo = notificationsRepository(ctx.em);
  const candidates = [...new Set(args.recipientIds)].filter((id) => id !== args.actorId);
  if (candidates.length === 0) return [];
  const already = await repo.notifiedAbout(args.messageId, 'chat.mention', candidates);
  const notified: string[] = [];
  for (const recipientId of candidates) {
    if (already.has(recipientId)) continue;
    const notification = await repo.create({ recipientId, type: 'chat.mention', actorId: args.actorId, trackId: null, messageId: args.messageId });
    const event = toEvent(notification);
    if (event) await ctx.deps.bus.publish(userChannel(recipientId), event);
    notified.push(recipientId);
  }
  return notified;
}

/**
 * A user's live notifications. Listens first, then back-fills from the database everything
 * after `lastEventId`, then yields live events, skipping any already sent: a client that
 * reconnects with its last id misses nothing and sees nothing twice.
 */
export async function* stream(ctx: Ctx, userId: string, lastEventId: string | null, signal: AbortSignal | undefined) {
  const live = await listen(ctx.deps.bus, userChannel(userId), signal, parseNotificationEvent);
  let last = lastEventId ? BigInt(lastEventId) : null;
  try {
    if (last !== null) {
      const repo = notificationsRepository(ctx.em);
      for (;;) {
        const page = await repo.after(userId, last.toString());
        for (const row of page) {
          const event = toEvent(row);
          last = BigInt(row.id);
          if (event) yield event;
        }
        if (page.length < 100) break;
      }
    }
    for await (const event of live) {
      if (last !== null && BigInt(event.id) <= last) continue;
      last = BigInt(event.id);
      yield event;
    }
  } finally {
    await live.return(undefined);
  }
}
