import type { Em } from '../orm.ts';
import { MessageAttachment } from './attachment.entity.ts';

export interface NewImageAttachment {
  id: string;
  uploaderId: string;
  storageKey: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
}

/** What a send attaches, in order: an upload of the sender's (claimed) or a track (a new row). */
export type AttachmentClaim = { kind: 'image'; id: string } | { kind: 'track'; trackId: string };

/** Unsent uploads this old are purged, and can no longer be sent. */
export const UNSENT_ATTACHMENT_TTL_MS = 24 * 3600 * 1000;

export const attachmentsRepository = (em: Em) => ({
  async createImage(data: NewImageAttachment): Promise<MessageAttachment> {
    const row = em.create(MessageAttachment, {
      id: data.id,
      message: null,
      uploader: data.uploaderId,
      kind: 'image',
      position: 0,
      storageKey: data.storageKey,
      mime: data.mime,
      width: data.width,
      height: data.height,
      bytes: data.bytes,
      track: null,
    });
    await em.flush();
    return row;
  },

  /** How many unsent, unexpired uploads `uploaderId` has waiting. */
  unsentCount: (uploaderId: string) =>
    em.count(MessageAttachment, { uploader: uploaderId, message: null, createdAt: { $gt: new Date(Date.now() - UNSENT_ATTACHMENT_TTL_MS) } }),

  /** Image uploads among `ids` (whoever uploaded them, sent or not). */
  imagesByIds: (ids: string[]) => em.find(MessageAttachment, { id: { $in: ids }, kind: 'image' }, { populate: ['uploader'], refresh: true }),

  /** One attachment with its message (if sent), for serving its file. */
  byId: (id: string) => em.findOne(MessageAttachment, { id }, { populate: ['message', 'uploader'], refresh: true }),

  /**
   * Inside the send's transaction: claims the sender's unsent, unexpired image uploads for the message and adds the
   * track cards, at their positions. Each claim is one conditional UPDATE (`message_id is null`), so two sends never
   * claim the same upload: the second one's UPDATE waits for the first, then matches nothing. Returns false when an
   * upload could not be claimed (the caller throws, rolling the whole send back).
   */
  async attach(tx: Em, messageId: string, uploaderId: string, items: AttachmentClaim[]): Promise<boolean> {
    const since = new Date(Date.now() - UNSENT_ATTACHMENT_TTL_MS);
    for (const [position, item] of items.entries()) {
      if (item.kind === 'image') {
        const claimed = await tx.nativeUpdate(
          MessageAttachment,
          { id: item.id, kind: 'image', uploader: uploaderId, message: null, createdAt: { $gt: since } },
          { message: messageId, position },
        );
        if (claimed !== 1) return false;
      } else {
        await tx.insert(MessageAttachment, {
          id: crypto.randomUUID(),
          message: messageId,
          uploader: uploaderId,
          kind: 'track',
          position,
          storageKey: null,
          mime: null,
          width: null,
          height: null,
          bytes: null,
          track: item.trackId,
          createdAt: new Date(),
        });
      }
    }
    if (items.length > 0) await tx.execute('update messages set has_attachments = true where id = ?', [messageId]);
    return true;
  },

  /** The attachments of these messages, each message's in order, with their tracks (and owners). */
  ofMessages: (messageIds: string[]) =>
    em.find(MessageAttachment, { message: { $in: messageIds } }, { populate: ['track', 'track.owner'], orderBy: { message: 'asc', position: 'asc' }, refresh: true }),

  /** Removes a message's attachments; returns the storage keys of their files, to delete once this is committed. */
  async removeOf(messageId: string): Promise<string[]> {
    const rows = await em.execute<{ storage_key: string | null }[]>('delete from message_attachments where message_id = ? returning storage_key', [messageId]);
    if (rows.length > 0) await em.execute('update messages set has_attachments = false where id = ?', [messageId]);
    return rows.flatMap((r) => (r.storage_key ? [r.storage_key] : []));
  },

  /**
   * Removes unsent uploads older than `before` and whatever deleted messages still hold (a delete interrupted between
   * its tombstone and its cleanup); returns the storage keys of their files, to delete once this is committed.
   * A send claiming an upload meanwhile wins or loses on the row lock: a claimed row no longer matches.
   */
  async purge(before: Date): Promise<string[]> {
    const rows = await em.execute<{ storage_key: string | null }[]>(
      `delete from message_attachments a
       where (a.message_id is null and a.created_at < ?)
          or exists (select 1 from messages m where m.id = a.message_id and m.deleted_at is not null)
       returning a.storage_key`,
      [before],
    );
    return rows.flatMap((r) => (r.storage_key ? [r.storage_key] : []));
  },
});
