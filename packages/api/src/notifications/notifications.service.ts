import {
  blocksRepository,
  Message,
  notificationSettingsRepository,
  notificationsRepository,
  TrackComment,
  User,
  type CountedSource,
  type Em,
  type GroupTouch,
  type Notification,
  type NotificationGroupRow,
  type NotificationType,
  type Track,
} from '@veza/db';
import { listen } from '@veza/bus';
import type { NotificationsListInput } from '@veza/validators';
import type { ApiDeps, Context, Viewer } from '../context.ts';
import { DomainError } from '../errors.ts';
import { runInBackground } from '../account/background.ts';
import { toUserSummary } from '../users/users.dto.ts';
import { excerptOf, toGroupDto, type NotificationGroupDto, type NotificationPageDto, type UnreadDto } from './notifications.dto.ts';
import { parseChangedMessage, parseNotificationEvent, userChannel, type NotificationEvent, type NotificationsChangedMessage } from './notifications.events.ts';
import { channelsFor, hiddenTypes, KIND_OF } from './notifications.kinds.ts';
import { notificationMail } from './notifications.mail.ts';
import { unsubscribeLinks } from './unsubscribe.ts';
import { pushAvailable, pushGroup } from './notifications.push.ts';

type Ctx = Pick<Context, 'em' | 'deps'>;

/** Someone who follows, unfollows and follows again (or asks again) within this window notifies once. */
export const REPEAT_NOTICE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** How long likes, reposts and follows wait to be counted into their groups together (one write per group). */
export const COALESCE_MS = 250;
/** A counted group opens this much before the first event its instance saw (clocks of instances differ a little). */
const FLOOR_SLACK_MS = 60_000;

/** The live event of the old shape for a group (its latest event), for `onEvent`; null for types it does not carry. */
function toEvent(n: Notification): NotificationEvent | null {
  const base = { id: n.seq, createdAt: n.latestAt.toISOString() };
  if (n.type === 'chat.mention') {
    const message = n.message;
    if (!n.actor || !message) return null;
    return {
      type: 'chat.mention',
      ...base,
      actor: toUserSummary(n.actor),
      roomId: message.room.id,
      roomName: message.room.name ?? null,
      messageId: message.id,
      seq: message.seq,
      excerpt: message.deletedAt ? '' : excerptOf(message.body),
    };
  }
  if (n.type === 'comment.new') {
    const comment = n.comment;
    if (!n.actor || !n.track || !comment) return null;
    const on = n.track.owner.id === n.recipient.id ? 'my_track' : comment.parent && comment.parent.author.id === n.recipient.id ? 'my_comment' : 'mention';
    return { type: 'comment.new', ...base, actor: toUserSummary(n.actor), track: { id: n.track.id, title: n.track.title }, commentId: comment.id, atMs: comment.atMs, excerpt: excerptOf(comment.body), on };
  }
  if (n.type === 'playlist.invite') {
    return n.actor && n.playlist ? { type: 'playlist.invite', ...base, actor: toUserSummary(n.actor), playlist: { id: n.playlist.id, title: n.playlist.title } } : null;
  }
  if (n.type === 'follow.new' || n.type === 'follow.request' || n.type === 'follow.accepted') {
    return n.actor ? { type: n.type, ...base, actor: toUserSummary(n.actor) } : null;
  }
  if ((n.type === 'track.liked' || n.type === 'track.reposted') && n.actor && n.track) {
    return { type: n.type, ...base, actor: toUserSummary(n.actor), track: { id: n.track.id, title: n.track.title } };
  }
  return null;
}

/** The kept actors of groups, minus those `viewerId` blocked (one query each). */
export async function actorsOf(em: Em, viewerId: string, groups: readonly Notification[]): Promise<Map<string, User>> {
  const ids = [...new Set(groups.flatMap((g) => g.actorIds))];
  if (ids.length === 0) return new Map();
  const [users, { byMe }] = await Promise.all([em.find(User, { id: { $in: ids } }), blocksRepository(em).between(viewerId, ids)]);
  return new Map(users.filter((u) => !byMe.has(u.id)).map((u) => [u.id, u]));
}

async function publishChanged(ctx: Ctx, recipientId: string, hidden: readonly NotificationType[]): Promise<number> {
  const unread = await notificationsRepository(ctx.em).unreadCount(recipientId, hidden);
  const message: NotificationsChangedMessage = { type: 'notifications.changed', unread };
  await ctx.deps.bus.publish(userChannel(recipientId), message);
  return unread;
}

