import type { RouterOutputs } from '@veza/api';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';

export type PresenceItem = RouterOutputs['presence']['get']['items'][number];
export type PresenceStatus = PresenceItem['status'];

/** How often shown presence is read again (until live presence events reach the web app). */
const PRESENCE_REFRESH_MS = 60_000;

/** Presence of up to 100 people, by user id. */
export function usePresence(userIds: string[]) {
  const ids = [...new Set(userIds)].slice(0, 100).sort();
  const query = trpc.presence.get.useQuery({ userIds: ids }, { enabled: ids.length > 0, refetchInterval: PRESENCE_REFRESH_MS });
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
