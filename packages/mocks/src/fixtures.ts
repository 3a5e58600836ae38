import type { MeDto, TrackDto } from '@veza/api';

/** A mock account: the profile fields plus the password the mock login accepts. */
export interface MockUser extends MeDto {
  password: string;
  /** Profile fields (issue 11) beyond the account's: absent reads as none. */
  location?: string | null;
  links?: string[];
  pinnedTrackId?: string | null;
  bannerUrl?: string | null;
}

const day = (n: number) => new Date(Date.UTC(2026, 9, 1 + n, 18, 30)).toISOString();

export const users: MockUser[] = [
  {
    id: '0a6b2f0e-5d1c-4c43-9a52-1f0c6a3e9b01',
    username: 'ana',
    displayName: 'Ana Lima',
    email: 'ana@example.com',
    bio: 'Lo-fi beats from Lisbon. Night drives, rainy windows, warm tape hiss.',
    location: 'Lisbon, Portugal',
    links: ['https://analima.bandcamp.com', 'https://soundcloud.com/analima', 'https://analima.pt'],
    pinnedTrackId: '7e1d0c3b-0000-4a00-8000-000000000001',
    isPrivate: false,
    role: 'user',
    emailVerified: true,
    hasPassword: true,
    twoFactorEnabled: false,
    deletionRequestedAt: null,
    deletionPurgeAt: null,
    avatarUrl: null,
    createdAt: day(-200),
    password: 'password123',
  },
  {
    id: '1b7c3a1f-6e2d-4d54-8b63-2a1d7b4f0c02',
    username: 'marc.dubois',
    displayName: 'Marc Dubois',
    email: 'marc@example.com',
    bio: 'Synthés analogiques et field recordings, depuis Lyon.',
    isPrivate: false,
    role: 'user',
    emailVerified: true,
    hasPassword: true,
    twoFactorEnabled: false,
    deletionRequestedAt: null,
    deletionPurgeAt: null,
    avatarUrl: null,
    createdAt: day(-150),
    password: 'password123',
  },
  {
    id: '2c8d4b2a-7f3e-4e65-9c74-3b2e8c5a1d03',
    username: 'lea_m',
    displayName: null,
    email: 'lea@example.com',
    bio: null,
    isPrivate: false,
    role: 'user',
    emailVerified: true,
    hasPassword: true,
    twoFactorEnabled: false,
    deletionRequestedAt: null,
    deletionPurgeAt: null,
    avatarUrl: null,
    createdAt: day(-90),
    password: 'password123',
  },
  // A private profile (issue 11): only the people she approves hear her tracks; lea_m's request waits for her.
  {
    id: '3d9e5c3b-8a4f-4f76-8d85-4c3f9d6b2e04',
    username: 'ines',
    displayName: 'Inès Morel',
    email: 'ines@example.com',
    bio: 'Piano, voice and a cheap tape recorder. Brussels.',
    isPrivate: true,
    role: 'user',
    emailVerified: true,
    hasPassword: true,
    twoFactorEnabled: false,
    deletionRequestedAt: null,
    deletionPurgeAt: null,
    avatarUrl: null,
    createdAt: day(-250),
    password: 'password123',
  },
];

const [ana, marc, lea, ines] = users as [MockUser, MockUser, MockUser, MockUser];
const summary = (u: MockUser) => ({ id: u.id, username: u.username, displayName: u.displayName });

interface TrackSeed {
  n: number;
  title: string;
  owner: MockUser;
  durationMs: number;
  likeCount: number;
  format?: string;
  description?: string;
  visibility?: TrackDto['visibility'];
  status?: TrackDto['status'];
  processingPercent?: number;
  failureReason?: string;
  tags?: string[];
  genre?: TrackDto['genre'];
  bpm?: number;
  musicalKey?: string;
  lyrics?: string;
  cover?: boolean;
}

/** Deterministic waveform peaks (0..1): a few slow swells times a pseudo-random texture, seeded per track. */
export function wavePeaks(seed: number, count = 1800): number[] {
  let state = (seed * 2654435761) >>> 0;
  const random = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const peaks: number[] = [];
  for (let i = 0; i < count; i++) {
    const x = i / count;
    const envelope = 0.35 + 0.3 * Math.sin(x * Math.PI) + 0.2 * Math.sin(x * Math.PI * (3 + (seed % 4)) + seed);
    const value = envelope * (0.55 + 0.45 * random());
    peaks.push(Math.round(Math.min(1, Math.max(0.02, value)) * 1000) / 1000);
  }
  return peaks;
}

