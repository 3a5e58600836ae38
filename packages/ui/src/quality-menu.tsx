import { useId } from 'react';
import { cx } from './cx.ts';
import { LevelsIcon } from './icons.tsx';

export interface QualityMenuProps {
  /** Nominal kbps of the available renditions; empty hides nothing but disables the control. */
  levels: number[];
  /** 'auto' or a kbps value. */
  value: 'auto' | number;
  /** What Auto is playing right now, in kbps. */
  currentKbps?: number | null;
  onChange: (value: 'auto' | number) => void;
  labels: {
    /** "Quality": names the control. */
    quality: string;
    /** "Auto", or with the current level: (kbps) => "Auto (256 kbps)". */
    auto: (currentKbps: number | null) => string;
    kbps: (kbps: number) => string;
    /** Shown when there is no adaptive stream yet ("Original"). */
    original?: string;
  };
  className?: string;
}

/**
 * The rendition a preference plays on a stream with these levels: the one asked for, else the highest below it (a
 * "256" preference on a 96 + 160 stream plays 160), else the lowest; 'auto' when asked or when there are none. The
 * player pins this level and the menu shows it as chosen, so neither says "Auto" while a pinned level plays.
 */
export function qualityLevel(preference: 'auto' | number, levels: number[]): 'auto' | number {
  if (preference === 'auto' || levels.length === 0) return 'auto';
  if (levels.includes(preference)) return preference;
  const below = levels.filter((kbps) => kbps <= preference);
  return below.length > 0 ? Math.max(...below) : Math.min(...levels);
}

/**
 * Stream quality: Auto (adaptive) or one of the renditions. A native select, so it works with every input
 * method and screen reader; only the renditions that exist are offered. In a narrow player the select is laid,
 * transparent, over a compact face (an icon and the short choice), so a long "Auto (256 kbps)" is never cut.
 */
export function QualityMenu({ levels, value, currentKbps = null, onChange, labels, className }: QualityMenuProps) {
  const id = useId();
  const sorted = [...new Set(levels)].sort((a, b) => a - b);
  const hasLevels = sorted.length > 0;
  const selected = String(qualityLevel(value, sorted));
  // The compact face (narrow players): what is chosen, short ("Auto", "256 kbps"), over the transparent native select.
  const face = !hasLevels ? (labels.original ?? labels.auto(null)) : selected === 'auto' ? labels.auto(null) : labels.kbps(Number(selected));
  return (
    <div className={cx('vz-quality', className)}>
      <label htmlFor={id} className="vz-quality__label">{labels.quality}</label>
      <span className="vz-quality__face" aria-hidden="true">
        <LevelsIcon className="vz-quality__icon" />
        <span className="vz-quality__face-text">{face}</span>
      </span>
      <select
        id={id}
        className="vz-quality__select"
        value={hasLevels ? selected : 'auto'}
        disabled={!hasLevels}
        onChange={(event) => onChange(event.currentTarget.value === 'auto' ? 'auto' : Number(event.currentTarget.value))}
      >
        <option value="auto">{hasLevels ? labels.auto(currentKbps) : (labels.original ?? labels.auto(null))}</option>
        {sorted.map((kbps) => (
          <option key={kbps} value={String(kbps)}>{labels.kbps(kbps)}</option>
        ))}
      </select>
    </div>
  );
}
