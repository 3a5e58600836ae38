import type { RouterOutputs } from '@veza/api';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../stores/session.ts';
import { trpc } from '../../trpc.ts';

export type PresenceItem = RouterOutputs['presence']['get']['items'][number];
export type PresenceStatus = PresenceItem['status'];

/** How often an open chat tells the server we are here (the server's PRESENCE_HEARTBEAT_MS). */
export const HEARTBEAT_MS = 30_000;

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

/** Keeps the signed-in user online while the chat is open: a heartbeat now and every 30 s. */
export function usePresenceHeartbeat() {
  const signedIn = useSession((s) => s.status === 'signed-in');
  const { mutate } = trpc.presence.heartbeat.useMutation();
  useEffect(() => {
    if (!signedIn) return;
    const beat = () => mutate({ idle: document.visibilityState !== 'visible' });
    beat();
    const timer = setInterval(beat, HEARTBEAT_MS);
    return () => clearInterval(timer);
  }, [signedIn, mutate]);
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
