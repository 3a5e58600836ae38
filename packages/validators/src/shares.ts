import { z } from 'zod';
import { text } from './text.ts';
import { trackIdSchema } from './tracks.ts';

/** How long a private share link's label may be (the track_shares column). */
export const SHARE_LABEL_MAX_LENGTH = 80;
/** Live (not revoked, not expired) private links one track may have at once. */
export const SHARE_LINKS_PER_TRACK_MAX = 50;
/** The furthest a private link's expiry may be set: a year. */
export const SHARE_EXPIRY_MAX_DAYS = 366;

/** A share token as the server writes it: 32 random bytes in base64url (43 characters). */
export const SHARE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
export const shareTokenSchema = z
  .string('This share link is not valid.')
  .regex(SHARE_TOKEN_PATTERN, 'This share link is not valid. Check that it was copied whole.');

export const shareIdSchema = z.uuid('Unknown share link.');

export const shareLabelSchema = text('Label')
  .max(SHARE_LABEL_MAX_LENGTH, `Labels must be at most ${SHARE_LABEL_MAX_LENGTH} characters.`);

/** When the link stops working: an ISO date-time in the future, at most a year ahead (checked again by the server). */
export const shareExpirySchema = z.iso
  .datetime({ offset: true, message: 'Give the expiry as a date and time.' })
  .refine((value) => Date.parse(value) > Date.now(), { message: 'The expiry must be in the future.' })
  .refine((value) => Date.parse(value) <= Date.now() + SHARE_EXPIRY_MAX_DAYS * 86_400_000, { message: 'Links can last at most a year.' });

export const createShareInput = z.object({
  trackId: trackIdSchema,
  /** Who the link is for ("Label A&R"); blank means none. */
  label: shareLabelSchema.optional(),
  expiresAt: shareExpirySchema.nullish(),
});
export type CreateShareInput = z.input<typeof createShareInput>;

export const listSharesInput = z.object({ trackId: trackIdSchema });
export const revokeShareInput = z.object({ id: shareIdSchema });
export const sharedTrackInput = z.object({ token: shareTokenSchema });

/** Expiry choices the web offers (days; null: never). */
export const SHARE_EXPIRY_CHOICES = [null, 1, 7, 30] as const;

/** Embed player sizes (the iframe's height follows from the layout). */
export const EMBED_SIZES = { compact: { width: 480, height: 120 }, standard: { width: 560, height: 180 } } as const;
export type EmbedSize = keyof typeof EMBED_SIZES;

/** The embed page's question: a track, with the token of a private link when the track is private. */
export const embedTrackInput = z.object({ trackId: trackIdSchema, share: shareTokenSchema.optional() });
