// What the room list shows beyond the rooms themselves (issue 10): the members of DMs and groups, the last message
// hidden when its author is someone the viewer blocked (as history hides it: blocks.service.ts), and how the call
// went when the last message is a call's summary (so the list says it in the reader's language).
import { blocksRepository, callsRepository, groupsRepository, type Em } from '@veza/db';
import { callDuration } from '../calls/calls.dto.ts';
import { GROUP_MAX_MEMBERS } from '@veza/validators';
import { toUserSummary } from '../users/users.dto.ts';
import type { RoomDto } from './chat.dto.ts';

/** Fills `members` of DMs and groups and hides last messages by people the viewer blocked, in place. */
export async function addRoomPreviews(em: Em, viewerId: string, rooms: RoomDto[]): Promise<RoomDto[]> {
  const conversations = rooms.filter((r) => r.kind === 'dm' || r.kind === 'group');
  const members = await groupsRepository(em).membersOf(conversations.map((r) => r.id));
  for (const room of conversations) room.members = (members.get(room.id) ?? []).slice(0, GROUP_MAX_MEMBERS).map((m) => toUserSummary(m.user));
  const authors = [...new Set(rooms.flatMap((r) => (r.lastMessage?.author && r.lastMessage.author.id !== viewerId ? [r.lastMessage.author.id] : [])))];
  const blocked = await blocksRepository(em).blockedAmong(viewerId, authors);
  for (const room of rooms) {
    const last = room.lastMessage;
    if (last?.author && blocked.has(last.author.id)) {
      last.body = '';
      last.hidden = 'blocked';
    }
  }
  const callPreviews = rooms.flatMap((r) => (r.lastMessage?.kind === 'call' ? [r.lastMessage] : []));
  if (callPreviews.length > 0) {
    const calls = new Map((await callsRepository(em).byMessages(callPreviews.map((m) => m.id))).map((c) => [c.message?.id, c]));
    for (const preview of callPreviews) {
      const call = calls.get(preview.id);
      preview.call = call ? { state: call.state, durationSeconds: callDuration(call) } : null;
    }
  }
  return rooms;
}
