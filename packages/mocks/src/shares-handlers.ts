// Private share links and the embed's data (issue 11) for the mock back end: shares.create / list / revoke / track /
// embed, following the API's rules (shares/shares.service.ts, shares/embed.service.ts). The links live beside the mock
// db and start again with it (resetMockDb); `sharesMock` seeds links in every state for stories and tests.
import type { CreatedShareDto, EmbedTrackDto, ShareLinkDto, SharedTrackDto, TrackDto } from '@veza/api';
import { delay, type RequestHandler } from 'msw';
import { db, findVisibleTrack, viewer, withViewer } from './db.ts';
import type { MockUser } from './fixtures.ts';
import { MockTrpcError, trpcMsw } from './trpc-msw.ts';

/** Live links one track may have (validators SHARE_LINKS_PER_TRACK_MAX). */
export const MOCK_SHARE_LINKS_MAX = 50;

interface MockShare {
  id: string;
  trackId: string;
  token: string;
  label: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  useCount: number;
  lastUsedAt: string | null;
  createdAt: string;
}

/** Tokens seeded by `sharesMock.seed` (43 base64url characters, like the API's). */
export const MOCK_SHARE_TOKENS = {
  active: 'mockShareTokenActive0000000000000000000000a',
  expired: 'mockShareTokenExpired000000000000000000000b',
  revoked: 'mockShareTokenRevoked000000000000000000000c',
} as const;

// Keyed by the mock db's track list, which resetMockDb replaces: the links start again with the db.
const stores = new WeakMap<TrackDto[], MockShare[]>();
const shares = () => {
  let list = stores.get(db.tracks);
  if (!list) stores.set(db.tracks, (list = []));
  return list;
};

const origin = () => (typeof location === 'undefined' ? 'http://localhost' : location.origin);
const refusal = (code: MockTrpcError['code'], message: string, reason?: string) => Object.assign(new MockTrpcError(code, message), reason ? { reason } : {});

