import { defineEntity, p } from '@mikro-orm/core';
import { ROOM_VISIBILITY } from '@veza/validators';
import { User } from '../entities/user.entity.ts';

/** `group`: a small group conversation (up to 10 people, no roles, any member adds people; issue 10). */
export const ROOM_KINDS = ['room', 'dm', 'group'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];
export const ROOM_VISIBILITIES = ROOM_VISIBILITY;
export type RoomVisibility = (typeof ROOM_VISIBILITIES)[number];

/**
 * A conversation: a named room (public: anyone joins; private: invite only) or a direct message between two users.
 * `lastSeq` is the seq of the room's newest message: sending one increments it under the row's lock, so a room's
 * messages are numbered 1, 2, 3… with no gap and no repeat. A DM's `dmKey` (both user ids, sorted) is unique:
 * opening the same DM twice, from either side, finds the same room.
 */
const RoomSchema = defineEntity({
  name: 'Room',
  tableName: 'rooms',
  properties: {
    id: p.uuid().primary(),
    kind: p.enum([...ROOM_KINDS]),
    /** Null for DMs (they are named after the other person). */
    name: p.string().length(80).nullable(),
    topic: p.string().length(300).nullable(),
    visibility: p.enum([...ROOM_VISIBILITIES]),
    createdBy: () => p.manyToOne(User).nullable().deleteRule('set null'),
    dmKey: p.string().length(80).nullable().unique(),
    lastSeq: p.bigint('number').default(0),
    /** Slow mode: members (not moderators) send at most one message per this many seconds; 0 is off. */
    slowModeSeconds: p.integer().default(0),
    /** The storage key of the room's icon (a 256×256 WebP; a new key per change, so its URL can be cached); null: none. */
    iconKey: p.string().length(200).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class Room extends RoomSchema.class {}
RoomSchema.setClass(Room);
export { RoomSchema };
