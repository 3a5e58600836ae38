// Room icons (issue 10, "Rooms: name, topic and icon"). The owner and moderators of a room (any member of a group,
// as for its name) set or remove it; DMs show the other person instead. An icon goes in like a chat image
// (image-encoding.ts: checked by its bytes, re-encoded, metadata dropped) and is stored as a 256×256 WebP under a
// new key per change, so its URL (which carries the key's version) is cached and never goes stale.
//
// Who may change it is checked before the file is even read, and every refusal (not a moderator, not an image,
// too large, damaged) leaves nothing in storage. The previous icon's file is deleted once the new key is committed.
//
// Served (GET /api/chat/rooms/:id/icon, apps/server) to whoever may see the room: anyone for a public room, members
// for a private room or a group, and someone holding a valid invite to the room (its invite page shows the icon).
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { chatRepository, inboxRepository, type Room } from '@veza/db';
import { CHAT_IMAGE_MAX_BYTES } from '@veza/validators';
import type { Context, Viewer } from '../context.ts';
import { DomainError } from '../errors.ts';
import { roomIconUrl } from './chat.dto.ts';
import { chatImageType, encodeChatImage } from './image-encoding.ts';
import { hashInviteCode, unusable } from './invites.service.ts';
import { loadMemberRoom, loadVisibleRoom, requireModerator } from './rooms.service.ts';

type Ctx = Pick<Context, 'em' | 'deps'>;

/** Icons are squares this many pixels a side. */
export const ROOM_ICON_SIDE = 256;
export const ROOM_ICON_TOO_LARGE_MESSAGE = 'Room icons must be at most 10 MB.';


/** The room a usable invite code leads to, null for any other code. */
async function inviteRoomId(ctx: Ctx, code: string): Promise<string | null> {
  const invite = await chatRepository(ctx.em).inviteByHash(hashInviteCode(code));
  return invite && !unusable(invite) ? invite.room.id : null;
}

/** The room, if the viewer may change its icon: FORBIDDEN for members who are not its owner or a moderator. */
async function loadEditable(ctx: Ctx, viewer: Viewer, roomId: string): Promise<Room> {
  const { room, member } = await loadMemberRoom(ctx, viewer, roomId);
  if (room.kind === 'dm') throw new DomainError('BAD_REQUEST', 'A direct conversation has no icon: it shows the other person.');
  if (room.kind === 'room') requireModerator(member, "Only the room's owner and moderators can change its icon.");
  return room;
}

/** Stores `upload` (a temp file, the caller's to remove) as the room's icon, replacing the previous one. */
export async function setRoomIcon(ctx: Ctx, viewer: Viewer, roomId: string, upload: { tempPath: string; sizeBytes: number }): Promise<{ iconUrl: string }> {
  const room = await loadEditable(ctx, viewer, roomId);
  if (upload.sizeBytes > CHAT_IMAGE_MAX_BYTES) throw new DomainError('PAYLOAD_TOO_LARGE', ROOM_ICON_TOO_LARGE_MESSAGE);
  const mime = await chatImageType(upload.tempPath);
  const outPath = `${upload.tempPath}.icon.webp`;
  try {
    await encodeChatImage(upload.tempPath, mime, outPath, { kind: 'square', side: ROOM_ICON_SIDE });
    const key = `chat/rooms/${room.id}/icon-${randomBytes(8).toString('hex')}.webp`;
    await ctx.deps.storage.putFile(key, outPath, { contentType: 'image/webp' });
    let swapped;
    try {
      swapped = await inboxRepository(ctx.em).swapIcon(room.id, key);
    } catch (error) {
      await ctx.deps.storage.delete(key);
      throw error;
    }
    if (!swapped) {
      // The room was deleted meanwhile (its last member left).
      await ctx.deps.storage.delete(key);
      throw new DomainError('NOT_FOUND', 'This conversation does not exist or you are not in it.');
    }
    if (swapped.previous) await ctx.deps.storage.delete(swapped.previous);
    return { iconUrl: roomIconUrl({ id: room.id, iconKey: key }) ?? '' };
  } finally {
    await rm(outPath, { force: true });
  }
}

/** Removes the room's icon (none: nothing changes); the list then shows its initials. */
export async function removeRoomIcon(ctx: Ctx, viewer: Viewer, roomId: string): Promise<{ iconUrl: null }> {
  const room = await loadEditable(ctx, viewer, roomId);
  const swapped = await inboxRepository(ctx.em).swapIcon(room.id, null);
  if (swapped?.previous) await ctx.deps.storage.delete(swapped.previous);
  return { iconUrl: null };
}

/**
 * The stored icon of a room `viewer` may see (public room: anyone, signed in or not; otherwise its members), or of
 * the room an `inviteCode` leads to. NOT_FOUND for everything else, exactly like a room without an icon.
 */
export async function roomIconSource(ctx: Ctx, viewer: Viewer | null, roomId: string, inviteCode: string | null): Promise<{ key: string; public: boolean }> {
  const notFound = () => new DomainError('NOT_FOUND', 'Icon not found.');
  const room = await chatRepository(ctx.em).roomById(roomId);
  if (!room?.iconKey) throw notFound();
  const isPublic = room.kind === 'room' && room.visibility === 'public';
  if (!isPublic) {
    const invited = inviteCode !== null && (await inviteRoomId(ctx, inviteCode)) === room.id;
    if (!invited) {
      if (!viewer) throw notFound();
      try {
        await loadVisibleRoom(ctx, viewer, room.id);
      } catch (error) {
        if (error instanceof DomainError) throw notFound();
        throw error;
      }
    }
  }
  return { key: room.iconKey, public: isPublic };
}
