// chat.reactions.add/remove of the mock chat: a reaction per person and emoji, counts kept on the message.
import { delay, type RequestHandler } from 'msw';
import { findMessage, memberOf, requireViewer, state } from './chat-mock-state.ts';
import { trpcMsw } from './trpc-msw.ts';

export const chatReactionHandlers: RequestHandler[] = [
  ...(['add', 'remove'] as const).map((action) =>
    trpcMsw.chat.reactions[action].mutation(async ({ input }) => {
      await delay();
      const user = requireViewer();
      const { room, message: m } = findMessage(input.messageId, user);
      memberOf(room.id, user);
      const mine = state().reactions;
      const key = `${m.id}:${input.emoji}`;
      const who = mine.get(key) ?? new Set<string>();
      const had = who.has(user.id);
      if (action === 'add') who.add(user.id);
      else who.delete(user.id);
      mine.set(key, who);
      const existing = m.reactions.find((r) => r.emoji === input.emoji);
      const count = (existing?.count ?? 0) + (action === 'add' ? (had ? 0 : 1) : had ? -1 : 0);
      m.reactions = count <= 0 ? m.reactions.filter((r) => r.emoji !== input.emoji) : existing ? m.reactions.map((r) => (r.emoji === input.emoji ? { ...r, count } : r)) : [...m.reactions, { emoji: input.emoji, count, mine: false }];
      return { messageId: m.id, changed: had !== (action === 'add'), reactions: m.reactions.map((r) => ({ ...r, mine: mine.get(`${m.id}:${r.emoji}`)?.has(user.id) ?? r.mine })) };
    }),
  ),
];
