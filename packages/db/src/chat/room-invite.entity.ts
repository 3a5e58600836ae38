import { defineEntity, p } from '@mikro-orm/core';
import { User } from '../entities/user.entity.ts';
import { Room } from './room.entity.ts';

/**
 * An invite link to a room (private rooms too). The code itself is never stored: only its SHA-256 (`codeHash`), so
 * a leaked database does not leak working links. `uses` counts accepted joins; it never passes `maxUses` (accepting
 * increments it under a condition, atomically). Expired, used-up and revoked invites stay for the record.
 */
const RoomInviteSchema = defineEntity({
  name: 'RoomInvite',
  tableName: 'room_invites',
  properties: {
    id: p.uuid().primary(),
    room: () => p.manyToOne(Room).deleteRule('cascade').index(),
    codeHash: p.string().length(64).unique(),
    createdBy: () => p.manyToOne(User).nullable().deleteRule('set null'),
    /** Null: never expires. */
    expiresAt: p.datetime().nullable(),
    /** Null: unlimited. */
    maxUses: p.integer().nullable(),
    uses: p.integer().default(0),
    revokedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class RoomInvite extends RoomInviteSchema.class {}
RoomInviteSchema.setClass(RoomInvite);
export { RoomInviteSchema };
