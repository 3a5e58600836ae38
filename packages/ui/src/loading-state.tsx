import { cx } from './cx.ts';
import { Spinner } from './spinner.tsx';

export interface LoadingStateProps {
  label: string;
  className?: string;
}

/** A centred spinner with visible text, for a page or section that is loading. */
export function LoadingState({ label, className }: LoadingStateProps) {
  return (
    <div className={cx('vz-state', 'vz-state--loading', className)} role="status">
      <Spinner size="lg" />
      <p className="vz-state__title">{label}</p>
    </div>
  );
}
