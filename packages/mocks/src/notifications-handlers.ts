// The notification centre and web push (issue 12): notifications.list (all, or unread only) / unreadCount / markRead /
// markAllRead / preferences.get / update, and push.status / subscribe / unsubscribe / remove / devices, with a state of their own that follows
// the mock database (a fresh one on `resetMockDb()`). Subscriptions (onUnread, onEvent) stay idle in mock mode: stories
// change the state through `notificationsMock` and refetch.
import type { RouterInputs, RouterOutputs } from '@veza/api';
import { NOTIFICATION_DEFAULT_CHANNELS, NOTIFICATION_LOCKED_CHANNELS, NOTIFICATION_PREFERENCE_KINDS, pushDeviceInput } from '@veza/validators';
import { delay, type RequestHandler } from 'msw';
import { db, viewer } from './db.ts';
import type { MockUser } from './fixtures.ts';
import { MockTrpcError, trpcMsw } from './trpc-msw.ts';

type Group = RouterOutputs['notifications']['list']['items'][number];
type Preferences = RouterOutputs['notifications']['preferences']['get'];
type Device = RouterOutputs['push']['devices']['items'][number];
type Kind = keyof Preferences['kinds'];
type PreferencesUpdate = RouterInputs['notifications']['preferences']['update'];

const KINDS: Kind[] = [...NOTIFICATION_PREFERENCE_KINDS];
const DEFAULTS: Preferences['kinds'] = structuredClone(NOTIFICATION_DEFAULT_CHANNELS) as Preferences['kinds'];
const LOCKED: Preferences['locked'] = Object.fromEntries(Object.entries(NOTIFICATION_LOCKED_CHANNELS).map(([kind, channels]) => [kind, [...channels]]));
/** The VAPID public key the mock server hands out (a valid P-256 point, base64url). */
export const MOCK_VAPID_PUBLIC_KEY = 'BNbxGYNMhEIi9zrneh7mqV4oUanjLUK3m-mYZBc62frMKrEoMk88r3Lk596T0ck9xlT-_cfy8MJ_xEv3tvfN90s';

interface UserNotifications {
  groups: Group[];
  kinds: Preferences['kinds'];
  digest: Preferences['digest'];
  devices: (Device & { endpoint: string })[];
}

interface NotificationsState {
  byUser: Map<string, UserNotifications>;
  seq: number;
  pushAvailable: boolean;
  /** Mutations the next call of which fails (preferences saving errors in stories). */
  failUpdates: boolean;
}

const summary = (u: MockUser) => ({ id: u.id, username: u.username, displayName: u.displayName });
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

// Like the playlists': `resetMockDb()` replaces `db.users`, which starts a fresh state.
const states = new WeakMap<MockUser[], NotificationsState>();
function state(): NotificationsState {
  let s = states.get(db.users);
  if (!s) {
    s = { byUser: new Map(), seq: 100, pushAvailable: true, failUpdates: false };
    states.set(db.users, s);
  }
  return s;
}

const nextSeq = () => String(++state().seq);

/** What a new account of the mock sees: a like group (with 12 others), a comment, a follow, an invitation, a notice. */
function seed(me: MockUser): Group[] {
  const others = db.users.filter((u) => u.id !== me.id);
  const [first, second] = [others[0] ?? me, others[1] ?? others[0] ?? me];
  const track = db.tracks.find((t) => t.owner.id === me.id) ?? db.tracks[0];
  const trackTarget = { type: 'track' as const, trackId: track?.id ?? '0', title: track?.title ?? 'Night Drive' };
  const base = { detail: null, read: false };
  const groups: Group[] = [
    { ...base, id: '5', seq: '5', type: 'track.liked', kind: 'likes', actors: [summary(first), summary(second)], actorCount: 13, createdAt: minutesAgo(90), updatedAt: minutesAgo(3), target: trackTarget, url: `/tracks/${trackTarget.trackId}` },
    {
      ...base,
      id: '4',
      seq: '4',
      type: 'comment.new',
      kind: 'comments',
      actors: [summary(second)],
      actorCount: 1,
      createdAt: minutesAgo(45),
      updatedAt: minutesAgo(45),
      target: { type: 'comment', trackId: trackTarget.trackId, trackTitle: trackTarget.title, commentId: 'c1', atMs: 72_000, on: 'my_track', excerpt: 'That bass line at 1:12 🔥' },
      url: `/tracks/${trackTarget.trackId}?comment=c1`,
    },
    { ...base, read: true, id: '3', seq: '3', type: 'follow.new', kind: 'follows', actors: [summary(first)], actorCount: 1, createdAt: minutesAgo(60 * 26), updatedAt: minutesAgo(60 * 26), target: { type: 'profile', username: first.username }, url: `/u/${first.username}` },
    { ...base, read: true, id: '2', seq: '2', type: 'playlist.invite', kind: 'invites', actors: [summary(second)], actorCount: 1, createdAt: minutesAgo(60 * 50), updatedAt: minutesAgo(60 * 50), target: { type: 'playlist', playlistId: 'p1', title: 'Sunday mornings' }, url: '/playlists/p1' },
    { ...base, read: true, id: '1', seq: '1', type: 'security.notice', kind: 'security', actors: [], actorCount: 0, createdAt: minutesAgo(60 * 24 * 6), updatedAt: minutesAgo(60 * 24 * 6), target: { type: 'security', change: 'password_changed' }, url: '/settings/security' },
  ];
  return groups;
}

