// Profiles (issue 11) in the mock back end: avatar and banner uploads (POST/DELETE /api/users/me/avatar|banner, with
// the server's refusals), the images themselves (GET /api/users/:id/avatar|banner, any size), and the pinned-track
// rule of users.updateProfile. `profileMock` lets stories and tests hold an upload, fail one, or give someone a picture.
import { PROFILE_IMAGE_MAX_BYTES, PROFILE_IMAGE_TOO_LARGE_MESSAGE, type ProfileImageKind } from '@veza/validators';
import { delay, http, HttpResponse } from 'msw';
import { db, viewer } from './db.ts';
import type { MockUser } from './fixtures.ts';
import { MockTrpcError } from './trpc-msw.ts';

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];
const apiError = (status: number, code: string, message: string) => HttpResponse.json({ error: { code, message } }, { status });

interface Stored {
  type: string;
  bytes: ArrayBuffer;
}
/** By `${userId}:${kind}`. */
const images = new Map<string, Stored>();
const controls: { failNext: { status: number; message: string } | null; hold: Promise<void> | null } = { failNext: null, hold: null };

const key = (userId: string, kind: ProfileImageKind) => `${userId}:${kind}`;
const version = () => Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
const urlOf = (userId: string, kind: ProfileImageKind) => `/api/users/${userId}/${kind}?v=${version()}`;

function setUrl(user: MockUser, kind: ProfileImageKind, url: string | null) {
  if (kind === 'avatar') user.avatarUrl = url;
  else user.bannerUrl = url;
}

/** A drawn picture (SVG): a face for avatars, a skyline for banners, in the person's colour. */
function drawing(kind: ProfileImageKind, hue: number): Stored {
  const svg =
    kind === 'avatar'
      ? `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="hsl(${hue} 45% 35%)"/><circle cx="32" cy="26" r="12" fill="#f3c98b"/><rect x="12" y="42" width="40" height="24" rx="12" fill="#f3c98b"/></svg>`
      : `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1500 500"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue} 60% 45%)"/><stop offset="1" stop-color="hsl(${(hue + 60) % 360} 60% 25%)"/></linearGradient></defs><rect width="1500" height="500" fill="url(#g)"/><path d="M0 420 L200 300 L380 380 L620 220 L860 360 L1100 260 L1300 340 L1500 280 L1500 500 L0 500 Z" fill="rgb(0 0 0 / 0.35)"/></svg>`;
  return { type: 'image/svg+xml', bytes: new TextEncoder().encode(svg).buffer as ArrayBuffer };
}

/** Throws as the API does when `trackId` is not one of `user`'s ready tracks. */
export function checkPinnable(user: MockUser, trackId: string) {
  const track = db.tracks.find((t) => t.id === trackId);
  if (!track || track.owner.id !== user.id) throw new MockTrpcError('BAD_REQUEST', 'You can only pin one of your own tracks.', { pinnedTrackId: ['Choose one of your tracks.'] });
  if (track.status !== 'ready') throw new MockTrpcError('BAD_REQUEST', 'This track is still processing: pin it once it plays.', { pinnedTrackId: ['This track is not ready yet.'] });
}

export const profileMock = {
  /** Gives `username` a drawn avatar or banner, as if uploaded. */
  setImage(username: string, kind: ProfileImageKind, hue = 200) {
    const user = db.users.find((u) => u.username === username);
    if (!user) throw new Error(`no mock user ${username}`);
    images.set(key(user.id, kind), drawing(kind, hue));
    setUrl(user, kind, urlOf(user.id, kind));
  },
  /** The next upload is refused with this status and message (after its bytes are "sent"). */
  failNextUpload(status: number, message: string) {
    controls.failNext = { status, message };
  },
  /** Uploads wait until the promise settles (a story showing the progress). */
  holdUploads(until: Promise<void> | null) {
    controls.hold = until;
  },
  reset() {
    images.clear();
    controls.failNext = null;
    controls.hold = null;
  },
};

export const profileHandlers = (['avatar', 'banner'] as const).flatMap((kind) => [
  http.post(`*/api/users/me/${kind}`, async ({ request }) => {
    // Held as things stood when it was sent: a story's held upload still in flight when the next story resets the
    // controls must not go on and take that story's failNextUpload.
    const hold = controls.hold;
    await delay();
    const user = viewer();
    if (!user) return apiError(401, 'UNAUTHORIZED', kind === 'avatar' ? 'Please sign in to change your profile picture.' : 'Please sign in to change your banner.');
    const announced = Number(request.headers.get('content-length'));
    if (Number.isFinite(announced) && announced > PROFILE_IMAGE_MAX_BYTES + 16 * 1024) return apiError(413, 'PAYLOAD_TOO_LARGE', PROFILE_IMAGE_TOO_LARGE_MESSAGE[kind]);
    const file = (await request.formData()).get('file');
    if (!(file instanceof File)) return apiError(400, 'BAD_REQUEST', 'Send the image as multipart/form-data with a "file" field.');
    if (hold) await hold;
    const failure = controls.failNext;
    controls.failNext = null;
    if (failure) return apiError(failure.status, failure.status === 413 ? 'PAYLOAD_TOO_LARGE' : failure.status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'INTERNAL_SERVER_ERROR', failure.message);
    if (file.size > PROFILE_IMAGE_MAX_BYTES) return apiError(413, 'PAYLOAD_TOO_LARGE', PROFILE_IMAGE_TOO_LARGE_MESSAGE[kind]);
    if (!IMAGE_TYPES.includes(file.type)) return apiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Images must be JPEG, PNG, WebP or GIF files.');
    images.set(key(user.id, kind), { type: file.type, bytes: await file.arrayBuffer() });
    const url = urlOf(user.id, kind);
    setUrl(user, kind, url);
    return HttpResponse.json({ url });
  }),

  http.delete(`*/api/users/me/${kind}`, async () => {
    await delay();
    const user = viewer();
    if (!user) return apiError(401, 'UNAUTHORIZED', 'Please sign in to continue.');
    images.delete(key(user.id, kind));
    setUrl(user, kind, null);
    return HttpResponse.json({ url: null });
  }),

  http.get(`*/api/users/:id/${kind}`, ({ params }) => {
    const stored = images.get(key(String(params.id), kind));
    if (!stored) return apiError(404, 'NOT_FOUND', 'Image not found.');
    return new HttpResponse(stored.bytes, { headers: { 'content-type': stored.type, 'cache-control': 'no-cache' } });
  }),
]);
