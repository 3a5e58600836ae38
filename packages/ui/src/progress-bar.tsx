import { useId } from 'react';
import { cx } from './cx.ts';

export interface ProgressBarProps {
  /** Fraction done, 0..1. Leave undefined for an indeterminate bar. */
  value?: number;
  label: string;
  /** Human text for the value, e.g. "42% uploaded"; also shown beside the label. */
  valueText?: string;
  tone?: 'accent' | 'success' | 'error';
  className?: string;
}

export function ProgressBar({ value, label, valueText, tone = 'accent', className }: ProgressBarProps) {
  const labelId = useId();
  const determinate = value !== undefined && Number.isFinite(value);
  const percent = determinate ? Math.round(Math.min(1, Math.max(0, value)) * 100) : undefined;
  return (
    <div className={cx('vz-progress', `vz-progress--${tone}`, !determinate && 'vz-progress--indeterminate', className)}>
      <div className="vz-progress__meta">
        <span id={labelId} className="vz-progress__label">{label}</span>
        {valueText && <span className="vz-progress__value" aria-hidden="true">{valueText}</span>}
      </div>
      <div
        className="vz-progress__track"
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={valueText}
      >
        <div className="vz-progress__fill" style={percent === undefined ? undefined : { width: `${percent}%` }} />
      </div>
    </div>
  );
}