/** A small SVG cover (a data URL, so it works offline in Storybook and tests). */
export function coverDataUrl(seed: number): string {
  const hue = (seed * 47) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},70%,55%)"/><stop offset="1" stop-color="hsl(${(hue + 80) % 360},60%,25%)"/></linearGradient></defs><rect width="100" height="100" fill="url(#g)"/><circle cx="50" cy="50" r="${18 + (seed % 5) * 4}" fill="none" stroke="white" stroke-opacity="0.6" stroke-width="3"/></svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

const mime: Record<string, string> = { mp3: 'audio/mpeg', flac: 'audio/flac', wav: 'audio/wav', ogg: 'audio/ogg', m4a: 'audio/mp4' };

function track(seed: TrackSeed): TrackDto {
  const id = `7e1d0c3b-0000-4a00-8000-00000000000${seed.n}`;
  const format = seed.format ?? 'mp3';
  const status = seed.status ?? 'ready';
  const ready = status === 'ready';
  return {
    id,
    title: seed.title,
    description: seed.description ?? null,
    visibility: seed.visibility ?? 'public',
    format,
    mimeType: mime[format] ?? 'audio/mpeg',
    sizeBytes: Math.round((seed.durationMs / 1000) * 40_000),
    durationMs: seed.durationMs,
    sampleRate: 44_100,
    channels: 2,
    artistTag: null,
    likeCount: seed.likeCount,
    likedByMe: false,
    repostCount: 0,
    repostedByMe: false,
    playCount: 0,
    commentCount: 0,
    commentsEnabled: true,
    genre: seed.genre ?? null,
    owner: summary(seed.owner),
    status,
    processingPercent: ready ? 100 : (seed.processingPercent ?? 0),
    failureReason: status === 'failed' ? (seed.failureReason ?? 'Processing failed.') : null,
    loudness: ready ? { integratedLufs: -14 - (seed.n % 5) * 0.7, truePeakDb: -1 - (seed.n % 3) * 0.4 } : null,
    waveform: status === 'failed' || status === 'queued' ? null : wavePeaks(seed.n),
    peaks: status === 'failed' || status === 'queued' ? null : wavePeaks(seed.n, 64),
    hls: ready
      ? {
          masterUrl: `/api/hls/${id}/master.m3u8?token=mock`,
          renditions: [96, 160, 256],
          bitrates: [
            { kbps: 96, averageKbps: 98, peakKbps: 99 },
            { kbps: 160, averageKbps: 162, peakKbps: 163 },
            { kbps: 256, averageKbps: 258, peakKbps: 259 },
          ],
        }
      : null,
    tags: seed.tags ?? [],
    bpm: seed.bpm ?? null,
    musicalKey: seed.musicalKey ?? null,
    lyrics: seed.lyrics ?? null,
    coverUrl: seed.cover ? coverDataUrl(seed.n) : null,
    audioUrl: `/api/tracks/${id}/audio`,
    createdAt: day(seed.n * 3),
    updatedAt: day(seed.n * 3),
  };
}

/** Newest last in the seed list; `tracksNewestFirst` is the order the API pages through. */
export const tracks: TrackDto[] = [
  track({
    n: 1, title: 'Night Drive', owner: ana, durationMs: 201_000, likeCount: 42, description: 'Recorded on a rainy night on the A2.',
    tags: ['lo-fi', 'night', 'chillhop'], genre: 'lo-fi', bpm: 84, musicalKey: 'F# minor', cover: true,
    lyrics: 'Headlights on the wet road\nThe radio hums low\nNo one else awake\nJust the city and the glow',
  }),
  track({ n: 2, title: 'Rue des Martyrs', owner: marc, durationMs: 245_500, likeCount: 17, format: 'flac', tags: ['ambient', 'field recording'], genre: 'ambient', cover: true }),
  track({ n: 3, title: 'Paper Lanterns', owner: lea, durationMs: 158_000, likeCount: 5, format: 'wav', status: 'processing', processingPercent: 42 }),
  track({
    n: 4, title: 'Lumière froide', owner: marc, durationMs: 312_000, likeCount: 128, description: 'Un Juno-60, une boîte à rythmes et beaucoup de réverbération.',
    tags: ['synthwave', 'juno-60'], genre: 'electronic', bpm: 118, musicalKey: 'A minor', cover: true,
  }),
  track({ n: 5, title: 'Tape Hiss Lullaby', owner: ana, durationMs: 96_000, likeCount: 9, format: 'ogg', status: 'failed', failureReason: 'The audio could not be decoded after 1:12: the file seems to be cut short.' }),
  track({ n: 6, title: 'Le dernier métro', owner: marc, durationMs: 227_000, likeCount: 31, genre: 'chanson', bpm: 96, musicalKey: 'D major' }),
  track({ n: 7, title: 'Morning Static', owner: lea, durationMs: 183_000, likeCount: 0, format: 'm4a', status: 'queued' }),
  track({ n: 8, title: 'Demo — unfinished', owner: ana, durationMs: 64_000, likeCount: 0, visibility: 'private' }),
  // Public, on a private profile: heard by Inès and the people she approved only.
  track({ n: 9, title: 'Salle vide', owner: ines, durationMs: 174_000, likeCount: 3, tags: ['piano', 'voice'], bpm: 72, musicalKey: 'E minor' }),
];

export const fixtures = { users, tracks, ana, marc, lea, ines } as const;

/** A TrackDto for stories and tests, with overrides. */
export const aTrack = (overrides: Partial<TrackDto> = {}): TrackDto => ({ ...(tracks[0] as TrackDto), ...overrides });