const statusOf = (s: MockShare, now = Date.now()): ShareLinkDto['status'] => (s.revokedAt ? 'revoked' : s.expiresAt && Date.parse(s.expiresAt) <= now ? 'expired' : 'active');
const toDto = (s: MockShare): ShareLinkDto => ({ id: s.id, label: s.label, status: statusOf(s), expiresAt: s.expiresAt, revokedAt: s.revokedAt, useCount: s.useCount, lastUsedAt: s.lastUsedAt, createdAt: s.createdAt });
const withToken = (url: string, token: string) => `${url}${url.includes('?') ? '&' : '?'}share=${token}`;
const newToken = () => {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

function requireViewer(): MockUser {
  const user = viewer();
  if (!user) throw new MockTrpcError('UNAUTHORIZED', 'Please sign in to continue.');
  return user;
}

/** The viewer's own track (others: NOT_FOUND when they cannot see it, FORBIDDEN otherwise). */
function ownedTrack(trackId: string) {
  const me = requireViewer();
  const track = findVisibleTrack(trackId);
  if (!track) throw new MockTrpcError('NOT_FOUND', 'Track not found.');
  if (track.owner.id !== me.id) throw new MockTrpcError('FORBIDDEN', 'Only the track’s owner can manage its private links.');
  return track;
}

function liveShare(token: string) {
  const share = shares().find((s) => s.token === token);
  if (!share) throw refusal('NOT_FOUND', 'This share link does not exist. Check that it was copied whole.', 'share_not_found');
  const status = statusOf(share);
  if (status === 'revoked') throw refusal('NOT_FOUND', 'This share link was turned off by the person who shared it.', 'share_revoked');
  if (status === 'expired') throw refusal('NOT_FOUND', 'This share link has expired. Ask the person who shared it for a new one.', 'share_expired');
  return share;
}

const openToStrangers = (t: TrackDto) => t.visibility !== 'private' && !db.users.find((u) => u.id === t.owner.id)?.isPrivate;

export const sharesHandlers: RequestHandler[] = [
  trpcMsw.shares.create.mutation(async ({ input }) => {
    await delay();
    const track = ownedTrack(input.trackId);
    if (input.expiresAt && Date.parse(input.expiresAt) <= Date.now()) throw new MockTrpcError('BAD_REQUEST', 'The expiry must be in the future.', { expiresAt: ['The expiry must be in the future.'] });
    if (shares().filter((s) => s.trackId === track.id && statusOf(s) === 'active').length >= MOCK_SHARE_LINKS_MAX) {
      throw refusal('CONFLICT', `A track can have at most ${MOCK_SHARE_LINKS_MAX} working private links. Revoke one you no longer need first.`, 'share_limit');
    }
    const share: MockShare = { id: crypto.randomUUID(), trackId: track.id, token: newToken(), label: input.label?.trim() || null, expiresAt: input.expiresAt ?? null, revokedAt: null, useCount: 0, lastUsedAt: null, createdAt: new Date().toISOString() };
    shares().push(share);
    const created: CreatedShareDto = { id: share.id, token: share.token, url: `${origin()}/share/${share.token}`, link: toDto(share) };
    return created;
  }),
  trpcMsw.shares.list.query(async ({ input }) => {
    await delay();
    const track = ownedTrack(input.trackId);
    const items = shares()
      .filter((s) => s.trackId === track.id)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map(toDto);
    return { items, remaining: Math.max(0, MOCK_SHARE_LINKS_MAX - items.filter((s) => s.status === 'active').length) };
  }),
  trpcMsw.shares.revoke.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const share = shares().find((s) => s.id === input.id);
    const track = share && db.tracks.find((t) => t.id === share.trackId);
    if (!share || track?.owner.id !== me.id) throw new MockTrpcError('NOT_FOUND', 'Share link not found.');
    share.revokedAt ??= new Date().toISOString();
    return toDto(share);
  }),
  trpcMsw.shares.track.query(async ({ input }) => {
    await delay();
    const share = liveShare(input.token);
    const track = db.tracks.find((t) => t.id === share.trackId);
    if (!track) throw refusal('NOT_FOUND', 'This share link does not exist. Check that it was copied whole.', 'share_not_found');
    share.useCount += 1;
    share.lastUsedAt = new Date().toISOString();
    const dto = withViewer(track);
    const shared: SharedTrackDto = { track: { ...dto, audioUrl: withToken(dto.audioUrl, share.token), coverUrl: dto.coverUrl ? withToken(dto.coverUrl, share.token) : null }, expiresAt: share.expiresAt };
    return shared;
  }),
  trpcMsw.shares.embed.query(async ({ input }) => {
    await delay();
    const track = db.tracks.find((t) => t.id === input.trackId);
    const share = input.share ? shares().find((s) => s.token === input.share && s.trackId === input.trackId && statusOf(s) === 'active') : undefined;
    if (!track || (!openToStrangers(track) && !share)) throw new MockTrpcError('NOT_FOUND', 'Track not found.');
    const carry = (url: string) => (share && !openToStrangers(track) ? withToken(url, share.token) : url);
    const embed: EmbedTrackDto = {
      id: track.id,
      title: track.title,
      artistName: track.owner.displayName?.trim() || track.owner.username,
      username: track.owner.username,
      durationMs: track.durationMs,
      coverUrl: track.coverUrl ? carry(track.coverUrl) : null,
      waveform: track.waveform,
      hls: track.hls,
      audioUrl: carry(track.audioUrl),
      pageUrl: share && !openToStrangers(track) ? `${origin()}/share/${share.token}` : `${origin()}/tracks/${track.id}`,
    };
    return embed;
  }),
];

/** Story and test hooks for share links. */
export const sharesMock = {
  /** Links of `trackId` in every state: active (labelled, used), expired and revoked, with the tokens of MOCK_SHARE_TOKENS. */
  seed(trackId: string) {
    const day = 86_400_000;
    const now = Date.now();
    const at = (ms: number) => new Date(ms).toISOString();
    shares().push(
      { id: '5a000000-0000-4000-8000-000000000001', trackId, token: MOCK_SHARE_TOKENS.active, label: 'For the label', expiresAt: at(now + 7 * day), revokedAt: null, useCount: 3, lastUsedAt: at(now - day), createdAt: at(now - 2 * day) },
      { id: '5a000000-0000-4000-8000-000000000002', trackId, token: MOCK_SHARE_TOKENS.expired, label: null, expiresAt: at(now - day), revokedAt: null, useCount: 1, lastUsedAt: at(now - 3 * day), createdAt: at(now - 5 * day) },
      { id: '5a000000-0000-4000-8000-000000000003', trackId, token: MOCK_SHARE_TOKENS.revoked, label: 'Old mix', expiresAt: null, revokedAt: at(now - 6 * day), useCount: 0, lastUsedAt: null, createdAt: at(now - 9 * day) },
    );
  },
  /** `count` live links of `trackId` (to reach the limit). */
  fill(trackId: string, count: number) {
    for (let i = 0; i < count; i++) {
      shares().push({ id: crypto.randomUUID(), trackId, token: newToken(), label: null, expiresAt: null, revokedAt: null, useCount: 0, lastUsedAt: null, createdAt: new Date(Date.now() - i * 1000).toISOString() });
    }
  },
  /** The links of `trackId` as stored (tests check what a click did). */
  of: (trackId: string) => shares().filter((s) => s.trackId === trackId).map((s) => ({ ...s, status: statusOf(s) })),
};
