import { delay, getResponse, http, type RequestHandler } from 'msw';
import { db, findVisibleTrack, followOf, listTracks, relationship, saveUploadDetails, seesProfile, setLike, setSession, toMe, toProfile, viewer, withViewer, type MockFollow } from './db.ts';
import { adminReportsHandlers } from './admin-reports-handlers.ts';
import { accountHandlers } from './account-handlers.ts';
import { chatHandlers } from './chat-handlers.ts';
import { commentsHandlers } from './comments-handlers.ts';
import { exploreHandlers } from './explore-handlers.ts';
import { feedHandlers } from './feed-handlers.ts';
import { groupsHandlers } from './groups-handlers.ts';
import { playlistsHandlers } from './playlists-handlers.ts';
import { checkPinnable, profileHandlers } from './profile-handlers.ts';
import { sharesHandlers } from './shares-handlers.ts';
import { searchHandlers } from './search-handlers.ts';
import { listenHandlers } from './listen-handlers.ts';
import { notificationsHandlers } from './notifications-handlers.ts';
import { state as chatState } from './chat-mock-state.ts';
import { httpHandlers } from './http-handlers.ts';
import { secondFactorAnswer, securityHandlers } from './security-handlers.ts';
import { MockTrpcError, trpcMsw } from './trpc-msw.ts';

const TAKEN = { email: 'An account with this email already exists.', username: 'This username is already taken.' };
/** Usernames the mock sign-up always reports as taken (besides existing accounts). */
const RESERVED = ['taken', 'admin'];

function requireViewer() {
  const user = viewer();
  if (!user) throw new MockTrpcError('UNAUTHORIZED', 'Please sign in to continue.');
  return user;
}

const notFound = (what: string) => new MockTrpcError('NOT_FOUND', `${what} not found.`);

/** An error with the API's `reason` (msw-trpc copies the error's own fields into `error.data`). */
const refusal = (code: MockTrpcError['code'], message: string, reason: string) => Object.assign(new MockTrpcError(code, message), { reason });

/** What a stranger gets for a private profile's tracks or lists (social/audience.ts `privateProfile`). */
const privateProfile = (username: string, what: 'tracks' | 'lists') =>
  refusal(
    'FORBIDDEN',
    what === 'tracks' ? `@${username}'s account is private. Follow them to hear their tracks.` : `@${username}'s account is private. Follow them to see who they follow and who follows them.`,
    'private_profile',
  );

const session = (user: { id: string; username: string }) => ({ accessToken: 'mock-access-token', user: { id: user.id, username: user.username } });

const authHandlers = [
  trpcMsw.auth.me.query(async () => {
    await delay();
    return toMe(requireViewer());
  }),
  trpcMsw.auth.login.mutation(async ({ input }) => {
    await delay();
    const login = input.login.trim().toLowerCase();
    const user = db.users.find((u) => u.username === login || u.email === login);
    if (!user || user.password !== input.password) {
      throw new MockTrpcError('UNAUTHORIZED', 'Incorrect email, username or password.');
    }
    if (user.twoFactorEnabled) return secondFactorAnswer(user);
    setSession(user.id);
    return { status: 'signed_in' as const, ...session(user) };
  }),
  trpcMsw.auth.register.mutation(async ({ input }) => {
    await delay();
    const email = input.email.trim().toLowerCase();
    const username = input.username.trim().toLowerCase();
    const fieldErrors: Record<string, string[]> = {};
    if (db.users.some((u) => u.email === email)) fieldErrors.email = [TAKEN.email];
    if (RESERVED.includes(username) || db.users.some((u) => u.username === username)) fieldErrors.username = [TAKEN.username];
    if (fieldErrors.email || fieldErrors.username) {
      throw new MockTrpcError('CONFLICT', fieldErrors.email ? TAKEN.email : TAKEN.username, fieldErrors);
    }
    const user = {
      id: crypto.randomUUID(),
      username,
      email,
      displayName: null,
      bio: null,
      isPrivate: false,
      role: 'user' as const,
      emailVerified: false,
      hasPassword: true,
      twoFactorEnabled: false,
      deletionRequestedAt: null,
      deletionPurgeAt: null,
      avatarUrl: null,
      createdAt: new Date().toISOString(),
      password: input.password,
    };
    db.users.push(user);
    setSession(user.id);
    return session(user);
  }),
  trpcMsw.auth.refresh.mutation(() => {
    const user = viewer();
    if (!user) throw new MockTrpcError('UNAUTHORIZED', 'Your session has ended. Please sign in again.');
    return session(user);
  }),
  trpcMsw.auth.logout.mutation(() => {
    setSession(null);
    return { ok: true as const };
  }),
];

