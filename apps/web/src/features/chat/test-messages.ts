// Messages for the chat list's tests (message-list, jump): two authors, one message a minute.
import type { MessageDto } from './chat-store.ts';

export const ana = { id: 'u-ana', username: 'ana', displayName: 'Ana Lima' };
export const marc = { id: 'u-marc', username: 'marc', displayName: null };
/** When message 0 would have been sent: 1 Dec 2026, 09:00 UTC. */
export const START = Date.UTC(2026, 11, 1, 9, 0, 0);

/** Message `seq` of room 'r' (its id too), sent `seq` minutes after START by `author`. */
export const textMessage = (seq: number, author: MessageDto['author'], overrides: Partial<MessageDto> = {}): MessageDto =>
  ({
    id: String(seq),
    seq,
    roomId: 'r',
    author,
    body: `message number ${seq}`,
    clientMessageId: `client-${seq}-abcdef`,
    createdAt: new Date(START + seq * 60_000).toISOString(),
    editedAt: null,
    deletedAt: null,
    replyTo: null,
    reactions: [],
    attachments: [],
    mentions: [],
    hidden: null,
    kind: 'text',
    call: null,
    ...overrides,
  }) as MessageDto;
