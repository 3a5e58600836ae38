import type { TrackDto } from '@veza/api';
import { Button } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useListenSession } from '../../stores/listen.ts';
import { usePlayer } from '../../stores/player.ts';
import { useSession } from '../../stores/session.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import { listenErrorMessage } from './listen-model.ts';

/** Only public, ready tracks play in a session (everyone in it must be allowed to hear them). */
export const canPlayInSession = (track: Pick<TrackDto, 'status' | 'visibility'>) => track.status === 'ready' && track.visibility === 'public';

/** Starts a session hosted by the viewer, playing `trackId`, and opens it. */
export function useStartListening() {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const navigate = useNavigate();
  const start = trpc.listen.start.useMutation({
    onSuccess: (session) => {
      utils.listen.byId.setData({ id: session.id }, session);
      useListenSession.getState().enter(session.id);
      void navigate(`/listen/${session.id}`);
    },
    onError: (error) => pushToast({ id: 'listen-start', title: `${t('listen.startFailed')}: ${listenErrorMessage(error, t)}`, tone: 'error' }),
  });
  return { start: (trackId: string | null) => start.mutate(trackId ? { trackId } : {}), pending: start.isPending };
}

/** "Listen together" on a track page (signed in, a track that can play in a session). */
export function ListenTogetherButton({ track }: { track: TrackDto }) {
  const { t } = useTranslation();
  const signedIn = useSession((s) => s.user !== null);
  const { start, pending } = useStartListening();
  if (!signedIn || !canPlayInSession(track)) return null;
  return (
    <Button type="button" variant="secondary" size="sm" loading={pending} onClick={() => start(track.id)}>
      {t('listen.together')}
    </Button>
  );
}

/** In the player's menu: back to the session this tab follows, or start one with the track that plays. */
export function ListenDockLink({ onDone }: { onDone?: () => void }) {
  const { t } = useTranslation();
  const active = useListenSession((s) => s.activeId);
  const signedIn = useSession((s) => s.user !== null);
  const trackId = usePlayer((s) => s.track?.id ?? null);
  const { start, pending } = useStartListening();
  if (active) return <Link className="vw-popover__link" to={`/listen/${active}`} onClick={onDone}>{t('listen.title')}</Link>;
  if (!signedIn || !trackId) return null;
  return (
    <button
      type="button"
      className="vw-popover__link"
      disabled={pending}
      onClick={() => {
        start(trackId);
        onDone?.();
      }}
    >
      {t('listen.together')}
    </button>
  );
}
