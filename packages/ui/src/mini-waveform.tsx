import { useId } from 'react';
import { cx } from './cx.ts';

export interface MiniWaveformProps {
  /** Bars 0..1 (a track's 64-bar summary). */
  peaks: readonly number[];
  /** How much has been played, 0..1: those bars take the accent colour. */
  progress?: number;
  className?: string;
}

const HEIGHT = 24;

/**
 * A list row's waveform: a picture of the track's loudness, decorative (the row's play button and the track page's
 * seek bar are the controls), with the played part in the accent colour.
 */
export function MiniWaveform({ peaks, progress = 0, className }: MiniWaveformProps) {
  const clipId = useId();
  const width = peaks.length * 3;
  const bars = peaks.map((peak, i) => {
    const height = Math.round(Math.max(1.5, Math.min(1, peak) * HEIGHT) * 100) / 100;
    return <rect key={i} x={i * 3} y={(HEIGHT - height) / 2} width={2} height={height} rx={0.75} />;
  });
  const played = Math.min(1, Math.max(0, progress));
  return (
    <svg className={cx('vz-mini-wave', className)} viewBox={`0 0 ${width} ${HEIGHT}`} preserveAspectRatio="none" aria-hidden="true" focusable="false" data-testid="mini-waveform">
      <g className="vz-mini-wave__bars">{bars}</g>
      {played > 0 && (
        <>
          <clipPath id={clipId}>
            <rect x={0} y={0} width={width * played} height={HEIGHT} />
          </clipPath>
          <g className="vz-mini-wave__played" clipPath={`url(#${clipId})`}>{bars}</g>
        </>
      )}
    </svg>
  );
}
