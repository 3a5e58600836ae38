import { COVER_ACCEPT, COVER_MAX_BYTES } from '@veza/validators';
import { matchesAccept } from './accept.ts';
import { httpFailure, type HttpFailure } from './http-error.ts';
import { sendMultipart, type MultipartHandle } from './multipart.ts';
import { refreshSession } from './session-refresh.ts';

/** Whose cover: a track's, a playlist's or a group's avatar (the same routes under `/api/tracks`, `/api/playlists`, `/api/groups`). */
export type CoverOwner = 'tracks' | 'playlists' | 'groups';

export const coverUrlOf = (id: string, owner: CoverOwner = 'tracks') => `/api/${owner}/${encodeURIComponent(id)}/cover`;

/** The reason to refuse an image before sending it, if any. */
export function coverProblem(file: File): 'type' | 'size' | null {
  if (!matchesAccept(file, COVER_ACCEPT)) return 'type';
  if (file.size > COVER_MAX_BYTES) return 'size';
  return null;
}

/** `POST /api/tracks|playlists/:id/cover` (multipart field `file`) with upload progress; answers `{ coverUrl }`. */
export function uploadCover(trackId: string, file: File, onProgress: (fraction: number) => void, owner: CoverOwner = 'tracks'): MultipartHandle<{ coverUrl: string }> {
  const form = new FormData();
  form.append('file', file, file.name);
  return sendMultipart<{ coverUrl: string }>({ url: coverUrlOf(trackId, owner), form, onProgress });
}

/** `DELETE /api/tracks|playlists/:id/cover` (204); a 401 refreshes the session once. */
export async function removeCover(trackId: string, owner: CoverOwner = 'tracks'): Promise<{ ok: true } | ({ ok: false } & HttpFailure)> {
  const send = () => fetch(coverUrlOf(trackId, owner), { method: 'DELETE', credentials: 'include', headers: { accept: 'application/json' } });
  try {
    let response = await send();
    if (response.status === 401 && (await refreshSession())) response = await send();
    if (response.ok) return { ok: true };
    return { ok: false, ...httpFailure(response.status, await response.text()) };
  } catch {
    return { ok: false, reason: 'network' };
  }
}
