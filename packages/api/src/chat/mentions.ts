// @mentions (issue 10, "Messages"): `@username` in a message's body names a member of the room. Parsed on send
// and edit; tokens inside code (fenced blocks, `inline`), links and email addresses do not count. The mentioned
// members are stored with the message (same transaction), shown on it (`MessageDto.mentions`), counted in the room
// list while unread (`RoomDto.mentionCount`) and notified once per message (not the author themselves, nor people
// who blocked the author).
import { blocksRepository, mentionsRepository, type Em } from '@veza/db';
import { foldUsername } from '@veza/validators';
import type { Context, Viewer } from '../context.ts';
import { chatMentioned } from '../notifications/notifications.service.ts';
import { toUserSummary } from '../users/users.dto.ts';
import type { MessageDto } from './chat.dto.ts';
import type { MessageExtra } from './message-extras.ts';

type Ctx = Pick<Context, 'em' | 'deps'>;

/** Most distinct `@names` one message looks up (more are ignored: a message is not a mass ping). */
export const MENTIONS_PER_MESSAGE_MAX = 50;

// Code first (its content is literal), then links and email addresses, each blanked out with spaces. The link and
// email patterns only start where a run of their characters starts (the lookbehinds): otherwise the engine would
// retry from every character of a long run, quadratic in the body (0.4 s for 4,000 CJK characters).
const FENCED_CODE = /```[\s\S]*?(?:```|$)/g;
const INLINE_CODE = /`[^`\n]*`/g;
const URL = /(?<![a-z0-9+.-])(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S+/gi;
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
// A username (see validators' username.ts: 3–30 of a–z 0–9 . _ -, starting with a letter or digit) after an `@`
// that does not follow a letter, digit or another name character.
const MENTION = /(?<![\p{L}\p{N}_.@/-])@([\p{L}\p{N}][\p{L}\p{N}_.-]*)/gu;

const blank = (match: string) => ' '.repeat(match.length);

/**
 * The usernames `@mentioned` in a message body, folded as usernames are (lower case), in order of first
 * appearance. A name ending in punctuation (`@ana.` at the end of a sentence) yields both `ana.` and `ana`: the
 * lookup keeps the one that exists.
 */
export function parseMentions(body: string): string[] {
  if (!body.includes('@')) return [];
  const text = body.replace(FENCED_CODE, blank).replace(INLINE_CODE, blank).replace(URL, blank).replace(EMAIL, blank);
  const names = new Set<string>();
  for (const match of text.matchAll(MENTION)) {
    const raw = foldUsername(match[1] ?? '');
    for (const name of [raw, raw.replace(/[._-]+$/, '')]) {
      if (name.length >= 3 && name.length <= 30 && /^[a-z0-9][a-z0-9_.-]*$/.test(name)) names.add(name);
    }
    if (names.size >= MENTIONS_PER_MESSAGE_MAX) break;
  }
  return [...names];
}

/** The members of the room mentioned in `body` (ids, each once). Only members: nobody else can read the room. */
export async function resolveMentions(ctx: Pick<Context, 'em'>, roomId: string, body: string): Promise<string[]> {
  const names = parseMentions(body);
  if (names.length === 0) return [];
  const members = await mentionsRepository(ctx.em).membersNamed(roomId, names);
  return [...new Set(members.map((m) => m.id))];
}

/**
 * Notifies the mentioned members (not the author, not twice about one message, not those who blocked the author:
 * the message reaches them hidden). After the message is committed.
 */
export async function notifyMentions(ctx: Ctx, viewer: Viewer, message: Pick<MessageDto, 'id'>, mentionIds: readonly string[]): Promise<void> {
  const others = mentionIds.filter((id) => id !== viewer.id);
  if (others.length === 0) return;
  const { byThem } = await blocksRepository(ctx.em).between(viewer.id, others);
  await chatMentioned(ctx, { messageId: message.id, actorId: viewer.id, recipientIds: others.filter((id) => !byThem.has(id)) });
}

/** `MessageDto.mentions` for a page of messages, in one query (a tombstone mentions nobody). */
export const addMentions: MessageExtra = async (em: Em, messages) => {
  const rows = await mentionsRepository(em).of(messages.filter((m) => !m.deletedAt).map((m) => m.id));
  const byMessage = new Map<string, MessageDto['mentions']>();
  for (const row of rows) {
    const list = byMessage.get(row.message.id) ?? [];
    list.push(toUserSummary(row.user));
    byMessage.set(row.message.id, list);
  }
  for (const message of messages) message.mentions = byMessage.get(message.id) ?? [];
};
