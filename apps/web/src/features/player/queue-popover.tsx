import { QueuePanel } from '@veza/ui';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlayer } from '../../stores/player.ts';
import { moveEntry, removeEntry, useQueue } from '../../stores/queue.ts';
import { usePlayerUi } from './player-ui.ts';

/** The queue panel above the player bar. */
export function QueuePopover({ id }: { id: string }) {
  const { t } = useTranslation();
  const open = usePlayerUi((s) => s.queueOpen);
  const setOpen = usePlayerUi((s) => s.setQueueOpen);
  const entries = useQueue((s) => s.entries);
  const index = useQueue((s) => s.index);
  const update = useQueue((s) => s.update);
  const jump = usePlayer((s) => s.jump);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open, setOpen]);

  if (!open) return <div id={id} hidden />;
  const currentKey = entries[index]?.key ?? null;
  return (
    <div className="vw-queue-popover">
      <QueuePanel
        id={id}
        items={entries.map((e) => ({ key: e.key, title: e.track.title, artistName: e.track.artistName, durationMs: e.track.durationMs ?? null }))}
        currentKey={currentKey}
        onJump={jump}
        onRemove={(key) => update((q) => removeEntry(q, key))}
        onMove={(key, to) => update((q) => moveEntry(q, key, to))}
        onClose={() => setOpen(false)}
        labels={{
          title: t('player.queue'),
          empty: t('player.queueEmpty'),
          nowPlaying: t('player.nowPlaying'),
          play: (title) => t('player.jumpTo', { title }),
          remove: (title) => t('player.removeFromQueue', { title }),
          moveUp: (title) => t('player.moveUp', { title }),
          moveDown: (title) => t('player.moveDown', { title }),
          close: t('player.close'),
        }}
      />
    </div>
  );
}
