// Per-message data kept outside the messages table (reactions, attachments, …), added to DTOs in one batch per page
// of messages rather than one query per message. Every path that hands out messages goes through `withExtras`:
// history pages, sends, edits, deletes and the live back-fill of `chat.onRoom`. Search results are the exception
// (search.service.ts): their query reads reactions and mentions with the messages, and they call the other extras
// only for the results that need them; search.test.ts checks the results come out as history pages give them.
import type { Em } from '@veza/db';
import { attachmentsExtra } from './attachments.service.ts';
import { addCallSummaries } from '../calls/call-summaries.ts';
import type { MessageDto } from './chat.dto.ts';
import { addMentions } from './mentions.ts';
import { addReactions } from './reactions.service.ts';
import { hideBlocked } from '../users/blocks.service.ts';

/**
 * Fills its fields on each DTO in place. `viewerId` is who reads them, for per-viewer fields ("did I react");
 * null for DTOs published to every subscriber of a room, which must not depend on who reads them.
 */
export type MessageExtra = (em: Em, messages: MessageDto[], viewerId: string | null) => Promise<void>;

/** The extras, in order. Each domain registers its own here; hideBlocked stays last (it empties hidden messages). */
const extras: MessageExtra[] = [addCallSummaries, attachmentsExtra, addReactions, addMentions, hideBlocked];

export async function withExtras<T extends MessageDto | MessageDto[]>(em: Em, messages: T, viewerId: string | null): Promise<T> {
  const list: MessageDto[] = Array.isArray(messages) ? messages : [messages as MessageDto];
  if (list.length > 0) for (const add of extras) await add(em, list, viewerId);
  return messages;
}
