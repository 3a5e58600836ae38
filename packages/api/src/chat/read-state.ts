// Read receipts (issue 10, "Read state"). Every member has a last-read `seq` (chat.rooms.markRead moves it forward;
// one's own message counts as read). Unread counts use it everywhere; receipts — who read how far — are shown in
// direct conversations and groups (at most 10 people) only:
//  - `chat.rooms.readState({ roomId })` answers the members' last-read seqs for a DM or group the viewer is in;
//    for a room it is refused (BAD_REQUEST): rooms can hold thousands of people, and there is no reason to tell
//    everyone how far each person has read.
//  - `read` events ({ type: 'read', roomId, userId, seq }) go to chat.onRoom subscribers of DMs and groups when a
//    member's mark actually moves (after the commit); not in rooms, for the same reason (and their fan-out cost).
import { chatRepository } from '@veza/db';
import type { Context, Viewer } from '../context.ts';
import { DomainError } from '../errors.ts';
import { publishRoomEvent } from './chat.events.ts';
import { loadMemberRoom } from './rooms.service.ts';

type Ctx = Pick<Context, 'em' | 'deps'>;

/** More than a group can hold: the page read for a DM's or group's members. */
const RECEIPT_MEMBERS_MAX = 50;

/**
 * Who read how far in a DM or group.
 *
 * Status of a message for its author, as the apps show it (the simplest model that never claims more than the
 * server knows):
 *  - **sent / delivered** (one tick): the message has a `seq` — it is stored for good and was published to every
 *    member's live connections at once; members who are away get it from the history when they come back. The
 *    server does not track which device received what, so there is no separate "delivered to their phone" tick.
 *  - **read** (two ticks, per member): `lastReadSeq >= message.seq` — the member's app marked it read.
 */
export interface ReadStateDto {
  roomId: string;
  /** The room's newest message. */
  lastSeq: number;
  /** Every member (the viewer included), by user id. */
  members: { userId: string; lastReadSeq: number }[];
}

/** The members' read marks of a DM or group the viewer is in (rooms: BAD_REQUEST, see above). */
export async function readState(ctx: Ctx, viewer: Viewer, roomId: string): Promise<ReadStateDto> {
  const { room } = await loadMemberRoom(ctx, viewer, roomId);
  if (room.kind === 'room') {
    throw new DomainError('BAD_REQUEST', 'Read receipts are shown in direct and group conversations only.', undefined, 'receipts_not_in_rooms');
  }
  const { items } = await chatRepository(ctx.em).members(room.id, { offset: 0, limit: RECEIPT_MEMBERS_MAX });
  return {
    roomId: room.id,
    lastSeq: room.lastSeq,
    members: items.map((m) => ({ userId: m.user.id, lastReadSeq: m.lastReadSeq })).sort((a, b) => a.userId.localeCompare(b.userId)),
  };
}

/** After a member's read mark moved from `before` to `after` (committed): tells a DM's or group's live subscribers. */
export async function publishRead(ctx: Pick<Context, 'deps'>, room: { id: string; kind: string }, userId: string, before: number, after: number): Promise<void> {
  if (room.kind === 'room' || after <= before) return;
  await publishRoomEvent(ctx.deps.bus, { type: 'read', roomId: room.id, userId, seq: after });
}
