import { fileTypeFromBuffer } from 'file-type';
import { parseFile } from 'music-metadata';

export interface CoverArt {
  data: Buffer;
  mimeType: 'image/jpeg' | 'image/png' | 'image/webp';
}

export const MAX_COVER_BYTES = 5 * 1024 * 1024;
const ALLOWED = new Set<string>(['image/jpeg', 'image/png', 'image/webp']);

/**
 * The first embedded picture when it is a JPEG, PNG or WebP of at most 5 MB, else null. The type comes from the
 * picture's own bytes, not from the tag's declared format. Unreadable files give null: cover art is optional.
 */
export async function extractCoverArt(path: string): Promise<CoverArt | null> {
  let picture;
  try {
    picture = (await parseFile(path, { duration: false })).common.picture?.[0];
  } catch {
    return null;
  }
  if (!picture || picture.data.length === 0 || picture.data.length > MAX_COVER_BYTES) return null;
  const detected = await fileTypeFromBuffer(picture.data);
  if (!detected || !ALLOWED.has(detected.mime)) return null;
  return { data: Buffer.from(picture.data), mimeType: detected.mime as CoverArt['mimeType'] };
}
