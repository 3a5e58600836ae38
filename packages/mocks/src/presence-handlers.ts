// Presence for the web app's status picker, presence dots and "listening to" (issue 10): presence.get/set/heartbeat
// with a state of their own. Stories and tests put them first (`mocks(...presenceHandlers)`, `server.use(...)`).
import type { RouterOutputs } from '@veza/api';
import { delay, type RequestHandler } from 'msw';
import { viewer } from './db.ts';
import { MockTrpcError, trpcMsw } from './trpc-msw.ts';

type PresenceDto = RouterOutputs['presence']['get']['items'][number];
type Chosen = 'online' | 'away' | 'dnd' | 'invisible';

interface PresenceState {
  chosen: Map<string, Chosen>;
  listening: Map<string, string>;
  shareListening: Map<string, boolean>;
  heartbeats: number;
}

let current: PresenceState | null = null;
const state = () => (current ??= { chosen: new Map(), listening: new Map(), shareListening: new Map(), heartbeats: 0 });

function requireViewer() {
  const user = viewer();
  if (!user) throw new MockTrpcError('UNAUTHORIZED', 'Please sign in to continue.');
  return user;
}

/** What `viewerId` sees of `userId` (invisible reads as offline to others; unknown people are offline). */
function presenceOf(userId: string, viewerId: string): PresenceDto {
  const s = state();
  const chosen = s.chosen.get(userId);
  const status = chosen === undefined ? 'offline' : chosen === 'invisible' && userId !== viewerId ? 'offline' : chosen;
  const sharing = s.shareListening.get(userId) ?? true;
  return {
    userId,
    status,
    lastSeenAt: chosen ? new Date().toISOString() : null,
    listeningTo: status !== 'offline' && sharing ? (s.listening.get(userId) ?? null) : null,
    shareListening: userId === viewerId ? sharing : null,
  };
}

export const presenceMock = {
  reset() {
    current = null;
  },
  /** Sets someone's chosen status (they are online with it). */
  set(userId: string, status: Chosen, listeningTo: string | null = null) {
    state().chosen.set(userId, status);
    if (listeningTo) state().listening.set(userId, listeningTo);
  },
  heartbeats: () => state().heartbeats,
  state: () => state(),
};

export const presenceHandlers: RequestHandler[] = [
  trpcMsw.presence.get.query(async ({ input }) => {
    await delay();
    const me = requireViewer();
    return { items: [...new Set(input.userIds)].map((id) => presenceOf(id, me.id)) };
  }),
  trpcMsw.presence.set.mutation(async ({ input }) => {
    await delay();
    const me = requireViewer();
    if (input.status) state().chosen.set(me.id, input.status);
    else if (!state().chosen.has(me.id)) state().chosen.set(me.id, 'online');
    if (input.shareListening !== undefined) state().shareListening.set(me.id, input.shareListening);
    return presenceOf(me.id, me.id);
  }),
  trpcMsw.presence.heartbeat.mutation(async ({ input }) => {
    const me = requireViewer();
    const s = state();
    s.heartbeats += 1;
    if (!s.chosen.has(me.id)) s.chosen.set(me.id, 'online');
    if (input?.listeningTo) s.listening.set(me.id, input.listeningTo);
    else s.listening.delete(me.id);
    return presenceOf(me.id, me.id);
  }),
];