const userHandlers = [
  trpcMsw.users.byUsername.query(async ({ input }) => {
    await delay();
    const user = db.users.find((u) => u.username === input.username.toLowerCase());
    if (!user) throw notFound('User');
    return toProfile(user);
  }),
  trpcMsw.users.updateProfile.mutation(async ({ input }) => {
    await delay();
    const user = requireViewer();
    // As the API: a refused pin changes nothing (profile-handlers.ts).
    if (input.pinnedTrackId) checkPinnable(user, input.pinnedTrackId);
    if (input.pinnedTrackId !== undefined) user.pinnedTrackId = input.pinnedTrackId;
    if (input.displayName !== undefined) user.displayName = input.displayName?.trim() || null;
    if (input.bio !== undefined) user.bio = input.bio?.trim() || null;
    // A profile turned public has nothing left to approve: everyone waiting becomes a follower.
    if (input.isPrivate === false && user.isPrivate) for (const f of db.follows) if (f.followeeId === user.id) f.status = 'active';
    if (input.isPrivate !== undefined) user.isPrivate = input.isPrivate;
    if (input.location !== undefined) user.location = input.location?.trim() || null;
    if (input.links !== undefined) user.links = [...new Set(input.links)];
    for (const t of db.tracks) if (t.owner.id === user.id) t.owner.displayName = user.displayName;
    return toMe(user);
  }),
];

/** Following (social.*): the mock db's follows and follow requests, with the API's rules (social/follows.service.ts). */
function relationshipOf(username: string) {
  const user = db.users.find((u) => u.username === username);
  if (!user) throw notFound('User');
  return relationship(user);
}

/** Newest first; the cursor is the index of the next row. */
function pageOf<T>(rows: T[], input: { cursor?: string | null | undefined; limit?: number | undefined }) {
  const start = input.cursor ? Number(input.cursor) : 0;
  const limit = input.limit ?? 30;
  return { rows: rows.slice(start, start + limit), nextCursor: start + limit < rows.length ? String(start + limit) : null };
}

function followPage(input: { username: string; cursor?: string | null | undefined; limit?: number | undefined }, side: 'followers' | 'following') {
  const user = db.users.find((u) => u.username === input.username);
  if (!user) throw notFound('User');
  if (!seesProfile(user)) throw privateProfile(user.username, 'lists');
  const me = viewer()?.id;
  const active = (f: MockFollow | undefined) => f?.status === 'active';
  const all = db.follows.filter((f) => f.status === 'active' && (side === 'followers' ? f.followeeId : f.followerId) === user.id).reverse();
  const { rows, nextCursor } = pageOf(all, input);
  const items = rows.flatMap((f) => {
    const other = db.users.find((u) => u.id === (side === 'followers' ? f.followerId : f.followeeId));
    if (!other) return [];
    return [{
      user: { id: other.id, username: other.username, displayName: other.displayName },
      followedAt: f.at,
      followedByMe: active(followOf(me, other.id)),
      followsYou: Boolean(me) && active(followOf(other.id, me ?? '')),
    }];
  });
  return { items, nextCursor };
}

