import { defineEntity, p } from '@mikro-orm/core';
import { Track } from '../entities/track.entity.ts';
import { User } from '../entities/user.entity.ts';
import { Message } from './message.entity.ts';

export const ATTACHMENT_KINDS = ['image', 'track'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/**
 * Something shown with a chat message: an uploaded image (its re-encoded file in storage) or a shared track. An image
 * is uploaded first (`message` null: unsent, only its uploader sees it) and claimed by the send that carries it;
 * unsent uploads older than a day are purged, files and rows. A track card is made by the send itself.
 * `position` orders a message's attachments.
 */
const MessageAttachmentSchema = defineEntity({
  name: 'MessageAttachment',
  tableName: 'message_attachments',
  properties: {
    id: p.uuid().primary(),
    /** Null until sent; back to null when the message goes with its room (then purged like an unsent upload). */
    message: () => p.manyToOne(Message).nullable().deleteRule('set null').index(),
    /** Null once the uploader's account is gone (their sent images stay with their messages). */
    uploader: () => p.manyToOne(User).nullable().deleteRule('set null').index(),
    kind: p.enum([...ATTACHMENT_KINDS]),
    position: p.integer().default(0),
    /** Images: the re-encoded file in storage, its type, size in pixels and bytes. */
    storageKey: p.string().length(300).nullable().hidden(),
    mime: p.string().length(32).nullable(),
    width: p.integer().nullable(),
    height: p.integer().nullable(),
    bytes: p.integer().nullable(),
    /** Tracks: the shared track (null once it is deleted: the card says unavailable). */
    track: () => p.manyToOne(Track).nullable().deleteRule('set null').index(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class MessageAttachment extends MessageAttachmentSchema.class {}
MessageAttachmentSchema.setClass(MessageAttachment);
export { MessageAttachmentSchema };
