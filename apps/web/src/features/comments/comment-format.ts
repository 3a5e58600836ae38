import type { UserSummaryDto } from '@veza/api';
import { formatClock } from '@veza/ui';
import type { TFunction } from 'i18next';
import { localeOf } from '../../i18n.ts';
import { errorInfo, errorMessage } from '../../lib/errors.ts';
import { reasonOf } from '../step-up/use-step-up.ts';

/** "1:02" for a moment of the track in milliseconds. */
export const momentOf = (atMs: number) => formatClock(atMs / 1000);

/** Milliseconds from "1:02", "62" or "1:02:03" (hours), or null when it is not a moment. */
export function parseMoment(text: string): number | null {
  const parts = text.trim().split(':');
  if (parts.length > 3 || parts.some((p) => !/^\d{1,3}$/.test(p))) return null;
  const numbers = parts.map(Number);
  // Minutes and seconds after the first part stay below 60.
  if (numbers.slice(1).some((n) => n >= 60)) return null;
  return numbers.reduce((total, n) => total * 60 + n, 0) * 1000;
}

export type BodySegment = { kind: 'text'; text: string } | { kind: 'mention'; text: string; user: UserSummaryDto };

// As the API's parseMentions (chat/mentions.ts): `@name` not after a letter, digit or another name character.
const MENTION = /(?<![\p{L}\p{N}_.@/-])@([\p{L}\p{N}][\p{L}\p{N}_.-]*)/gu;

/**
 * The body cut into text and mentions. Only the people the API resolved (`mentions`) become mentions; a name ending in
 * punctuation (`@ana.` at the end of a sentence) links `@ana` and leaves the dot as text.
 */
export function bodySegments(body: string, mentions: readonly UserSummaryDto[]): BodySegment[] {
  if (mentions.length === 0) return [{ kind: 'text', text: body }];
  const people = new Map(mentions.map((u) => [u.username.toLowerCase(), u]));
  const out: BodySegment[] = [];
  let at = 0;
  const text = (s: string) => {
    if (!s) return;
    const last = out.at(-1);
    if (last?.kind === 'text') last.text += s;
    else out.push({ kind: 'text', text: s });
  };
  for (const match of body.matchAll(MENTION)) {
    const raw = match[1] ?? '';
    const trimmed = raw.replace(/[._-]+$/, '');
    const name = people.has(raw.toLowerCase()) ? raw : people.has(trimmed.toLowerCase()) ? trimmed : null;
    if (!name) continue;
    text(body.slice(at, match.index));
    out.push({ kind: 'mention', text: `@${name}`, user: people.get(name.toLowerCase())! });
    at = match.index + 1 + name.length;
  }
  text(body.slice(at));
  return out;
}

/** "2 hours ago", "yesterday", "now", in the reader's language (the settings pages' formatter). */
export { relativeTime as timeAgo } from '../../pages/settings/settings-format.ts';

export const exactDate = (iso: string, language: string) => new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso));

/**
 * Why the API refused a comment action, in the reader's language: English shows the API's own words, French
 * translates by reason (comments off, a block, past the end, the body's length) or by error code.
 */
export function commentRefusal(error: unknown, t: TFunction, language: string | undefined): string {
  const { code, message, fieldErrors } = errorInfo(error);
  const reason = reasonOf(error);
  const bodyError = fieldErrors?.body?.[0];
  const key =
    reason === 'comments_off' ? 'commentsOff'
    : reason === 'blocked' ? 'blocked'
    : reason === 'past_end' ? 'pastEnd'
    : bodyError?.startsWith('Comments must be at most') ? 'tooLong'
    : bodyError?.startsWith('Write something') ? 'empty'
    : code === 'NOT_FOUND' ? 'gone'
    : null;
  if (!key) return errorMessage(error);
  const english = bodyError ?? message;
  // The API's "Comment not found." says less than ours.
  return language === 'en' && english && key !== 'gone' ? english : t(`comments.errors.${key}`);
}