/** Someone's request to follow the signed-in user, or NOT_FOUND `no_request`. */
function requestFrom(username: string) {
  const me = requireViewer();
  const requester = db.users.find((u) => u.username === username);
  if (!requester) throw notFound('User');
  const request = followOf(requester.id, me.id);
  if (request?.status !== 'pending') throw refusal('NOT_FOUND', `@${requester.username} has no follow request waiting for you.`, 'no_request');
  return { requester, request };
}

const socialHandlers = [
  trpcMsw.social.follow.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    if (input.username === me.username) throw new MockTrpcError('BAD_REQUEST', 'You cannot follow yourself.');
    const target = db.users.find((u) => u.username === input.username);
    if (!target) throw new MockTrpcError('NOT_FOUND', `Nobody is called @${input.username} here.`);
    // A block either way refuses, in the API's words and with its reason (social/follows.service.ts).
    const blocks = chatState().blocks;
    if (blocks.some((b) => b.by === me.id && b.of === target.id)) throw refusal('FORBIDDEN', `You blocked @${target.username}: unblock them first.`, 'blocked_by_me');
    if (blocks.some((b) => b.by === target.id && b.of === me.id)) throw refusal('FORBIDDEN', `You can't follow @${target.username}.`, 'blocked');
    const existing = followOf(me.id, target.id);
    // A request to a profile turned public since: approved.
    if (existing?.status === 'pending' && !target.isPrivate) existing.status = 'active';
    // A private profile's follow is a request its owner answers.
    if (!existing) db.follows.push({ followerId: me.id, followeeId: target.id, at: new Date().toISOString(), status: target.isPrivate ? 'pending' : 'active' });
    return relationshipOf(target.username);
  }),
  trpcMsw.social.unfollow.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const target = db.users.find((u) => u.username === input.username);
    if (!target) throw notFound('User');
    // Stops following, or withdraws the request.
    db.follows = db.follows.filter((f) => !(f.followerId === me.id && f.followeeId === target.id));
    return relationshipOf(target.username);
  }),
  trpcMsw.social.followers.query(async ({ input }) => {
    await delay();
    return followPage(input, 'followers');
  }),
  trpcMsw.social.following.query(async ({ input }) => {
    await delay();
    return followPage(input, 'following');
  }),
  trpcMsw.social.requests.query(async ({ input }) => {
    await delay();
    const me = requireViewer();
    const waiting = db.follows.filter((f) => f.followeeId === me.id && f.status === 'pending').sort((a, b) => b.at.localeCompare(a.at));
    const { rows, nextCursor } = pageOf(waiting, input ?? {});
    const items = rows.flatMap((f) => {
      const user = db.users.find((u) => u.id === f.followerId);
      return user ? [{ user: { id: user.id, username: user.username, displayName: user.displayName }, requestedAt: f.at }] : [];
    });
    return { items, total: waiting.length, nextCursor };
  }),
  trpcMsw.social.approveRequest.mutation(async ({ input }) => {
    await delay();
    const { requester, request } = requestFrom(input.username);
    request.status = 'active';
    return relationship(requester);
  }),
  trpcMsw.social.declineRequest.mutation(async ({ input }) => {
    await delay();
    const { requester, request } = requestFrom(input.username);
    db.follows = db.follows.filter((f) => f !== request);
    return relationship(requester);
  }),
];