/** Mails a new group to its recipient (once, whichever instance gets there first); failures only lose the mail. */
function mailLater(deps: ApiDeps, group: NotificationGroupDto, recipientId: string, language: 'en' | 'fr') {
  runInBackground(async () => {
    const em = deps.db.fork();
    const recipient = await em.findOne(User, { id: recipientId });
    if (!recipient?.emailVerifiedAt || recipient.lockedAt) return;
    if (!(await notificationsRepository(em).claimMail(group.id))) return;
    const link = new URL(group.url, deps.security.appOrigin).toString();
    await deps.mailer.send(notificationMail({ to: recipient.email, username: recipient.username, group, language, link, unsubscribe: unsubscribeLinks(deps, recipientId, group.kind) }));
  });
}

/**
 * After a group was written: live event and unread count (when the recipient shows the kind in the app), a mail for
 * a new group (when they chose mail for the kind), a push (when they chose push; for counted groups only a new one).
 */
async function deliver(ctx: Ctx, row: NotificationGroupRow, counted: boolean) {
  const n = await notificationsRepository(ctx.em).byId(row.id);
  if (!n) return;
  const recipientId = n.recipient.id;
  const settings = await notificationSettingsRepository(ctx.em).of(recipientId);
  const channels = channelsFor(settings.overrides, KIND_OF[n.type]);
  if (channels.inApp) {
    const event = toEvent(n);
    if (event) await ctx.deps.bus.publish(userChannel(recipientId), event);
    await publishChanged(ctx, recipientId, hiddenTypes(settings.overrides));
  }
  // Security notices are mailed by the security domain itself, always.
  const mail = row.inserted && channels.email && n.type !== 'security.notice';
  const push = channels.push && pushAvailable(ctx.deps) && (row.inserted || !counted);
  if (!mail && !push) return;
  const group = toGroupDto(n, await actorsOf(ctx.em, recipientId, [n]));
  if (!group) return;
  if (mail) mailLater(ctx.deps, group, recipientId, settings.language);
  if (push) pushGroup(ctx.deps, recipientId, group, settings.language);
}

/** Adds an event to its group and delivers it; the recipient's own actions never notify them. */
async function touch(ctx: Ctx, data: GroupTouch) {
  if (data.actorId === data.recipientId) return;
  await deliver(ctx, await notificationsRepository(ctx.em).touch(data), false);
}

// ---------------------------------------------------------------------------------------------------------------
// Counted groups (likes, reposts, follows): the hot path records nothing; each instance remembers which groups are
// due and recounts each one once per COALESCE_MS from the rows that record the events.

interface Due {
  source: CountedSource;
  floor: Date;
}

class Coalescer {
  private due = new Map<string, Due>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private wake: (() => void) | null = null;
  private readonly deps: ApiDeps;
  delayMs = COALESCE_MS;
  constructor(deps: ApiDeps) {
    this.deps = deps;
  }

  add(source: CountedSource) {
    const key = source.type === 'follow.new' ? `${source.type}|${source.recipientId}` : `${source.type}|${source.recipientId}|${source.trackId}`;
    if (!this.due.has(key)) this.due.set(key, { source, floor: new Date(Date.now() - FLOOR_SLACK_MS) });
    if (this.timer) return;
    // Background work: shutdown (and tests) wait for it; an explicit flush ends the wait early.
    runInBackground(async () => {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.timer = setTimeout(resolve, this.delayMs);
      });
      await this.flush();
    });
  }

  /** The recount in progress, if any: a flush starts after it, so "flushed" means every earlier event is counted. */
  private running: Promise<void> = Promise.resolve();

  /**
   * Recounts every due group now (each on its own: one failing does not hold back the others), after a recount already
   * running (the timer's, which may have taken the groups a moment ago): when it resolves, every group due before the
   * call is written.
   */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const wake = this.wake;
    this.wake = null;
    wake?.();
    const batch = [...this.due.values()];
    this.due.clear();
    const run = this.running.then(() => this.recount(batch));
    this.running = run.catch(() => undefined);
    return run;
  }

  private async recount(batch: Due[]) {
    if (batch.length === 0) return;
    const ctx = { em: this.deps.db.fork(), deps: this.deps };
    for (const { source, floor } of batch) {
      try {
        const row = await notificationsRepository(ctx.em).recount(source, floor);
        if (row) await deliver(ctx, row, true);
      } catch {
        // The events stay recorded in their own rows: the group catches up with its next event.
      }
    }
  }
}

const coalescers = new WeakMap<ApiDeps, Coalescer>();
const coalescerOf = (deps: ApiDeps) => {
  let c = coalescers.get(deps);
  if (!c) {
    c = new Coalescer(deps);
    coalescers.set(deps, c);
  }
  return c;
};

/** How long this server's counted groups wait (COALESCE_MS unless changed: tests that count on one flush hold it). */
export function setCoalesceDelay(deps: ApiDeps, delayMs: number) {
  coalescerOf(deps).delayMs = delayMs;
}

