import { delay, http, HttpResponse } from 'msw';
import { toneWav } from './audio.ts';
import { findVisibleTrack, newTrack, titleFrom, viewer } from './db.ts';
import { tusHandlers } from './tus-handlers.ts';

const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
const apiError = (status: number, code: string, message: string) => HttpResponse.json({ error: { code, message } }, { status });

/** Cached per track: generating a few minutes of audio takes a moment. */
const audioCache = new Map<string, Uint8Array<ArrayBuffer>>();

const COVER_MAX_BYTES = 5 * 1024 * 1024;
const COVER_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Plain HTTP routes: uploads (multipart and tus), covers and the Range-capable audio stream. */
export const httpHandlers = [
  ...tusHandlers,

  http.post('*/api/tracks/:id/cover', async ({ params, request }) => {
    await delay();
    const user = viewer();
    if (!user) return apiError(401, 'UNAUTHORIZED', 'Please sign in to continue.');
    const track = findVisibleTrack(String(params.id));
    if (!track) return apiError(404, 'NOT_FOUND', 'Track not found.');
    if (track.owner.id !== user.id) return apiError(403, 'FORBIDDEN', 'Only the owner can change this track.');
    const file = (await request.formData()).get('file');
    if (!(file instanceof File)) return apiError(400, 'BAD_REQUEST', 'Choose an image to upload.');
    if (file.size > COVER_MAX_BYTES) return apiError(413, 'PAYLOAD_TOO_LARGE', 'This image is too large. The limit is 5 MB.');
    if (!COVER_TYPES.includes(file.type)) return apiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Covers must be JPEG, PNG or WebP images.');
    track.coverUrl = `data:${file.type};base64,${bytesToBase64(new Uint8Array(await file.arrayBuffer()))}`;
    track.updatedAt = new Date().toISOString();
    return HttpResponse.json({ coverUrl: track.coverUrl });
  }),

  http.delete('*/api/tracks/:id/cover', async ({ params }) => {
    await delay();
    const user = viewer();
    if (!user) return apiError(401, 'UNAUTHORIZED', 'Please sign in to continue.');
    const track = findVisibleTrack(String(params.id));
    if (!track) return apiError(404, 'NOT_FOUND', 'Track not found.');
    if (track.owner.id !== user.id) return apiError(403, 'FORBIDDEN', 'Only the owner can change this track.');
    track.coverUrl = null;
    track.updatedAt = new Date().toISOString();
    return new HttpResponse(null, { status: 204 });
  }),

  http.post('*/api/tracks', async ({ request }) => {
    await delay();
    const user = viewer();
    if (!user) return apiError(401, 'UNAUTHORIZED', 'Please sign in to continue.');
    const form = await request.formData();
    const file = form.get('file');
    if (!(file instanceof File)) return apiError(400, 'BAD_REQUEST', 'Choose an audio file to upload.');
    if (file.size > MAX_UPLOAD_BYTES || /too-?large/i.test(file.name)) {
      return apiError(413, 'PAYLOAD_TOO_LARGE', 'This file is too large. The limit is 200 MB.');
    }
    if (!file.type.startsWith('audio/') && !/\.(mp3|wav|flac|ogg|opus|m4a|aac|aiff?)$/i.test(file.name)) {
      return apiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'This file is not a supported audio format. Upload MP3, WAV, FLAC, OGG/Opus, M4A/AAC or AIFF.');
    }
    if (/damaged|corrupt/i.test(file.name)) {
      return apiError(422, 'UNPROCESSABLE_CONTENT', 'This audio file is damaged or incomplete and could not be read.');
    }
    const title = titleFrom(String(form.get('title') ?? ''), file.name);
    const { id } = newTrack(user, file, title);
    return HttpResponse.json({ id }, { status: 201 });
  }),

  http.get('*/api/tracks/:id/audio', ({ params, request }) => {
    const id = String(params.id);
    const track = findVisibleTrack(id);
    if (!track) return apiError(404, 'NOT_FOUND', 'Track not found.');
    let body = audioCache.get(id);
    if (!body) {
      body = toneWav((track.durationMs ?? 30_000) / 1000, track.title.length);
      audioCache.set(id, body);
    }
    const headers = { 'content-type': 'audio/wav', 'accept-ranges': 'bytes' };
    const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.get('range') ?? '');
    if (!range) return new HttpResponse(body, { headers: { ...headers, 'content-length': String(body.length) } });
    const start = range[1] ? Number(range[1]) : 0;
    const end = Math.min(range[2] ? Number(range[2]) : body.length - 1, body.length - 1);
    if (start > end) return new HttpResponse(null, { status: 416, headers: { 'content-range': `bytes */${body.length}` } });
    return new HttpResponse(body.slice(start, end + 1), {
      status: 206,
      headers: { ...headers, 'content-range': `bytes ${start}-${end}/${body.length}`, 'content-length': String(end - start + 1) },
    });
  }),
];
