// The live room list (chat.onInbox, packages/api chat/inbox.service.ts): events applied to the cached
// `chat.rooms.list`, so unread counts and mention badges change in place. Every value is absolute (seqs only grow)
// and the first event of every (re)subscription is a `sync` of all counts, so applying an event twice is harmless.
import type { MessagePreviewDto, RoomDto } from '../chat-store.ts';

export interface InboxRoomState {
  roomId: string;
  kind: RoomDto['kind'];
  lastSeq: number;
  lastReadSeq: number;
  unreadCount: number;
  mentionCount: number;
}

/** What `chat.onInbox` yields (the `data` of each tracked event). */
export type InboxEvent =
  | { type: 'sync'; rooms: InboxRoomState[] }
  | { type: 'message'; roomId: string; kind: RoomDto['kind']; seq: number; message: MessagePreviewDto }
  | { type: 'mention'; roomId: string; seq: number; messageId: string; authorId: string }
  | { type: 'read'; roomId: string; lastReadSeq: number; mentionCount: number }
  | { type: 'joined' | 'left'; roomId: string; kind: RoomDto['kind'] };

export interface Applied {
  /** The list after the event (the same array when nothing changed). */
  rooms: RoomDto[];
  /** The list needs reading again: a room we do not have (joined, a new DM), or previews the sync cannot give. */
  refetch: boolean;
}

const counted = (room: RoomDto, lastSeq: number, lastReadSeq: number): RoomDto => ({
  ...room,
  lastSeq,
  lastReadSeq,
  unreadCount: Math.max(0, lastSeq - lastReadSeq),
});

/**
 * `rooms` (most recently active first) after `event`; `meId` makes my own new message count as read. People I
 * blocked (`isBlocked`): their messages show as hidden previews and their mentions do not count, as in the list.
 */
export function applyInboxEvent(rooms: RoomDto[], event: InboxEvent, meId: string | null, isBlocked: (userId: string) => boolean = () => false): Applied {
  switch (event.type) {
    case 'sync': {
      const states = new Map(event.rooms.map((s) => [s.roomId, s]));
      let refetch = states.size !== rooms.length;
      const next = rooms.map((room) => {
        const state = states.get(room.id);
        if (!state) {
          refetch = true;
          return room;
        }
        // Newer messages than the preview we hold: the counts update now, the previews with the refetch.
        if (state.lastSeq > room.lastSeq) refetch = true;
        return { ...counted(room, Math.max(room.lastSeq, state.lastSeq), Math.max(room.lastReadSeq, state.lastReadSeq)), mentionCount: state.mentionCount };
      });
      return { rooms: next, refetch };
    }
    case 'message': {
      const room = rooms.find((r) => r.id === event.roomId);
      if (!room) return { rooms, refetch: true };
      if (event.seq <= room.lastSeq && room.lastMessage && room.lastMessage.seq >= event.seq) return { rooms, refetch: false };
      const mine = event.message.author?.id === meId && meId !== null;
      const author = event.message.author?.id;
      const lastMessage = author && !mine && isBlocked(author) ? { ...event.message, body: '', hidden: 'blocked' as const } : event.message;
      const updated = { ...counted(room, Math.max(room.lastSeq, event.seq), mine ? Math.max(room.lastReadSeq, event.seq) : room.lastReadSeq), lastMessage };
      // The most recently active first: the room moves to the top.
      return { rooms: [updated, ...rooms.filter((r) => r.id !== room.id)], refetch: false };
    }
    case 'mention': {
      const room = rooms.find((r) => r.id === event.roomId);
      if (!room) return { rooms, refetch: true };
      if (event.seq <= room.lastReadSeq || isBlocked(event.authorId)) return { rooms, refetch: false };
      return { rooms: rooms.map((r) => (r.id === room.id ? { ...r, mentionCount: r.mentionCount + 1 } : r)), refetch: false };
    }
    case 'read': {
      const room = rooms.find((r) => r.id === event.roomId);
      if (!room) return { rooms, refetch: false };
      const lastReadSeq = Math.max(room.lastReadSeq, event.lastReadSeq);
      return { rooms: rooms.map((r) => (r.id === room.id ? { ...counted(r, r.lastSeq, lastReadSeq), mentionCount: event.mentionCount } : r)), refetch: false };
    }
    case 'joined':
      return { rooms, refetch: !rooms.some((r) => r.id === event.roomId) };
    case 'left':
      return { rooms: rooms.filter((r) => r.id !== event.roomId), refetch: false };
  }
}
