import { z } from 'zod';

/** Largest chat image upload, in bytes (checked while reading: the rest of a larger body is not kept). */
export const CHAT_IMAGE_MAX_BYTES = 10 * 1024 * 1024;
/** Most attachments one message carries. */
export const MESSAGE_ATTACHMENTS_MAX = 4;
/** Image types a chat upload may be (checked by content, never by name). GIF and WebP stay animated. */
export const CHAT_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;

const attachmentIdSchema = z.uuid('Unknown image upload: upload the image again.');
const trackIdSchema = z.uuid('Unknown track.');

export const messageAttachmentSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('image'), attachmentId: attachmentIdSchema }),
    z.object({ kind: z.literal('track'), trackId: trackIdSchema }),
  ],
  'An attachment is an uploaded image or a track.',
);
export type MessageAttachmentInput = z.infer<typeof messageAttachmentSchema>;

/** A message's attachments, in the order shown: at most four, each image or track once. */
export const messageAttachmentsSchema = z
  .array(messageAttachmentSchema, 'Attachments must be a list.')
  .max(MESSAGE_ATTACHMENTS_MAX, `A message can carry at most ${MESSAGE_ATTACHMENTS_MAX} attachments.`)
  .refine((items) => new Set(items.map((a) => (a.kind === 'image' ? `i:${a.attachmentId}` : `t:${a.trackId}`))).size === items.length, {
    message: 'Each image or track can be attached once per message.',
  });
