import { defineEntity, p } from '@mikro-orm/core';
import { User } from '../entities/user.entity.ts';
import { Room } from './room.entity.ts';

export const ROOM_ROLES = ['owner', 'moderator', 'member'] as const;
export type RoomRole = (typeof ROOM_ROLES)[number];

/** Someone in a room, with their role and how far they have read (the seq of the last message seen). */
const RoomMemberSchema = defineEntity({
  name: 'RoomMember',
  tableName: 'room_members',
  properties: {
    id: p.uuid().primary(),
    room: () => p.manyToOne(Room).deleteRule('cascade'),
    user: () => p.manyToOne(User).deleteRule('cascade').index(),
    role: p.enum([...ROOM_ROLES]).default('member'),
    lastReadSeq: p.bigint('number').default(0),
    joinedAt: p.datetime().onCreate(() => new Date()),
    /** Muted (can read, cannot send) until then; null or past: not muted. */
    mutedUntil: p.datetime().nullable(),
    /** When they last sent a message here, as slow mode counts it (the database clock). */
    lastSentAt: p.datetime().nullable(),
  },
  uniques: [{ name: 'room_members_room_id_user_id_unique', properties: ['room', 'user'] }],
});

export class RoomMember extends RoomMemberSchema.class {}
RoomMemberSchema.setClass(RoomMember);
export { RoomMemberSchema };
