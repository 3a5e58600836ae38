import { PROFILE_IMAGE_MAX_BYTES, type ProfileImageKind } from '@veza/validators';
import { matchesAccept } from './accept.ts';
import { httpFailure, type HttpFailure } from './http-error.ts';
import { sendMultipart, type MultipartHandle } from './multipart.ts';
import { refreshSession } from './session-refresh.ts';

/** What the picker offers; the server reads the bytes whatever the name says. */
export const PROFILE_IMAGE_ACCEPT = 'image/jpeg,image/png,image/webp,image/gif';
const urlOf = (kind: ProfileImageKind) => `/api/users/me/${kind}`;

/** The reason to refuse an image before sending it, if any. */
export function profileImageProblem(file: File): 'type' | 'size' | null {
  if (!matchesAccept(file, PROFILE_IMAGE_ACCEPT)) return 'type';
  if (file.size > PROFILE_IMAGE_MAX_BYTES) return 'size';
  return null;
}

/** `POST /api/users/me/avatar|banner` (multipart field `file`) with upload progress; answers `{ url }`. */
export function uploadProfileImage(kind: ProfileImageKind, file: File, onProgress: (fraction: number) => void): MultipartHandle<{ url: string }> {
  const form = new FormData();
  form.append('file', file, file.name);
  return sendMultipart<{ url: string }>({ url: urlOf(kind), form, onProgress });
}

/** `DELETE /api/users/me/avatar|banner`; a 401 refreshes the session once. */
export async function removeProfileImage(kind: ProfileImageKind): Promise<{ ok: true } | ({ ok: false } & HttpFailure)> {
  const send = () => fetch(urlOf(kind), { method: 'DELETE', credentials: 'include', headers: { accept: 'application/json' } });
  try {
    let response = await send();
    if (response.status === 401 && (await refreshSession())) response = await send();
    if (response.ok) return { ok: true };
    return { ok: false, ...httpFailure(response.status, await response.text()) };
  } catch {
    return { ok: false, reason: 'network' };
  }
}
