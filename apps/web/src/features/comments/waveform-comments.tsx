import type { TimelineCommentDto } from '@veza/api';
import { Avatar } from '@veza/ui';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlayer } from '../../stores/player.ts';
import { trpc } from '../../trpc.ts';
import { displayNameOf } from '../tracks/track-model.ts';
import { momentOf } from './comment-format.ts';
import './comments.css';

/** How long a comment passed while playing stays up. */
export const POP_MS = 4000;
/** A jump of the position larger than this (seconds) is a seek, not playback: nothing pops up. */
const PLAYBACK_STEP_S = 1.5;

export interface WaveformCommentsProps {
  trackId: string;
  /** The track's length in seconds (0: unknown, no markers). */
  duration: number;
  /** Seeks to a moment, in seconds (the waveform's own seek). */
  onSeek: (seconds: number) => void;
}

/**
 * The comments along the waveform (comments.timeline): a small avatar at each comment's moment, under the bars. Hovering
 * or focusing one shows what was said; activating one seeks there. The markers are one toolbar (a single Tab stop;
 * arrows, Home and End move between them). While the track plays, a comment whose moment has just been passed pops up
 * by its marker for a few seconds (without motion when the reader asks for reduced motion).
 */
export function WaveformComments({ trackId, duration, onSeek }: WaveformCommentsProps) {
  const { t } = useTranslation();
  const timeline = trpc.comments.timeline.useQuery({ trackId }, { staleTime: 30_000 });
  const items = timeline.data?.items ?? [];
  const [active, setActive] = useState(0);
  const [pointed, setPointed] = useState<string | null>(null);
  const popped = usePoppedComment(trackId, items);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  if (!(duration > 0) || items.length === 0) return null;
  const current = Math.min(active, items.length - 1);
  const shownId = pointed ?? popped;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = { ArrowRight: current + 1, ArrowDown: current + 1, ArrowLeft: current - 1, ArrowUp: current - 1, Home: 0, End: items.length - 1 };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const next = Math.min(items.length - 1, Math.max(0, to));
    setActive(next);
    buttons.current[next]?.focus();
  };

  return (
    <div className="vw-wave-comments" role="toolbar" aria-label={t('comments.timeline.label', { count: items.length })} onKeyDown={onKeyDown}>
      {items.map((item, index) => {
        const name = displayNameOf(item.author);
        const at = Math.min(1, Math.max(0, item.atMs / 1000 / duration));
        const shown = shownId === item.id;
        return (
          <span key={item.id} className={shown ? 'vw-wave-comments__item vw-wave-comments__item--shown' : 'vw-wave-comments__item'} style={{ left: `${at * 100}%` }}>
            <button
              ref={(el) => {
                buttons.current[index] = el;
              }}
              type="button"
              className="vw-wave-comments__marker"
              tabIndex={index === current ? 0 : -1}
              aria-label={t('comments.timeline.marker', { name, moment: momentOf(item.atMs), excerpt: item.excerpt })}
              onClick={() => onSeek(item.atMs / 1000)}
              onFocus={() => {
                setActive(index);
                setPointed(item.id);
              }}
              onBlur={() => setPointed((id) => (id === item.id ? null : id))}
              onPointerEnter={() => setPointed(item.id)}
              onPointerLeave={() => setPointed((id) => (id === item.id ? null : id))}
            >
              <Avatar name={name} size="sm" decorative />
            </button>
            {shown && (
              // The marker's name says the same to assistive technology.
              <span className={`vw-wave-comments__bubble vw-wave-comments__bubble--${at > 0.7 ? 'end' : at < 0.3 ? 'start' : 'middle'}`} aria-hidden="true" data-testid="wave-comment-bubble">
                <span className="vw-wave-comments__who">{name} · {momentOf(item.atMs)}</span>
                <span className="vw-wave-comments__excerpt">{item.excerpt}</span>
              </span>
            )}
          </span>
        );
      })}
    </div>
  );
}

/** The comment whose moment playback has just passed (for POP_MS), or null; seeks and other tracks pop nothing. */
function usePoppedComment(trackId: string, items: readonly TimelineCommentDto[]): string | null {
  const [popped, setPopped] = useState<string | null>(null);
  const latest = useRef(items);
  useEffect(() => {
    latest.current = items;
  }, [items]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = usePlayer.subscribe((state, before) => {
      if (!state.isPlaying || state.track?.id !== trackId || before.track?.id !== trackId) return;
      const from = before.currentTime;
      const to = state.currentTime;
      if (to <= from || to - from > PLAYBACK_STEP_S) return;
      const passed = latest.current.filter((c) => c.atMs / 1000 > from && c.atMs / 1000 <= to).at(-1);
      if (!passed) return;
      setPopped(passed.id);
      clearTimeout(timer);
      timer = setTimeout(() => setPopped(null), POP_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [trackId]);

  return popped;
}
