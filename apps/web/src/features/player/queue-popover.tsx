import { QueuePanel } from '@veza/ui';
import { useEffect, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlayer } from '../../stores/player.ts';
import { usePlayerSettings } from '../../stores/player-settings.ts';
import { moveEntry, removeEntry, upcomingAutoplayStart, useQueue } from '../../stores/queue.ts';
import { AutoplaySwitch, UpNextAutoplay } from './up-next.tsx';
import { usePlayerUi } from './player-ui.ts';

/** Where the queue is a bottom sheet rather than a panel above the bar (as the player's own phone layout). */
export const QUEUE_SHEET_MEDIA = '(max-width: 640px)';

/**
 * The queue, on a native <dialog>: a panel above the player bar on wide screens (non-modal: the page stays usable), a
 * modal bottom sheet on phones (focus kept inside; Escape, the close button or a tap on the backdrop closes it).
 */
export function QueuePopover({ id }: { id: string }) {
  const { t } = useTranslation();
  const open = usePlayerUi((s) => s.queueOpen);
  const setOpen = usePlayerUi((s) => s.setQueueOpen);
  const entries = useQueue((s) => s.entries);
  const index = useQueue((s) => s.index);
  const update = useQueue((s) => s.update);
  const jump = usePlayer((s) => s.jump);
  const autoplay = usePlayerSettings((s) => s.autoplay);
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      const sheet = window.matchMedia?.(QUEUE_SHEET_MEDIA).matches ?? false;
      if (sheet && typeof dialog.showModal === 'function') dialog.showModal();
      else if (typeof dialog.show === 'function') dialog.show();
      else dialog.setAttribute('open', '');
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  useEffect(() => {
    if (!open) return;
    // A modal sheet gets Escape from the browser (its `cancel`); the non-modal panel needs it from here.
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open, setOpen]);

  // On the sheet's backdrop the click lands on the dialog itself (the panel covers the rest of it).
  const onClick = (event: MouseEvent<HTMLDialogElement>) => {
    if (event.target === event.currentTarget) setOpen(false);
  };

  const currentKey = entries[index]?.key ?? null;
  // What the listener queued (and what already played) in the panel; the related tracks autoplay added after it.
  const split = upcomingAutoplayStart({ entries, index });
  const queued = entries.slice(0, split);
  const upNext = entries.slice(split);
  return (
    <dialog ref={ref} id={id} className="vw-queue-popover" aria-label={t('player.queue')} onClose={() => setOpen(false)} onClick={onClick}>
      {open && (
        <QueuePanel
          items={queued.map((e) => ({ key: e.key, title: e.track.title, artistName: e.track.artistName, durationMs: e.track.durationMs ?? null }))}
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
      )}
      {open && (
        <div className="vw-up-next">
          <AutoplaySwitch />
          {autoplay && upNext.length > 0 && <UpNextAutoplay entries={upNext} onJump={jump} onRemove={(key) => update((q) => removeEntry(q, key))} />}
        </div>
      )}
    </dialog>
  );
}
