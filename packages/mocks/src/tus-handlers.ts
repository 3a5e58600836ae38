import { delay, http, HttpResponse } from 'msw';
import { newTrack, startUpload, titleFrom, trackFromUpload, viewer } from './db.ts';

/**
 * A small tus 1.0 server (creation + core) in memory, so `pnpm dev:mock` can upload: POST creates,
 * HEAD reports the offset, PATCH appends, and the last PATCH answers with `Veza-Track-Id`.
 * Names decide the failures, as in the multipart mock: "too-large" → 413, "damaged" → 422.
 */
const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
const AUDIO_NAME = /\.(mp3|wav|flac|ogg|opus|m4a|aac|aiff?)$/i;

interface MockUpload {
  length: number;
  offset: number;
  metadata: Record<string, string>;
  trackId: string | null;
}

const uploads = new Map<string, MockUpload>();
const TUS = { 'Tus-Resumable': '1.0.0' };

const apiError = (status: number, code: string, message: string) =>
  HttpResponse.json({ error: { code, message } }, { status, headers: TUS });

function parseMetadata(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (header ?? '').split(',')) {
    const [key, value] = pair.trim().split(' ');
    if (!key) continue;
    try {
      out[key] = value ? new TextDecoder().decode(Uint8Array.from(atob(value), (c) => c.charCodeAt(0))) : '';
    } catch {
      out[key] = '';
    }
  }
  return out;
}

export const tusHandlers = [
  http.options('*/api/uploads', () => new HttpResponse(null, { status: 204, headers: { ...TUS, 'Tus-Version': '1.0.0', 'Tus-Extension': 'creation,termination', 'Tus-Max-Size': String(MAX_UPLOAD_BYTES) } })),

  http.post('*/api/uploads', async ({ request }) => {
    await delay();
    const user = viewer();
    if (!user) return apiError(401, 'UNAUTHORIZED', 'Please sign in to continue.');
    const length = Number(request.headers.get('upload-length'));
    const metadata = parseMetadata(request.headers.get('upload-metadata'));
    const filename = metadata.filename ?? '';
    if (!Number.isFinite(length) || length <= 0) return apiError(400, 'BAD_REQUEST', 'Upload-Length is required.');
    if (length > MAX_UPLOAD_BYTES || /too-?large/i.test(filename)) return apiError(413, 'PAYLOAD_TOO_LARGE', 'This file is too large. The limit is 200 MB.');
    if (!AUDIO_NAME.test(filename)) {
      return apiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'This file is not a supported audio format. Upload MP3, WAV, FLAC, OGG/Opus, M4A/AAC or AIFF.');
    }
    const uid = crypto.randomUUID().replace(/-/g, '');
    uploads.set(uid, { length, offset: 0, metadata, trackId: null });
    startUpload(uid, user, metadata);
    return new HttpResponse(null, { status: 201, headers: { ...TUS, Location: `/api/uploads/${uid}` } });
  }),

  http.head('*/api/uploads/:uid', ({ params }) => {
    const upload = uploads.get(String(params.uid));
    if (!upload) return new HttpResponse(null, { status: 404, headers: TUS });
    return new HttpResponse(null, { status: 200, headers: { ...TUS, 'Upload-Offset': String(upload.offset), 'Upload-Length': String(upload.length), 'Cache-Control': 'no-store' } });
  }),

  http.patch('*/api/uploads/:uid', async ({ params, request }) => {
    const upload = uploads.get(String(params.uid));
    if (!upload) return apiError(404, 'NOT_FOUND', 'This upload has expired. Start it again.');
    const user = viewer();
    if (!user) return apiError(401, 'UNAUTHORIZED', 'Please sign in to continue.');
    if (Number(request.headers.get('upload-offset')) !== upload.offset) return apiError(409, 'CONFLICT', 'Upload offset mismatch.');
    const body = await request.arrayBuffer();
    // A little latency per chunk so the progress bar can be seen moving.
    await delay(Math.min(1500, 200 + body.byteLength / 20_000));
    upload.offset = Math.min(upload.length, upload.offset + body.byteLength);
    const headers: Record<string, string> = { ...TUS, 'Upload-Offset': String(upload.offset) };
    if (upload.offset < upload.length) return new HttpResponse(null, { status: 204, headers });
    const filename = upload.metadata.filename ?? 'upload';
    if (/damaged|corrupt/i.test(filename)) {
      uploads.delete(String(params.uid));
      return apiError(422, 'UNPROCESSABLE_CONTENT', 'This audio file is damaged or incomplete and could not be read.');
    }
    if (!upload.trackId) {
      const track = newTrack(user, { name: filename, type: upload.metadata.filetype ?? '', size: upload.length }, titleFrom(upload.metadata.title, filename));
      trackFromUpload(String(params.uid), track);
      upload.trackId = track.id;
    }
    return new HttpResponse(null, { status: 204, headers: { ...headers, 'Veza-Track-Id': upload.trackId, 'Access-Control-Expose-Headers': 'Veza-Track-Id, Upload-Offset, Location' } });
  }),

  http.delete('*/api/uploads/:uid', ({ params }) => {
    uploads.delete(String(params.uid));
    return new HttpResponse(null, { status: 204, headers: TUS });
  }),
];
