import './presence.css';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { usePresence, type PresenceStatus } from './use-presence.ts';

export type DotStatus = PresenceStatus | 'invisible';

/** The dot for a known status; colour is never the only cue (a label for screen readers and a title). */
export function PresenceDot({ status, className }: { status: DotStatus | undefined; className?: string }) {
  const { t } = useTranslation();
  const s = status === 'invisible' || !status ? 'offline' : status;
  const label = t(`presence.status.${s}`);
  return (
    <span className={`vw-presence vw-presence--${s}${className ? ` ${className}` : ''}`} title={label} role="img" aria-label={label} />
  );
}

/** The dot of one person, read live by id. */
export function UserPresenceDot({ userId, className }: { userId: string; className?: string }) {
  const presence = usePresence([userId]);
  return <PresenceDot status={presence.get(userId)?.status} className={className} />;
}

/** "Listening to …" under a name, when they share it. */
export function ListeningTo({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const trackId = usePresence([userId]).get(userId)?.listeningTo ?? null;
  const track = trpc.tracks.byId.useQuery({ id: trackId ?? '' }, { enabled: trackId !== null, staleTime: 300_000 });
  if (!trackId || !track.data) return null;
  return <p className="vw-muted vw-listening">{t('presence.listeningTo', { title: track.data.title })}</p>;
}
