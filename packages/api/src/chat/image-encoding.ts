// The one way chat takes an image in (issue 10): message attachments (attachments.service.ts) and room icons
// (room-icons.service.ts). The file is checked by its bytes (JPEG, PNG, WebP, GIF, whatever its name or announced
// type), then re-encoded with sharp, which drops EXIF and every other metadata after applying the EXIF orientation;
// a file sharp cannot decode, or one that decodes to more than MAX_INPUT_PIXELS, is refused.
import { stat } from 'node:fs/promises';
import { CHAT_IMAGE_TYPES } from '@veza/validators';
import { fileTypeFromFile } from 'file-type';
import sharp from 'sharp';
import { DomainError } from '../errors.ts';

export type ChatImageType = (typeof CHAT_IMAGE_TYPES)[number];

export const CHAT_IMAGE_EXTENSIONS: Record<ChatImageType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif' };
export const CHAT_IMAGE_TYPES_MESSAGE = 'Images must be JPEG, PNG, WebP or GIF files.';
/** Decoded size refused beyond this (a small file can decode to a huge bitmap). */
export const MAX_INPUT_PIXELS = 50_000_000;

/** The image type of a file, read from its bytes; UNSUPPORTED_MEDIA_TYPE for anything else. */
export async function chatImageType(path: string): Promise<ChatImageType> {
  const type = await fileTypeFromFile(path);
  const mime = CHAT_IMAGE_TYPES.find((t) => t === type?.mime);
  if (!mime) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', CHAT_IMAGE_TYPES_MESSAGE);
  return mime;
}

/**
 * How to re-encode: `inside` keeps the type (animations stay animated) and scales down to at most `maxSide` a side;
 * `square` crops the centre to a `side`-pixel square WebP (first frame of an animation).
 */
export type ImageShape = { kind: 'inside'; maxSide: number } | { kind: 'square'; side: number };

export interface EncodedImage {
  mime: ChatImageType;
  width: number;
  /** An animation's frame height. */
  height: number;
  bytes: number;
}

/** Re-encodes the image at `path` (type `mime`, from chatImageType) into `outPath`. */
export async function encodeChatImage(path: string, mime: ChatImageType, outPath: string, shape: ImageShape): Promise<EncodedImage> {
  const animated = shape.kind === 'inside' && (mime === 'image/gif' || mime === 'image/webp');
  let image = sharp(path, { animated, limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).autoOrient();
  let outMime = mime;
  if (shape.kind === 'square') {
    image = image.resize({ width: shape.side, height: shape.side, fit: 'cover', position: 'centre' }).webp({ quality: 85 });
    outMime = 'image/webp';
  } else {
    image = image.resize({ width: shape.maxSide, height: shape.maxSide, fit: 'inside', withoutEnlargement: true });
    if (mime === 'image/jpeg') image = image.jpeg({ quality: 85, mozjpeg: true });
    else if (mime === 'image/png') image = image.png({ compressionLevel: 9 });
    else if (mime === 'image/webp') image = image.webp({ quality: 85 });
    else image = image.gif();
  }
  try {
    await image.toFile(outPath);
  } catch {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'This image is damaged or too large to read (at most 50 megapixels).');
  }
  // The first frame's size for an animation (its height in the output is every frame's).
  const meta = await sharp(outPath).metadata();
  return { mime: outMime, width: meta.width, height: meta.pageHeight ?? meta.height, bytes: (await stat(outPath)).size };
}
