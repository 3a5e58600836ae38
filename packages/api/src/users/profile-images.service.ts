// Avatars and banners (issue 11). An upload goes in like a chat image (chat/image-encoding.ts: checked by its bytes,
// at most 10 MB, decoded under the 50-megapixel limit against decompression bombs), then is re-encoded with sharp
// once per stored size: turned upright from its EXIF orientation, every metadata dropped (EXIF, GPS, ICC, XMP),
// cropped to cover — avatars as 64/256/512 squares, banners as 3:1 (1500×500 and 750×250) — as WebP.
//
// The sizes live under one key prefix per change (`users/<id>/avatar-<version>`, then `-<size>.webp`), so their URL
// (carrying the version) is cached for good. Every refusal leaves nothing in storage; the new files are stored
// before the prefix is swapped in one statement, and the previous ones deleted once the swap is committed.
//
// Served (GET /api/users/:id/avatar|banner, apps/server) to anyone, signed in or not, private profile or not:
// like the display name, a profile's picture and banner are part of what a stranger sees of it (a private profile
// hides its tracks and lists, not who it is). Private profiles' images stay out of shared caches.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { usersRepository } from '@veza/db';
import { AVATAR_SIZES, BANNER_ASPECT, BANNER_SIZES, PROFILE_IMAGE_MAX_BYTES, PROFILE_IMAGE_TOO_LARGE_MESSAGE, type ProfileImageKind } from '@veza/validators';
import sharp from 'sharp';
import { accountsChanged } from '../auth/invalidate.ts';
import type { Context, Viewer } from '../context.ts';
import { chatImageType, MAX_INPUT_PIXELS } from '../chat/image-encoding.ts';
import { DomainError, unauthorized } from '../errors.ts';
import { profileImageUrl, profileImageVersion } from './users.dto.ts';

type Ctx = Pick<Context, 'em' | 'deps'>;

/** The stored sizes of each kind: the width (avatars are squares; banners are 3:1). */
export const PROFILE_IMAGE_SIZES: Record<ProfileImageKind, readonly number[]> = { avatar: AVATAR_SIZES, banner: BANNER_SIZES };
/** The size served when none is asked for. */
export const DEFAULT_PROFILE_IMAGE_SIZE: Record<ProfileImageKind, number> = { avatar: 256, banner: 1500 };

const heightOf = (kind: ProfileImageKind, width: number) => (kind === 'avatar' ? width : Math.round(width / BANNER_ASPECT));
const sizeKey = (prefix: string, size: number) => `${prefix}-${size}.webp`;

/** Deletes every size stored under a key prefix (absent files are fine). */
async function deleteSizes(ctx: Ctx, kind: ProfileImageKind, prefix: string) {
  await Promise.all(PROFILE_IMAGE_SIZES[kind].map((size) => ctx.deps.storage.delete(sizeKey(prefix, size))));
}

/** Re-encodes the image at `path` into one WebP per size (`<path>.<size>.webp`), returned by size. */
async function encodeSizes(kind: ProfileImageKind, path: string): Promise<Map<number, string>> {
  const source = sharp(path, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).autoOrient();
  const outputs = new Map<number, string>();
  try {
    for (const width of PROFILE_IMAGE_SIZES[kind]) {
      const out = `${path}.${width}.webp`;
      outputs.set(width, out);
      // No withMetadata(): sharp writes none of the input's metadata.
      await source.clone().resize({ width, height: heightOf(kind, width), fit: 'cover', position: 'attention' }).webp({ quality: kind === 'avatar' ? 85 : 80 }).toFile(out);
    }
  } catch {
    await Promise.all([...outputs.values()].map((out) => rm(out, { force: true })));
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'This image is damaged or too large to read (at most 50 megapixels).');
  }
  return outputs;
}

/**
 * Stores `upload` (a temp file, the caller's to remove) as the viewer's avatar or banner, replacing the previous
 * one. Answers the new versioned URL.
 */
export async function setProfileImage(ctx: Ctx, viewer: Viewer, kind: ProfileImageKind, upload: { tempPath: string; sizeBytes: number }): Promise<{ url: string }> {
  if (upload.sizeBytes > PROFILE_IMAGE_MAX_BYTES) throw new DomainError('PAYLOAD_TOO_LARGE', PROFILE_IMAGE_TOO_LARGE_MESSAGE[kind]);
  await chatImageType(upload.tempPath);
  const outputs = await encodeSizes(kind, upload.tempPath);
  const prefix = `users/${viewer.id}/${kind}-${randomBytes(8).toString('hex')}`;
  try {
    try {
      for (const [size, out] of outputs) await ctx.deps.storage.putFile(sizeKey(prefix, size), out, { contentType: 'image/webp' });
    } catch (error) {
      await deleteSizes(ctx, kind, prefix);
      throw error;
    }
    let swapped;
    try {
      swapped = await usersRepository(ctx.em).swapImage(viewer.id, kind, prefix);
    } catch (error) {
      await deleteSizes(ctx, kind, prefix);
      throw error;
    }
    if (!swapped) {
      await deleteSizes(ctx, kind, prefix);
      throw unauthorized('Your account no longer exists.');
    }
    if (swapped.previous) await deleteSizes(ctx, kind, swapped.previous);
    if (kind === 'avatar') await accountsChanged(ctx.deps, [viewer.id]);
    return { url: profileImageUrl(viewer.id, kind, prefix) ?? '' };
  } finally {
    await Promise.all([...outputs.values()].map((out) => rm(out, { force: true })));
  }
}

/** Removes the viewer's avatar or banner (none: nothing changes); the profile then shows initials or a gradient. */
export async function removeProfileImage(ctx: Ctx, viewer: Viewer, kind: ProfileImageKind): Promise<{ url: null }> {
  const swapped = await usersRepository(ctx.em).swapImage(viewer.id, kind, null);
  if (!swapped) throw unauthorized('Your account no longer exists.');
  if (swapped.previous) {
    await deleteSizes(ctx, kind, swapped.previous);
    if (kind === 'avatar') await accountsChanged(ctx.deps, [viewer.id]);
  }
  return { url: null };
}

export interface ProfileImageSource {
  key: string;
  /** Public profile: may sit in shared caches. */
  public: boolean;
  /** The URL asked for the current version (`?v=`): its bytes never change, cache for good. */
  current: boolean;
}

/**
 * The stored file of a person's avatar or banner at `size` (null: the default size). Anyone may see it; NOT_FOUND
 * without one (or no such person), BAD_REQUEST for a size that is not stored.
 */
export async function profileImageSource(ctx: Ctx, userId: string, kind: ProfileImageKind, size: number | null, version: string | null): Promise<ProfileImageSource> {
  const width = size ?? DEFAULT_PROFILE_IMAGE_SIZE[kind];
  if (!PROFILE_IMAGE_SIZES[kind].includes(width)) {
    throw new DomainError('BAD_REQUEST', `Sizes are ${PROFILE_IMAGE_SIZES[kind].join(', ')}.`);
  }
  const image = await usersRepository(ctx.em).imageOf(userId, kind);
  if (!image?.key) throw new DomainError('NOT_FOUND', kind === 'avatar' ? 'This person has no profile picture.' : 'This person has no banner.');
  return { key: sizeKey(image.key, width), public: !image.isPrivate, current: version !== null && version === profileImageVersion(image.key) };
}
