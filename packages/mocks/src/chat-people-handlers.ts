// The people around the mock chat: blocks (none) and presence dots (the seeded statuses).
import { delay, type RequestHandler } from 'msw';
import { iso, requireViewer, state } from './chat-mock-state.ts';
import { trpcMsw } from './trpc-msw.ts';

export const chatPeopleHandlers: RequestHandler[] = [
  trpcMsw.users.blocks.query(async () => {
    requireViewer();
    return [];
  }),
  trpcMsw.presence.get.query(async ({ input }) => {
    await delay();
    requireViewer();
    const s = state();
    return { items: input.userIds.map((userId) => ({ userId, status: s.presence.get(userId) ?? 'offline', lastSeenAt: null, listeningTo: null, shareListening: null })) };
  }),
  trpcMsw.presence.heartbeat.mutation(async () => {
    const user = requireViewer();
    return { userId: user.id, status: 'online' as const, lastSeenAt: iso(Date.now()), listeningTo: null, shareListening: true };
  }),
];
