import { z } from 'zod';

/**
 * Usernames: what people type is normalised (NFKC, lower case, common Cyrillic/Greek look-alikes mapped to
 * Latin) before the charset rule, and every name has a confusable skeleton (UTS #39, for our a–z 0–9 . _ -
 * charset) so `adm1n`, `a.d.m.i.n` or `аdmin` (Cyrillic а) cannot pass for `admin`. Browser-safe: the sign-up
 * form gives the same answers as the server.
 */

/** Names nobody may take: staff-sounding names and every top-level route of the web app and the server. */
export const RESERVED_USERNAMES: readonly string[] = [
  // Staff, system and brand.
  'admin', 'administrator', 'root', 'sysadmin', 'superuser', 'support', 'help', 'helpdesk', 'staff', 'team', 'moderator', 'mod',
  'mods', 'official', 'security', 'system', 'veza', 'vezaofficial', 'vezateam', 'webmaster', 'postmaster', 'hostmaster',
  'abuse', 'noreply', 'no-reply', 'mailer-daemon', 'info', 'contact', 'billing', 'legal', 'privacy', 'terms', 'tos', 'press',
  'status', 'blog', 'news', 'jobs', 'careers', 'about', 'null', 'undefined', 'anonymous', 'guest', 'everyone', 'here',
  // Hosts and protocols.
  'www', 'mail', 'email', 'smtp', 'imap', 'ftp', 'ssh', 'cdn', 'static', 'assets', 'dev', 'staging', 'localhost',
  // Server routes.
  'api', 'trpc', 'media', 'hls', 'audio', 'cover', 'covers', 'uploads', 'healthz', 'readyz', 'metrics', 'oauth', 'auth', 'webhooks',
  // Web app routes.
  'login', 'logout', 'signin', 'signout', 'signup', 'register', 'upload', 'tracks', 'track', 'users', 'user', 'profile', 'u',
  'settings', 'account', 'sessions', 'connections', 'forgot-password', 'reset-password', 'verify-email', 'mailbox',
  'audit', 'home', 'search', 'explore', 'discover', 'library', 'notifications', 'messages', 'me', 'new', 'edit', 'tags', 'tag',
  'chat', 'reports', 'calls', 'call', 'rooms', 'room', 'dm', 'dms', 'follow-requests', 'followers', 'following', 'feed',
  'trending', 'playlists', 'playlist', 'embed', 'oembed', 'share', 'listen', 'unsubscribe', 'groups', 'group', 'push',
];

/** Cyrillic and Greek letters (both cases) that look like a Latin letter, mapped to it. Full-width forms are handled by NFKC. */
const LOOKALIKES: Record<string, string> = {
  // Cyrillic capitals
  А: 'a', В: 'b', Е: 'e', Ё: 'e', К: 'k', М: 'm', Н: 'h', О: 'o', Р: 'p', С: 'c', Т: 't', Х: 'x', У: 'y', Ѕ: 's', І: 'i', Ї: 'i',
  Ј: 'j', Ԛ: 'q', Ԝ: 'w', Һ: 'h', Ӏ: 'l', Ү: 'y',
  // Cyrillic small
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', х: 'x', у: 'y', ѕ: 's', і: 'i', ї: 'i',
  ј: 'j', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h', ӏ: 'l', ү: 'y', ɡ: 'g', ı: 'i',
  // Greek capitals
  Α: 'a', Β: 'b', Ε: 'e', Ζ: 'z', Η: 'h', Ι: 'i', Κ: 'k', Μ: 'm', Ν: 'n', Ο: 'o', Ρ: 'p', Τ: 't', Υ: 'y', Χ: 'x',
  // Greek small
  α: 'a', β: 'b', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', η: 'n', ϲ: 'c', ϳ: 'j',
};
const LOOKALIKE_RE = new RegExp(`[${Object.keys(LOOKALIKES).join('')}]`, 'gu');

