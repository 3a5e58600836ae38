import { defineEntity, p } from '@mikro-orm/core';
import { Room } from '../chat/room.entity.ts';
import { Track } from '../entities/track.entity.ts';
import { User } from '../entities/user.entity.ts';

/**
 * A listening session (issue 11): a host plays tracks that every participant hears at the same position. The playhead
 * is stored as a position at a moment of the server's clock (`positionMs` at `anchorAt`, moving on from there while
 * `playing`): each client works out where the track is now from the server's time, so nothing is sent while it plays.
 * `version` grows with every change (the live view applies them in order).
 */
const ListeningSessionSchema = defineEntity({
  name: 'ListeningSession',
  tableName: 'listening_sessions',
  properties: {
    id: p.uuid().primary(),
    host: () => p.manyToOne(User).deleteRule('cascade'),
    /** The session's chat room. */
    room: () => p.manyToOne(Room).nullable().deleteRule('set null'),
    track: () => p.manyToOne(Track).nullable().deleteRule('set null'),
    positionMs: p.integer().default(0),
    playing: p.boolean().default(false),
    anchorAt: p.datetime(),
    /** Only the host adds to the queue. */
    queueLocked: p.boolean().default(false),
    version: p.integer().default(1),
    endedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [{ name: 'listening_sessions_host_idx', properties: ['host', 'endedAt'] }],
});

export class ListeningSession extends ListeningSessionSchema.class {}
ListeningSessionSchema.setClass(ListeningSession);
export { ListeningSessionSchema };

/** Someone in a session. `lastSeenAt` is renewed while their live view is open; the silent are dropped. */
const ListeningMemberSchema = defineEntity({
  name: 'ListeningMember',
  tableName: 'listening_members',
  properties: {
    session: () => p.manyToOne(ListeningSession).primary().deleteRule('cascade'),
    user: () => p.manyToOne(User).primary().deleteRule('cascade').index(),
    joinedAt: p.datetime(),
    lastSeenAt: p.datetime(),
  },
});

export class ListeningMember extends ListeningMemberSchema.class {}
ListeningMemberSchema.setClass(ListeningMember);
export { ListeningMemberSchema };

/** A track waiting in a session's shared queue, ordered by a fractional index like playlists. */
const ListeningQueueEntrySchema = defineEntity({
  name: 'ListeningQueueEntry',
  tableName: 'listening_queue',
  properties: {
    id: p.uuid().primary(),
    session: () => p.manyToOne(ListeningSession).deleteRule('cascade'),
    track: () => p.manyToOne(Track).deleteRule('cascade').index(),
    addedBy: () => p.manyToOne(User).nullable().deleteRule('set null').index(),
    position: p.string().length(64).collation('C'),
    addedAt: p.datetime(),
  },
  uniques: [{ name: 'listening_queue_order_unique', properties: ['session', 'position'] }],
});

export class ListeningQueueEntry extends ListeningQueueEntrySchema.class {}
ListeningQueueEntrySchema.setClass(ListeningQueueEntry);
export { ListeningQueueEntrySchema };
