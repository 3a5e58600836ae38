import type { RouterOutputs } from '@veza/api';
import { useTranslation } from 'react-i18next';
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

/** A coloured dot with its status in words for screen readers (colour is never the only cue: a title too). */
export function PresenceDot({ status }: { status: PresenceStatus | undefined }) {
  const { t } = useTranslation();
  const s = status ?? 'offline';
  const label = t(`chat.presence.${s}`);
  return (
    <span className={`vw-presence vw-presence--${s}`} title={label}>
      <span className="vz-sr-only">{label}</span>
    </span>
  );
}
