// Presence of the people on screen: `presence.get`, then kept live by `presence.onChange` (one query and one
// subscription per set of ids), app-wide: chat, profiles, member lists.
import type { RouterOutputs } from '@veza/api';
import { trpc } from '../../trpc.ts';

export type PresenceItem = RouterOutputs['presence']['get']['items'][number];
export type PresenceStatus = PresenceItem['status'];

/**
 * Presence of up to 100 people, by user id: read once (`presence.get`), then kept current by `presence.onChange`
 * (which starts with everyone's state and then sends changes).
 */
export function usePresence(userIds: string[]) {
  const ids = [...new Set(userIds)].slice(0, 100).sort();
  const input = { userIds: ids };
  const utils = trpc.useUtils();
  const query = trpc.presence.get.useQuery(input, { enabled: ids.length > 0, staleTime: Infinity });
  trpc.presence.onChange.useSubscription(input, {
    enabled: ids.length > 0,
    onData: (event) => {
      const { type: _type, ...item } = event as PresenceItem & { type: 'presence' };
      utils.presence.get.setData(input, (current) => {
        const items = current?.items ?? [];
        const next = items.some((i) => i.userId === item.userId) ? items.map((i) => (i.userId === item.userId ? item : i)) : [...items, item];
        return { items: next };
      });
    },
  });
  const byId = new Map<string, PresenceItem>();
  for (const item of query.data?.items ?? []) byId.set(item.userId, item);
  return byId;
}
