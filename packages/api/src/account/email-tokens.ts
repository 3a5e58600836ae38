import { createHash, randomBytes } from 'node:crypto';
import { emailTokensRepository, type EmailToken, type EmailTokenPurpose, type Em } from '@veza/db';
import { DomainError } from '../errors.ts';

/** How long each kind of emailed link works. */
export const EMAIL_TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = {
  verify_email: 48 * 3600_000,
  change_email: 24 * 3600_000,
  reset_password: 3600_000,
};

export const hashEmailToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Issues a link token: 32 random bytes (base64url) in the mail, only its SHA-256 stored. Older unused
 * tokens of the same purpose stop working.
 */
export async function issueEmailToken(em: Em, data: { userId: string; purpose: EmailTokenPurpose; email: string; now?: Date }): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = data.now ?? new Date();
  await emailTokensRepository(em).issue({
    userId: data.userId,
    purpose: data.purpose,
    email: data.email,
    tokenHash: hashEmailToken(token),
    createdAt: now,
    expiresAt: new Date(now.getTime() + EMAIL_TOKEN_TTL_MS[data.purpose]),
  });
  return token;
}

export const LINK_ERRORS = {
  invalid: 'This link is not valid. Please use the latest link we sent you, or ask for a new one.',
  used: 'This link was already used. Ask for a new one if you still need it.',
  expired: 'This link has expired. Please ask for a new one.',
} as const;

/**
 * Finds a still-usable token of one of `purposes` (without consuming it): unknown, tampered or other-purpose
 * tokens, used ones and expired ones each get their own plain message.
 */
export async function findUsableToken(em: Em, token: string, purposes: EmailTokenPurpose[], now: Date): Promise<EmailToken> {
  const row = await emailTokensRepository(em).byHash(hashEmailToken(token));
  if (!row || !purposes.includes(row.purpose)) throw new DomainError('BAD_REQUEST', LINK_ERRORS.invalid, undefined, 'link_invalid');
  if (row.usedAt) throw new DomainError('BAD_REQUEST', LINK_ERRORS.used, undefined, 'link_used');
  if (row.expiresAt.getTime() <= now.getTime()) throw new DomainError('BAD_REQUEST', LINK_ERRORS.expired, undefined, 'link_expired');
  return row;
}

/** Consumes a token found by findUsableToken; exactly one concurrent caller wins, the others get "already used". */
export async function consumeToken(em: Em, row: EmailToken, now: Date): Promise<void> {
  if (!(await emailTokensRepository(em).consume(row.id, now))) throw new DomainError('BAD_REQUEST', LINK_ERRORS.used, undefined, 'link_used');
}
