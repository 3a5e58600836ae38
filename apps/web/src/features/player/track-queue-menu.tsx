import type { TrackDto } from '@veza/api';
import { MenuButton, type MenuButtonItem } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { usePlayer } from '../../stores/player.ts';
import { append, insertNext, useQueue } from '../../stores/queue.ts';
import { pushToast } from '../../stores/toasts.ts';
import { toPlayerTrack } from '../tracks/track-model.ts';

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
  return [
    { id: 'next', label: t('player.playNext'), onSelect: () => add('next') },
    { id: 'last', label: t('player.addToQueue'), onSelect: () => add('last') },
  ];
}

/** The "⋯" menu on a track: Play next, Add to queue. */
export function TrackQueueMenu({ track }: { track: TrackDto }) {
  const { t } = useTranslation();
  const items = useQueueMenuItems(track);
  return <MenuButton label={t('player.trackActions', { title: track.title })} items={items} />;
}