/** Counts the groups waiting to be counted now (tests; shutdown also waits for them as background work). */
export const flushNotifications = (deps: ApiDeps) => coalescerOf(deps).flush();

// ---------------------------------------------------------------------------------------------------------------
// What other domains call.

/**
 * Someone liked (or, with `type`, reposted) the owner's track: counted into the owner's group for the track within
 * COALESCE_MS, with no query now (the like itself is the record). Returns true.
 */
export async function trackLiked(ctx: Ctx, args: { track: Track; likerId: string; type?: 'track.liked' | 'track.reposted' }) {
  if (args.track.owner.id === args.likerId) return false;
  coalescerOf(ctx.deps).add({ type: args.type ?? 'track.liked', trackId: args.track.id, recipientId: args.track.owner.id });
  return true;
}

/**
 * Tells `recipientId` that `actorId` followed them (counted, like likes), asks to, or approved their request. Asking
 * (or approving) again within REPEAT_NOTICE_WINDOW_MS notifies once. Returns whether it notified.
 */
export async function followNotice(ctx: Ctx, args: { type: 'follow.new' | 'follow.request' | 'follow.accepted'; recipientId: string; actorId: string }) {
  if (args.recipientId === args.actorId) return false;
  if (args.type === 'follow.new') {
    coalescerOf(ctx.deps).add({ type: 'follow.new', recipientId: args.recipientId });
    return true;
  }
  const since = new Date(Date.now() - REPEAT_NOTICE_WINDOW_MS);
  if (await notificationsRepository(ctx.em).existsSince({ recipientId: args.recipientId, type: args.type, actorId: args.actorId, since })) return false;
  await touch(ctx, { recipientId: args.recipientId, type: args.type, groupKey: '', actorId: args.actorId });
  return true;
}

/** Tells `recipientId` of a comment by `actorId` on a track (theirs, a reply to theirs, or mentioning them). */
export async function commentNotice(ctx: Ctx, args: { recipientId: string; actorId: string; trackId: string; commentId: string }) {
  const comment = await ctx.em.findOne(TrackComment, { id: args.commentId }, { populate: ['track', 'parent'] });
  if (!comment) return;
  const groupKey =
    comment.track.owner.id === args.recipientId ? `track:${args.trackId}`
    : comment.parent && comment.parent.author.id === args.recipientId ? `reply:${comment.parent.id}`
    : `mention:${args.trackId}`;
  await touch(ctx, { recipientId: args.recipientId, type: 'comment.new', groupKey, actorId: args.actorId, trackId: args.trackId, commentId: args.commentId });
}

/** Tells `recipientId` that `actorId` invited them to edit a playlist with them (once per invitation). */
export async function playlistInvite(ctx: Ctx, args: { recipientId: string; actorId: string; playlistId: string }) {
  await touch(ctx, { recipientId: args.recipientId, type: 'playlist.invite', groupKey: `playlist:${args.playlistId}`, actorId: args.actorId, playlistId: args.playlistId });
}

/** Tells `recipientId` that `actorId` invited them to a group (once per invitation). */
export async function groupInvite(ctx: Ctx, args: { recipientId: string; actorId: string; groupId: string }) {
  await touch(ctx, { recipientId: args.recipientId, type: 'group.invite', groupKey: `group:${args.groupId}`, actorId: args.actorId, groupId: args.groupId });
}

/** Tells a group's owner and admins that `actorId` asked to join it (grouped per group while unread). */
export async function groupJoinRequest(ctx: Ctx, args: { recipientIds: readonly string[]; actorId: string; groupId: string }) {
  for (const recipientId of new Set(args.recipientIds)) {
    await touch(ctx, { recipientId, type: 'group.request', groupKey: `group:${args.groupId}`, actorId: args.actorId, groupId: args.groupId });
  }
}

/**
 * Notifies each of `recipientIds` that `actorId` mentioned them in a chat message (grouped per room while unread).
 * Skips the actor and anyone already notified about this message (an edit that keeps a mention). Returns who was notified.
 */
export async function chatMentioned(ctx: Ctx, args: { messageId: string; actorId: string; recipientIds: readonly string[] }): Promise<string[]> {
  const candidates = [...new Set(args.recipientIds)].filter((id) => id !== args.actorId);
  if (candidates.length === 0) return [];
  const message = await ctx.em.findOne(Message, { id: args.messageId });
  if (!message) return [];
  const already = await notificationsRepository(ctx.em).notifiedAbout(args.messageId, 'chat.mention', candidates);
  const notified: string[] = [];
  for (const recipientId of candidates) {
    if (already.has(recipientId)) continue;
    await touch(ctx, { recipientId, type: 'chat.mention', groupKey: `room:${message.room.id}`, actorId: args.actorId, messageId: args.messageId });
    notified.push(recipientId);
  }
  return notified;
}

