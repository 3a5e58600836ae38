// The people around the mock chat: blocks (none, unless chatMock.block) and presence dots (the seeded statuses).
import { delay, type RequestHandler } from 'msw';
import { iso, requireViewer, state, summary } from './chat-mock-state.ts';
import { db } from './db.ts';
import { trpcMsw } from './trpc-msw.ts';

export const chatPeopleHandlers: RequestHandler[] = [
  trpcMsw.users.blocks.query(async () => {
    const me = requireViewer();
    return state().blocks.flatMap((b) => {
      const user = b.by === me.id ? db.users.find((u) => u.id === b.of) : undefined;
      return user ? [{ user: summary(user), createdAt: b.createdAt }] : [];
    });
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
