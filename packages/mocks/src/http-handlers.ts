import { delay, http, HttpResponse } from 'msw';
import { toneWav } from './audio.ts';
import { db, findVisibleTrack, viewer } from './db.ts';

const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
const apiError = (status: number, code: string, message: string) => HttpResponse.json({ error: { code, message } }, { status });

/** Cached per track: generating a few minutes of audio takes a moment. */
const audioCache = new Map<string, Uint8Array<ArrayBuffer>>();

/** Plain HTTP routes: the multipart upload and the Range-capable audio stream. */
export const httpHandlers = [
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
    const id = crypto.randomUUID();
    const title = String(form.get('title') ?? '').trim() || file.name.replace(/\.[^.]+$/, '').replace(/_+/g, ' ') || 'Untitled';
    const now = new Date().toISOString();
    db.tracks.push({
      id,
      title: title.slice(0, 200),
      description: null,
      visibility: 'public',
      format: file.name.split('.').pop()?.toLowerCase() ?? 'mp3',
      mimeType: file.type || 'audio/mpeg',
      sizeBytes: file.size,
      durationMs: 30_000,
      sampleRate: 44_100,
      channels: 2,
      artistTag: null,
      likeCount: 0,
      likedByMe: false,
      owner: { id: user.id, username: user.username, displayName: user.displayName },
      audioUrl: `/api/tracks/${id}/audio`,
      createdAt: now,
      updatedAt: now,
    });
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
