// The rows of the conversation, oldest first: the "older" / "newer" edges of the window held, day separators, the
// "new messages" divider, grouped messages, then our messages on their way. Pure: tested without rendering.
import type { MessageDto, PendingMessage, Timeline } from './chat-store.ts';

/** Consecutive messages of one author within this many ms are grouped under one name. */
export const GROUP_WINDOW_MS = 5 * 60_000;

export type Row =
  | { kind: 'older'; key: string }
  | { kind: 'newer'; key: string }
  | { kind: 'day'; key: string; date: string }
  | { kind: 'unread'; key: string }
  | { kind: 'message'; key: string; message: MessageDto; grouped: boolean }
  | { kind: 'pending'; key: string; pending: PendingMessage };

/** A calendar day in local time, as a comparable key. */
export const dayOf = (iso: string) => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
};

/** The key of a message's row (the list finds a jumped-to message by it). */
export const messageKey = (seq: number) => `m${seq}`;

/**
 * The rows the list shows, oldest first: day separators, the "new messages" divider before the first message after
 * `unreadAfterSeq`, messages (grouped when the same author writes again within five minutes), then our messages on
 * their way — after the newest message only: a window jumped back into history ends with the "newer" edge instead.
 */
export function buildRows(timeline: Timeline, unreadAfterSeq: number | null, meId: string | null): Row[] {
  const rows: Row[] = [];
  if (timeline.hasOlder) rows.push({ kind: 'older', key: 'older' });
  let prev: MessageDto | null = null;
  let dividerShown = false;
  for (const seq of timeline.seqs) {
    const message = timeline.bySeq[seq]!;
    const day = dayOf(message.createdAt);
    const newDay = !prev || dayOf(prev.createdAt) !== day;
    if (newDay) rows.push({ kind: 'day', key: `d${day}`, date: message.createdAt });
    const unread = !dividerShown && unreadAfterSeq !== null && seq > unreadAfterSeq && message.author?.id !== meId;
    if (unread) {
      rows.push({ kind: 'unread', key: 'unread' });
      dividerShown = true;
    }
    const grouped =
      !newDay &&
      !unread &&
      prev !== null &&
      !message.replyTo &&
      !prev.deletedAt &&
      prev.author?.id != null &&
      prev.author.id === message.author?.id &&
      Date.parse(message.createdAt) - Date.parse(prev.createdAt) < GROUP_WINDOW_MS;
    rows.push({ kind: 'message', key: messageKey(seq), message, grouped });
    prev = message;
  }
  if (timeline.hasNewer) rows.push({ kind: 'newer', key: 'newer' });
  else for (const pending of timeline.pending) rows.push({ kind: 'pending', key: `p${pending.clientMessageId}`, pending });
  return rows;
}
