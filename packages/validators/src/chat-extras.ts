// Chat reactions, mentions and moderators' edit history (issue 10). Browser-safe: the emoji picker and the server
// give the same answers.
import { z } from 'zod';
import { messageIdSchema, pageLimitSchema, pageOffsetSchema } from './chat.ts';

/** Most distinct emojis on one message (the 21st new one is refused). */
export const REACTIONS_PER_MESSAGE_MAX = 20;
/** Longest emoji, in UTF-8 bytes (a family or a flag with skin tones fits easily). */
export const EMOJI_MAX_BYTES = 32;
/** Most people one `chat.reactions.list` call returns. */
export const REACTORS_PAGE_MAX = 100;

const EMOJI_MESSAGE = 'A reaction is a single emoji.';

// One emoji: a pictograph with an optional skin tone, presentation selector or tag sequence (subdivision flags),
// joined to more by ZWJ (families, professions); or a flag (two regional indicators); or a keycap (1️⃣, #️⃣).
// Extended_Pictographic also covers code points reserved for future emoji, so a newer phone's emoji is accepted.
const PICTOGRAPH = String.raw`\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F)?(?:[\u{E0020}-\u{E007E}]+\u{E007F})?`;
const EMOJI_RE = new RegExp(String.raw`^(?:\p{Regional_Indicator}{2}|[#*0-9]\uFE0F?\u20E3|${PICTOGRAPH}(?:\u200D${PICTOGRAPH})*)$`, 'u');

const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('en', { granularity: 'grapheme' }) : null;
const graphemes = (value: string) => (segmenter ? [...segmenter.segment(value)].length : 1);
const utf8Bytes = (value: string) => new TextEncoder().encode(value).length;

/** True for exactly one emoji (one grapheme, at most EMOJI_MAX_BYTES bytes). */
export function isSingleEmoji(value: string): boolean {
  return value.length > 0 && utf8Bytes(value) <= EMOJI_MAX_BYTES && EMOJI_RE.test(value) && graphemes(value) === 1;
}

export const emojiSchema = z
  .string('A reaction is a single emoji.')
  .max(EMOJI_MAX_BYTES, EMOJI_MESSAGE)
  .refine(isSingleEmoji, { message: EMOJI_MESSAGE, abort: true });

/** Adds or removes the viewer's reaction (both idempotent). */
export const reactionInput = z.object({ messageId: messageIdSchema, emoji: emojiSchema });
export type ReactionInput = z.infer<typeof reactionInput>;

/** Who reacted to a message with one emoji, first reactions first, paged. */
export const listReactorsInput = z.object({
  messageId: messageIdSchema,
  emoji: emojiSchema,
  offset: pageOffsetSchema,
  limit: pageLimitSchema(REACTORS_PAGE_MAX, 50),
});
export type ListReactorsInput = z.infer<typeof listReactorsInput>;

/** A message's earlier versions (room owner and moderators, global admins). */
export const messageHistoryInput = z.object({ messageId: messageIdSchema });