const trackHandlers = [
  trpcMsw.tracks.list.query(async ({ input }) => {
    await delay();
    const { owner, items, nextCursor } = listTracks(input || undefined);
    if (input?.username && !owner) throw notFound('User');
    if (owner && !seesProfile(owner)) throw privateProfile(owner.username, 'tracks');
    return { items, nextCursor };
  }),
  trpcMsw.tracks.byId.query(async ({ input }) => {
    await delay();
    const t = findVisibleTrack(input.id);
    if (!t) throw notFound('Track');
    return withViewer(t);
  }),
  trpcMsw.tracks.update.mutation(async ({ input }) => {
    await delay();
    const user = requireViewer();
    const t = findVisibleTrack(input.id);
    if (!t) throw notFound('Track');
    if (t.owner.id !== user.id) throw new MockTrpcError('FORBIDDEN', 'Only the owner can change this track.');
    if (input.title !== undefined) {
      const title = input.title.trim();
      if (!title) throw new MockTrpcError('BAD_REQUEST', 'Title cannot be empty.', { title: ['Title cannot be empty.'] });
      t.title = title;
    }
    if (input.description !== undefined) t.description = input.description?.trim() || null;
    if (input.visibility !== undefined) t.visibility = input.visibility;
    if (input.tags !== undefined) t.tags = [...new Set(input.tags.map((tag) => tag.trim().toLowerCase()))];
    if (input.bpm !== undefined) t.bpm = input.bpm;
    if (input.musicalKey !== undefined) t.musicalKey = input.musicalKey;
    if (input.lyrics !== undefined) t.lyrics = input.lyrics?.trim() ? input.lyrics : null;
    if (input.commentsEnabled !== undefined) t.commentsEnabled = input.commentsEnabled;
    if (input.genre !== undefined) t.genre = input.genre;
    t.updatedAt = new Date().toISOString();
    return withViewer(t);
  }),
  trpcMsw.tracks.setUploadDetails.mutation(async ({ input }) => {
    await delay();
    const user = requireViewer();
    const pending = db.uploads.get(input.uploadId);
    if (!pending || pending.ownerId !== user.id) throw notFound('Upload');
    const { uploadId: _uploadId, ...change } = input;
    if (change.title !== undefined && !change.title.trim()) {
      throw new MockTrpcError('BAD_REQUEST', 'Title cannot be empty.', { title: ['Title cannot be empty.'] });
    }
    saveUploadDetails(pending, change);
    return { trackId: pending.trackId };
  }),
  trpcMsw.tracks.delete.mutation(async ({ input }) => {
    await delay();
    const user = requireViewer();
    const t = findVisibleTrack(input.id);
    if (!t) throw notFound('Track');
    if (t.owner.id !== user.id) throw new MockTrpcError('FORBIDDEN', 'Only the owner can change this track.');
    db.tracks = db.tracks.filter((x) => x.id !== t.id);
    return { id: t.id };
  }),
  trpcMsw.tracks.like.mutation(async ({ input }) => {
    await delay();
    const user = requireViewer();
    if (!findVisibleTrack(input.id)) throw notFound('Track');
    return setLike(input.id, user.id, true);
  }),
  trpcMsw.tracks.unlike.mutation(async ({ input }) => {
    await delay();
    const user = requireViewer();
    if (!findVisibleTrack(input.id)) throw notFound('Track');
    return setLike(input.id, user.id, false);
  }),
];

/**
 * A handler to put before `list`: tRPC posts a mutation without input (mfa.totp.begin) with no body, but through
 * MSW's service worker (the browser: Storybook, dev:mock) it arrives with an empty one, which msw-trpc fails to parse
 * as JSON (a 500 instead of the mock's answer). Such a request is answered by `list` as the same request without a
 * body; anything else goes on untouched.
 */
export function bodilessMutationsTo(list: RequestHandler[]): RequestHandler {
  return http.post(/\/trpc\//, async ({ request }) => {
    if (request.body === null || (await request.clone().arrayBuffer()).byteLength > 0) return undefined;
    return getResponse(list, new Request(request.url, { method: 'POST', headers: request.headers }));
  });
}

const backEnd: RequestHandler[] = [...authHandlers, ...userHandlers, ...socialHandlers, ...trackHandlers, ...securityHandlers, ...accountHandlers, ...chatHandlers, ...adminReportsHandlers, ...commentsHandlers, ...feedHandlers, ...playlistsHandlers, ...exploreHandlers, ...sharesHandlers, ...listenHandlers, ...notificationsHandlers, ...profileHandlers, ...searchHandlers, ...groupsHandlers, ...httpHandlers];

/** The default mock back end: every query and mutation, backed by the in-memory `db`. */
export const handlers: RequestHandler[] = [bodilessMutationsTo(backEnd), ...backEnd];