function mine(user: MockUser): UserNotifications {
  const s = state();
  let data = s.byUser.get(user.id);
  if (!data) {
    data = { groups: seed(user), kinds: structuredClone(DEFAULTS), digest: 'weekly', devices: [] };
    s.byUser.set(user.id, data);
  }
  return data;
}

function requireViewer() {
  const user = viewer();
  if (!user) throw new MockTrpcError('UNAUTHORIZED', 'Please sign in to continue.');
  return user;
}

const named = (username: string) => {
  const user = db.users.find((u) => u.username === username);
  if (!user) throw new Error(`no mock user ${username}`);
  return user;
};

const visible = (data: UserNotifications) => data.groups.filter((g) => data.kinds[g.kind].inApp).sort((a, b) => Number(b.seq) - Number(a.seq));
const unread = (data: UserNotifications) => visible(data).filter((g) => !g.read).length;

/** Story and test hooks. */
export const notificationsMock = {
  /** `username` has no notifications at all. */
  clear(username: string) {
    mine(named(username)).groups = [];
  },
  /** `username` has `count` unread like groups (99+ badges, paging), newest first. */
  many(username: string, count: number, read = false) {
    const me = named(username);
    const others = db.users.filter((u) => u.id !== me.id);
    mine(me).groups = Array.from({ length: count }, (_, i) => {
      const actor = others[i % Math.max(1, others.length)] ?? me;
      const seq = String(count - i);
      return {
        id: seq,
        seq,
        type: 'track.liked' as const,
        kind: 'likes' as const,
        actors: [summary(actor)],
        actorCount: 1,
        read,
        createdAt: minutesAgo(i * 7 + 1),
        updatedAt: minutesAgo(i * 7 + 1),
        target: { type: 'track' as const, trackId: db.tracks[0]?.id ?? '0', title: `Track ${seq}` },
        url: `/tracks/${db.tracks[0]?.id ?? '0'}`,
        detail: null,
      };
    });
  },
  /** `actor` likes one of `username`'s tracks now (a new unread group on top). */
  like(username: string, actor: string, title = 'Night Drive') {
    const data = mine(named(username));
    const seq = nextSeq();
    const trackId = db.tracks[0]?.id ?? '0';
    data.groups.unshift({ id: seq, seq, type: 'track.liked', kind: 'likes', actors: [summary(named(actor))], actorCount: 1, read: false, createdAt: minutesAgo(0), updatedAt: minutesAgo(0), target: { type: 'track', trackId, title }, url: `/tracks/${trackId}`, detail: null });
  },
  /** Whether the server sends web push (VAPID keys configured). */
  setPushAvailable(available: boolean) {
    state().pushAvailable = available;
  },
  /** `username` has a browser subscribed already (another device). */
  addDevice(username: string, device: Partial<Device> = {}) {
    const data = mine(named(username));
    const id = crypto.randomUUID();
    data.devices.push({ id, current: false, browser: 'Firefox 133', os: 'Windows 10', device: 'desktop', createdAt: minutesAgo(60 * 24 * 3), lastPushedAt: minutesAgo(60 * 5), endpoint: `https://updates.push.services.mozilla.com/wpush/v2/${id}`, ...device });
  },
  /** Preferences updates fail (a network or server error) until set back. */
  failUpdates(fail: boolean) {
    state().failUpdates = fail;
  },
  preferencesOf: (username: string) => mine(named(username)).kinds,
  digestOf: (username: string) => mine(named(username)).digest,
  groupsOf: (username: string) => mine(named(username)).groups,
  devicesOf: (username: string) => mine(named(username)).devices,
};

