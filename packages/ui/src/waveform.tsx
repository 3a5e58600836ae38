import { useId, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { cx } from './cx.ts';
import { formatClock } from './format.ts';

export interface WaveformProps {
  /** Peaks 0..1; null/undefined: no waveform known (renders a flat line). */
  peaks: number[] | null | undefined;
  /** Seconds. */
  currentTime: number;
  /** Seconds; 0 or NaN disables seeking. */
  duration: number;
  onSeek: (seconds: number) => void;
  /** Accessible name of the slider ("Seek"). */
  label: string;
  /** Builds aria-valuetext from "1:05" and "3:20"; default "1:05 / 3:20". */
  valueText?: (current: string, total: string) => string;
  /** Shows a shimmer while the peaks load. */
  loading?: boolean;
  /** How many bars to draw; peaks are reduced to this many by taking each bucket's maximum. */
  bars?: number;
  /** Slim variant for the player bar. */
  compact?: boolean;
  className?: string;
}

export const WAVEFORM_STEP_S = 5;
export const WAVEFORM_PAGE_S = 30;

/** Reduces `peaks` to `count` bars (bucket maximum), each clamped to 0..1. */
export function downsample(peaks: readonly number[], count: number): number[] {
  if (peaks.length === 0 || count <= 0) return [];
  if (peaks.length <= count) return peaks.map((p) => Math.min(1, Math.max(0, p)));
  const out: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const from = Math.floor((i * peaks.length) / count);
    const to = Math.max(from + 1, Math.floor(((i + 1) * peaks.length) / count));
    let max = 0;
    for (let j = from; j < to; j += 1) max = Math.max(max, peaks[j] ?? 0);
    out.push(Math.min(1, Math.max(0, max)));
  }
  return out;
}

const defaultValueText = (current: string, total: string) => `${current} / ${total}`;

/**
 * A waveform seek bar: bars from the peaks, the played part highlighted, the hovered position previewed.
 * Click or drag to seek; as a `slider` it takes arrows (±5 s), Page Up/Down (±30 s), Home and End.
 */
export function Waveform({
  peaks,
  currentTime,
  duration,
  onSeek,
  label,
  valueText = defaultValueText,
  loading = false,
  bars = 160,
  compact = false,
  className,
}: WaveformProps) {
  const clipId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<number | null>(null);
  const [drag, setDrag] = useState<number | null>(null);
  const seekable = Number.isFinite(duration) && duration > 0;
  const total = seekable ? duration : 0;
  const position = Math.min(Math.max(0, Number.isFinite(currentTime) ? currentTime : 0), total);
  const shown = drag ?? position;
  const played = total ? shown / total : 0;
  const heights = useMemo(() => (peaks && peaks.length > 0 ? downsample(peaks, bars) : []), [peaks, bars]);

  const fractionAt = (clientX: number) => {
    const rect = ref.current?.getBoundingClientRect();
    if (!rect || rect.width <= 0) return 0;
    return Math.min(1, Math.max(0, (clientX - rect.left) / rect.width));
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (!seekable || event.button !== 0) return;
    event.currentTarget.setPointerCapture?.(event.pointerId);
    setDrag(fractionAt(event.clientX) * total);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!seekable) return;
    const at = fractionAt(event.clientX);
    setHover(at);
    if (drag !== null) setDrag(at * total);
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    if (drag === null) return;
    const to = fractionAt(event.clientX) * total;
    setDrag(null);
    onSeek(to);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!seekable) return;
    const moves: Record<string, number> = {
      ArrowRight: position + WAVEFORM_STEP_S,
      ArrowUp: position + WAVEFORM_STEP_S,
      ArrowLeft: position - WAVEFORM_STEP_S,
      ArrowDown: position - WAVEFORM_STEP_S,
      PageUp: position + WAVEFORM_PAGE_S,
      PageDown: position - WAVEFORM_PAGE_S,
      Home: 0,
      End: total,
    };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    onSeek(Math.min(total, Math.max(0, to)));
  };

  const gap = heights.length > 0 ? 0.3 : 0;
  const width = heights.length || 1;
  const barsPath = heights.map((h, i) => {
    const height = Math.max(0.04, h);
    return <rect key={i} x={i + gap / 2} width={1 - gap} y={(1 - height) / 2} height={height} rx={0.15} />;
  });

  return (
    <div
      ref={ref}
      className={cx('vz-waveform', compact && 'vz-waveform--compact', loading && 'vz-waveform--loading', !seekable && 'vz-waveform--disabled', className)}
      role="slider"
      tabIndex={seekable ? 0 : -1}
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={Math.floor(total)}
      aria-valuenow={Math.floor(position)}
      aria-valuetext={valueText(formatClock(position), formatClock(total))}
      aria-disabled={!seekable || undefined}
      aria-busy={loading || undefined}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => setDrag(null)}
      onPointerLeave={() => setHover(null)}
    >
      <svg className="vz-waveform__svg" viewBox={`0 0 ${width} 1`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <defs>
          <clipPath id={clipId}>
            <rect x={0} y={0} width={played * width} height={1} />
          </clipPath>
        </defs>
        {heights.length > 0 ? (
          <>
            <g className="vz-waveform__bars">{barsPath}</g>
            <g className="vz-waveform__bars vz-waveform__bars--played" clipPath={`url(#${clipId})`}>{barsPath}</g>
          </>
        ) : (
          <>
            <rect className="vz-waveform__line" x={0} y={0.47} width={1} height={0.06} />
            <rect className="vz-waveform__line vz-waveform__line--played" x={0} y={0.47} width={played} height={0.06} />
          </>
        )}
      </svg>
      {hover !== null && seekable && (
        <span className="vz-waveform__hover" style={{ left: `${hover * 100}%` }} aria-hidden="true">
          <span className="vz-waveform__tip">{formatClock(hover * total)}</span>
        </span>
      )}
      <span className="vz-waveform__head" style={{ left: `${played * 100}%` }} aria-hidden="true" />
    </div>
  );
}
