import { defineEntity, p } from '@mikro-orm/core';
import { User } from '../entities/user.entity.ts';
import { Room } from './room.entity.ts';

/** Someone banned from a room: out of it, and unable to join again (public join or invite) until unbanned. */
const RoomBanSchema = defineEntity({
  name: 'RoomBan',
  tableName: 'room_bans',
  properties: {
    id: p.uuid().primary(),
    room: () => p.manyToOne(Room).deleteRule('cascade'),
    user: () => p.manyToOne(User).deleteRule('cascade').index(),
    /** The moderator or owner who banned them (null once their account is gone). */
    bannedBy: () => p.manyToOne(User).nullable().deleteRule('set null'),
    reason: p.string().length(500).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ name: 'room_bans_room_id_user_id_unique', properties: ['room', 'user'] }],
});

export class RoomBan extends RoomBanSchema.class {}
RoomBanSchema.setClass(RoomBan);
export { RoomBanSchema };