/** NFKC (full-width and compatibility forms), look-alike letters to Latin, lower case. */
export function foldUsername(raw: string): string {
  return raw
    .trim()
    .normalize('NFKC')
    .replace(LOOKALIKE_RE, (ch) => LOOKALIKES[ch] ?? ch)
    .toLowerCase();
}

/**
 * The confusable skeleton of a folded name: separators dropped, and characters that read alike reduced
 * to one prototype (0/o, 1/l/i, m/rn, w/vv, d/cl), so two names with the same skeleton look alike.
 * Multi-letter prototypes expand (m → rn) rather than contract so the result does not depend on grouping.
 */
export function usernameSkeleton(folded: string): string {
  return folded
    .replace(/[._-]/g, '')
    .replace(/0/g, 'o')
    .replace(/[1i]/g, 'l')
    .replace(/m/g, 'rn')
    .replace(/w/g, 'vv')
    .replace(/d/g, 'cl');
}

const RESERVED = new Set(RESERVED_USERNAMES);
const RESERVED_BY_SKELETON = new Map(RESERVED_USERNAMES.map((name) => [usernameSkeleton(name), name]));

export const USERNAME_RULES = {
  min: 'Username must be at least 3 characters.',
  max: 'Username must be at most 30 characters.',
  charset: 'Use letters, digits, dots, dashes or underscores, starting with a letter or digit.',
  reserved: 'This username is reserved.',
  lookalike: 'This username looks too much like a reserved name.',
} as const;

export type UsernameVerdict =
  | { ok: true; username: string; skeleton: string }
  | { ok: false; reason: 'invalid' | 'reserved' | 'lookalike'; message: string };

/** Everything that can be said about a wanted username without the database. */
export function inspectUsername(raw: string): UsernameVerdict {
  const username = foldUsername(raw);
  if (username.length < 3) return { ok: false, reason: 'invalid', message: USERNAME_RULES.min };
  if (username.length > 30) return { ok: false, reason: 'invalid', message: USERNAME_RULES.max };
  if (!/^[a-z0-9][a-z0-9_.-]*$/.test(username)) return { ok: false, reason: 'invalid', message: USERNAME_RULES.charset };
  const skeleton = usernameSkeleton(username);
  if (RESERVED.has(username)) {
    // Typed with look-alike letters (Cyrillic а in аdmin): say so rather than "reserved".
    const typed = raw.trim().normalize('NFKC').toLowerCase();
    return typed === username ? { ok: false, reason: 'reserved', message: USERNAME_RULES.reserved } : { ok: false, reason: 'lookalike', message: USERNAME_RULES.lookalike };
  }
  if (RESERVED_BY_SKELETON.has(skeleton)) return { ok: false, reason: 'lookalike', message: USERNAME_RULES.lookalike };
  return { ok: true, username, skeleton };
}

const RULE_CODES: Record<string, string> = {
  [USERNAME_RULES.min]: 'too_small',
  [USERNAME_RULES.max]: 'too_big',
  [USERNAME_RULES.charset]: 'invalid_format',
  [USERNAME_RULES.reserved]: 'reserved',
  [USERNAME_RULES.lookalike]: 'lookalike',
};
const ruleOf = (message: string) => RULE_CODES[message] ?? 'custom';

/** A username someone wants to take (sign-up): normalised, and refused when invalid, reserved or a look-alike of a reserved name. */
export const newUsernameSchema = z
  .string()
  .max(200, USERNAME_RULES.max)
  .transform((raw, ctx) => {
    const verdict = inspectUsername(raw);
    if (!verdict.ok) {
      // `params.rule` names the rule like zod's own issue codes, so clients can translate the message.
      ctx.addIssue({ code: 'custom', message: verdict.message, params: { rule: ruleOf(verdict.message), minimum: 3, maximum: 30 } });
      return z.NEVER;
    }
    return verdict.username;
  });
