import type { TrackDto } from '@veza/api';
import { MenuButton, type MenuButtonItem } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { usePlayer } from '../../stores/player.ts';
import { append, insertNext, useQueue } from '../../stores/queue.ts';
import { pushToast } from '../../stores/toasts.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useAddToPlaylist } from '../playlists/add-to-playlist.tsx';
import { toPlayerTrack } from '../tracks/track-model.ts';
import { useListenSession } from '../../stores/listen.ts';
import { trpc } from '../../trpc.ts';

/** Adds a track to the queue: right after the current one, or at the end. Starts it when nothing is loaded. */
function enqueue(track: TrackDto, where: 'next' | 'last') {
  const item = toPlayerTrack(track);
  const player = usePlayer.getState();
  if (!player.track) {
    player.play(item);
    return;
  }
  useQueue.getState().update((q) => (where === 'next' ? insertNext(q, item) : append(q, item)));
}

/** The queue items of a track's "⋯" menu, "Play next" and "Add to queue", each confirmed by a toast. */
export function useQueueMenuItems(track: TrackDto): MenuButtonItem[] {
  const { t } = useTranslation();
  const add = (where: 'next' | 'last') => {
    enqueue(track, where);
    pushToast({ title: t(where === 'next' ? 'player.queuedNext' : 'player.queuedLast', { title: track.title }), tone: 'success' });
  };
  // In a listening session, the track can go to the session's shared queue too (public, ready tracks only).
  const session = useListenSession((s) => s.activeId);
  const utils = trpc.useUtils();
  const toSession = () => {
    if (!session) return;
    utils.client.listen.queueAdd.mutate({ id: session, trackId: track.id }).then(
      (next) => {
        utils.listen.byId.setData({ id: next.id }, next);
        pushToast({ title: t('listen.added', { title: track.title }), tone: 'success' });
      },
      (error: unknown) => pushToast({ title: errorMessage(error), tone: 'error' }),
    );
  };
  return [
    { id: 'next', label: t('player.playNext'), onSelect: () => add('next') },
    { id: 'last', label: t('player.addToQueue'), onSelect: () => add('last') },
    ...(session && track.status === 'ready' && track.visibility === 'public' ? [{ id: 'session', label: t('listen.add'), onSelect: toSession }] : []),
  ];
}

/** The "⋯" menu on a track: Play next, Add to queue, and Add to playlist… (signed in; its dialog loads when opened). */
export function TrackQueueMenu({ track }: { track: TrackDto }) {
  const { t } = useTranslation();
  const items = useQueueMenuItems(track);
  const playlist = useAddToPlaylist(track);
  return (
    <>
      <MenuButton label={t('player.trackActions', { title: track.title })} items={playlist.item ? [...items, playlist.item] : items} />
      {playlist.dialog}
    </>
  );
}