/** Tells a track's owner that its processing finished (`ready`) or failed (with the reason they were shown). */
export async function processingNotice(ctx: Ctx, args: { trackId: string; ownerId: string; status: 'ready' | 'failed'; reason?: string | null }) {
  await touch(ctx, {
    recipientId: args.ownerId,
    type: args.status === 'ready' ? 'track.processed' : 'track.failed',
    groupKey: `track:${args.trackId}`,
    actorId: null,
    trackId: args.trackId,
    detail: args.status === 'failed' ? (args.reason ?? '').slice(0, 300) || null : null,
  });
}

/** Shows a security change (already mailed by the security domain) in the owner's notification centre. */
export async function securityNotice(ctx: Ctx, userId: string, change: string) {
  await touch(ctx, { recipientId: userId, type: 'security.notice', groupKey: `security:${change}`, actorId: null, detail: change.slice(0, 300) });
}

// ---------------------------------------------------------------------------------------------------------------
// The notification centre.

/**
 * A page of the viewer's groups, most recently updated first (kinds they switched off in the app left out); with
 * `unreadOnly`, only the unread ones (the next page continues below the cursor among those still unread).
 */
export async function list(ctx: Ctx, viewer: Viewer, input: NotificationsListInput): Promise<NotificationPageDto> {
  const settings = await notificationSettingsRepository(ctx.em).of(viewer.id);
  const rows = await notificationsRepository(ctx.em).page(viewer.id, input.cursor ?? null, input.limit + 1, hiddenTypes(settings.overrides), input.unreadOnly);
  const page = rows.slice(0, input.limit);
  const actors = await actorsOf(ctx.em, viewer.id, page);
  return {
    items: page.flatMap((n) => {
      const dto = toGroupDto(n, actors);
      return dto ? [dto] : [];
    }),
    nextCursor: rows.length > input.limit ? (page.at(-1)?.seq ?? null) : null,
  };
}

export async function unreadCount(ctx: Ctx, viewer: Viewer): Promise<UnreadDto> {
  const settings = await notificationSettingsRepository(ctx.em).of(viewer.id);
  return { unread: await notificationsRepository(ctx.em).unreadCount(viewer.id, hiddenTypes(settings.overrides)) };
}

/** Marks one of the viewer's groups read (again is fine); someone else's, or none, is NOT_FOUND. */
export async function markRead(ctx: Ctx, viewer: Viewer, id: string): Promise<UnreadDto> {
  const result = await notificationsRepository(ctx.em).markRead(viewer.id, id);
  if (result === 'missing') throw new DomainError('NOT_FOUND', 'This notification does not exist.', undefined, 'notification_not_found');
  const settings = await notificationSettingsRepository(ctx.em).of(viewer.id);
  return { unread: await publishChanged(ctx, viewer.id, hiddenTypes(settings.overrides)) };
}

/** Marks all the viewer's unread groups read (up to `upTo` when given). */
export async function markAllRead(ctx: Ctx, viewer: Viewer, upTo: string | null): Promise<UnreadDto & { marked: number }> {
  const marked = await notificationsRepository(ctx.em).markAllRead(viewer.id, upTo);
  const settings = await notificationSettingsRepository(ctx.em).of(viewer.id);
  return { marked, unread: await publishChanged(ctx, viewer.id, hiddenTypes(settings.overrides)) };
}

/** The unread count now, then each time it changes (any instance: it travels on the bus). */
export async function* unreadStream(ctx: Ctx, viewer: Viewer, signal: AbortSignal | undefined): AsyncGenerator<UnreadDto> {
  const live = await listen(ctx.deps.bus, userChannel(viewer.id), signal, parseChangedMessage);
  try {
    yield await unreadCount(ctx, viewer);
    for await (const message of live) yield { unread: message.unread };
  } finally {
    await live.return(undefined);
  }
}

/**
 * A user's live events (the latest event of each group as it changes). Listens first, then back-fills from the
 * database every group updated after `lastEventId`, then yields live events, skipping any already sent: a client
 * that reconnects with its last id misses nothing and sees nothing twice.
 */
export async function* stream(ctx: Ctx, userId: string, lastEventId: string | null, signal: AbortSignal | undefined) {
  const live = await listen(ctx.deps.bus, userChannel(userId), signal, parseNotificationEvent);
  let last = lastEventId ? BigInt(lastEventId) : null;
  try {
    if (last !== null) {
      const hidden = new Set(hiddenTypes((await notificationSettingsRepository(ctx.em).of(userId)).overrides));
      const repo = notificationsRepository(ctx.em);
      for (;;) {
        const page = await repo.after(userId, last.toString());
        for (const row of page) {
          last = BigInt(row.seq);
          const event = hidden.has(row.type) ? null : toEvent(row);
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