export const notificationsHandlers: RequestHandler[] = [
  trpcMsw.notifications.list.query(async ({ input }) => {
    await delay();
    const all = visible(mine(requireViewer())).filter((g) => !input?.unreadOnly || !g.read);
    const limit = input?.limit ?? 20;
    const start = input?.cursor ? all.findIndex((g) => Number(g.seq) < Number(input.cursor)) : 0;
    const from = start < 0 ? all.length : start;
    const items = all.slice(from, from + limit);
    const more = from + limit < all.length;
    return { items, nextCursor: more ? (items.at(-1)?.seq ?? null) : null };
  }),
  trpcMsw.notifications.unreadCount.query(async () => {
    await delay();
    return { unread: unread(mine(requireViewer())) };
  }),
  trpcMsw.notifications.markRead.mutation(async ({ input }) => {
    await delay();
    const group = mine(requireViewer()).groups.find((g) => g.id === input.id);
    if (!group) throw new MockTrpcError('NOT_FOUND', 'Notification not found.');
    group.read = true;
    return { unread: unread(mine(requireViewer())) };
  }),
  trpcMsw.notifications.markAllRead.mutation(async ({ input }) => {
    await delay();
    const data = mine(requireViewer());
    const upTo = input?.upTo ? Number(input.upTo) : Infinity;
    let marked = 0;
    for (const g of data.groups) {
      if (!g.read && Number(g.seq) <= upTo) {
        g.read = true;
        marked++;
      }
    }
    return { marked, unread: unread(data) };
  }),
  trpcMsw.notifications.preferences.get.query(async () => {
    await delay();
    const data = mine(requireViewer());
    return { language: 'en', digest: data.digest, kinds: structuredClone(data.kinds), locked: LOCKED, pushAvailable: state().pushAvailable };
  }),
  trpcMsw.notifications.preferences.update.mutation(async ({ input }: { input: PreferencesUpdate }) => {
    await delay();
    const data = mine(requireViewer());
    if (state().failUpdates) throw new MockTrpcError('INTERNAL_SERVER_ERROR', 'Something went wrong on our side. Please try again.');
    for (const kind of KINDS) {
      const choice = input.kinds?.[kind];
      if (!choice) continue;
      const locked = LOCKED[kind] ?? [];
      for (const channel of ['inApp', 'push', 'email'] as const) {
        const value = choice[channel];
        if (value !== undefined && !locked.includes(channel)) data.kinds[kind][channel] = value;
      }
    }
    if (input.digest) data.digest = input.digest;
    return { language: input.language ?? 'en', digest: data.digest, kinds: structuredClone(data.kinds), locked: LOCKED, pushAvailable: state().pushAvailable };
  }),
  trpcMsw.push.status.query(async () => {
    await delay();
    const available = state().pushAvailable;
    return { available, publicKey: available ? MOCK_VAPID_PUBLIC_KEY : null };
  }),
  trpcMsw.push.devices.query(async () => {
    await delay();
    return { items: mine(requireViewer()).devices.map(({ endpoint: _endpoint, ...device }) => device) };
  }),
  trpcMsw.push.subscribe.mutation(async ({ input }) => {
    await delay();
    const data = mine(requireViewer());
    if (!state().pushAvailable) throw Object.assign(new MockTrpcError('BAD_REQUEST', 'Push notifications are not available on this server.'), { reason: 'push_unavailable' });
    const existing = data.devices.find((d) => d.endpoint === input.endpoint);
    if (existing) {
      const { endpoint: _endpoint, ...dto } = existing;
      return dto;
    }
    const device = { id: crypto.randomUUID(), current: true, browser: 'Chrome 131', os: 'Linux', device: 'desktop' as const, createdAt: new Date().toISOString(), lastPushedAt: null, endpoint: input.endpoint };
    data.devices.unshift(device);
    const { endpoint: _endpoint, ...dto } = device;
    return dto;
  }),
  trpcMsw.push.remove.mutation(async ({ input }) => {
    await delay();
    const data = mine(requireViewer());
    const parsed = pushDeviceInput.safeParse(input);
    if (!parsed.success) throw new MockTrpcError('BAD_REQUEST', 'Unknown device.', { id: ['Unknown device.'] });
    const before = data.devices.length;
    data.devices = data.devices.filter((d) => d.id !== parsed.data.id);
    if (data.devices.length === before) throw Object.assign(new MockTrpcError('NOT_FOUND', 'This device no longer gets push notifications.'), { reason: 'device_not_found' });
    return { removed: true as const };
  }),
  trpcMsw.push.unsubscribe.mutation(async ({ input }) => {
    await delay();
    const data = mine(requireViewer());
    const before = data.devices.length;
    data.devices = data.devices.filter((d) => d.endpoint !== input.endpoint);
    if (data.devices.length === before) throw Object.assign(new MockTrpcError('NOT_FOUND', 'This browser is not subscribed to push notifications.'), { reason: 'not_subscribed' });
    return { removed: true as const };
  }),
];
