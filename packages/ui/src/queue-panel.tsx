import { useId } from 'react';
import { cx } from './cx.ts';
import { formatDuration } from './format.ts';
import { ChevronDownIcon, ChevronUpIcon, CloseIcon, PlayIcon } from './icons.tsx';

export interface QueuePanelItem {
  key: string;
  title: string;
  artistName: string;
  durationMs?: number | null;
}

export interface QueuePanelLabels {
  /** Panel heading ("Queue"). */
  title: string;
  empty: string;
  nowPlaying: string;
  play: (title: string) => string;
  remove: (title: string) => string;
  moveUp: (title: string) => string;
  moveDown: (title: string) => string;
  close: string;
}

export interface QueuePanelProps {
  items: QueuePanelItem[];
  /** Key of the entry playing now. */
  currentKey: string | null;
  onJump: (key: string) => void;
  /** Removes an entry (the one playing cannot be removed). */
  onRemove: (key: string) => void;
  /** Reorder: moves the entry to index `to`. Without it there are no move buttons. */
  onMove?: (key: string, to: number) => void;
  onClose?: () => void;
  labels: QueuePanelLabels;
  id?: string;
  className?: string;
}

/** The play queue: what is playing, what comes next; jump to, remove and reorder entries. */
export function QueuePanel({ items, currentKey, onJump, onRemove, onMove, onClose, labels, id, className }: QueuePanelProps) {
  const headingId = useId();
  return (
    <section id={id} className={cx('vz-queue', className)} aria-labelledby={headingId}>
      <header className="vz-queue__header">
        <h2 id={headingId} className="vz-queue__title">{labels.title}</h2>
        {onClose && (
          <button type="button" className="vz-icon-button" aria-label={labels.close} onClick={onClose}>
            <CloseIcon />
          </button>
        )}
      </header>
      {items.length === 0 ? (
        <p className="vz-queue__empty">{labels.empty}</p>
      ) : (
        <ol className="vz-queue__list">
          {items.map((item, index) => {
            const current = item.key === currentKey;
            return (
              <li key={item.key} className={cx('vz-queue__item', current && 'vz-queue__item--current')} aria-current={current || undefined}>
                <button type="button" className="vz-queue__play" onClick={() => onJump(item.key)} aria-label={labels.play(item.title)}>
                  <PlayIcon />
                </button>
                <div className="vz-queue__meta">
                  <span className="vz-queue__name">{item.title}</span>
                  <span className="vz-queue__artist">
                    {current ? `${labels.nowPlaying} · ` : ''}
                    {item.artistName}
                  </span>
                </div>
                <span className="vz-queue__duration">{formatDuration(item.durationMs ?? null)}</span>
                {onMove && (
                  <>
                    <button type="button" className="vz-icon-button" aria-label={labels.moveUp(item.title)} disabled={index === 0} onClick={() => onMove(item.key, index - 1)}>
                      <ChevronUpIcon />
                    </button>
                    <button type="button" className="vz-icon-button" aria-label={labels.moveDown(item.title)} disabled={index === items.length - 1} onClick={() => onMove(item.key, index + 1)}>
                      <ChevronDownIcon />
                    </button>
                  </>
                )}
                {!current && (
                  <button type="button" className="vz-icon-button" aria-label={labels.remove(item.title)} onClick={() => onRemove(item.key)}>
                    <CloseIcon />
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
