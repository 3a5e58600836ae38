import { useId } from 'react';
import { cx } from './cx.ts';
import './bar-chart.css';

export interface BarChartSeries {
  key: string;
  label: string;
  /** Colour of the series: one of the theme tones. */
  tone: 'success' | 'danger' | 'info' | 'accent' | 'muted';
}

export interface BarChartColumn {
  /** Short label under the bar (e.g. "21 Nov"). */
  label: string;
  /** One value per series key; missing keys count as 0. */
  values: Record<string, number>;
}

export interface BarChartProps {
  /** Names the chart for assistive technology and as a caption. */
  title: string;
  series: BarChartSeries[];
  columns: BarChartColumn[];
  /** Header of the label column in the data table (e.g. "Day"). */
  columnHeader: string;
  /** Shown instead of the bars when every value is 0. */
  emptyLabel: string;
  /** Chart height in CSS pixels (the width follows its container). */
  height?: number;
  className?: string;
}

const VIEW_WIDTH = 600;

/**
 * Stacked bars in plain SVG, one column per label, with a legend. The same numbers are in a visually
 * hidden table, so screen readers get the data rather than a picture.
 */
export function BarChart({ title, series, columns, columnHeader, emptyLabel, height = 160, className }: BarChartProps) {
  const id = useId();
  const totals = columns.map((column) => series.reduce((sum, s) => sum + (column.values[s.key] ?? 0), 0));
  const max = Math.max(0, ...totals);
  const gap = columns.length > 1 ? Math.min(8, VIEW_WIDTH / columns.length / 4) : 0;
  const barWidth = columns.length > 0 ? (VIEW_WIDTH - gap * (columns.length - 1)) / columns.length : 0;
  const plotHeight = 100;

  return (
    <figure className={cx('vz-chart', className)} aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="vz-chart__title">{title}</figcaption>
      <ul className="vz-chart__legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.key}><span className={`vz-chart__swatch vz-chart--${s.tone}`} />{s.label}</li>
        ))}
      </ul>
      {max === 0 ? (
        <p className="vz-chart__empty">{emptyLabel}</p>
      ) : (
        <div aria-hidden="true">
          <svg className="vz-chart__svg" viewBox={`0 0 ${VIEW_WIDTH} ${plotHeight}`} preserveAspectRatio="none" style={{ height }} focusable="false">
            {columns.map((column, index) => {
              let y = plotHeight;
              const x = index * (barWidth + gap);
              return (
                <g key={column.label}>
                  {series.map((s) => {
                    const value = column.values[s.key] ?? 0;
                    if (value <= 0) return null;
                    const h = (value / max) * plotHeight;
                    y -= h;
                    return <rect key={s.key} className={`vz-chart--${s.tone}`} x={x} y={y} width={barWidth} height={h} />;
                  })}
                </g>
              );
            })}
          </svg>
          <div className="vz-chart__labels">
            {columns.map((column, index) => (
              <span key={column.label} style={{ flex: 1 }}>{columns.length <= 10 || index % Math.ceil(columns.length / 8) === 0 ? column.label : ''}</span>
            ))}
          </div>
        </div>
      )}
      {/* Hidden by a wrapper, not on the table: a table ignores width: 1px and would widen the page on a phone. */}
      <div className="vz-sr-only">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{columnHeader}</th>
              {series.map((s) => <th key={s.key} scope="col">{s.label}</th>)}
            </tr>
          </thead>
          <tbody>
            {columns.map((column) => (
              <tr key={column.label}>
                <th scope="row">{column.label}</th>
                {series.map((s) => <td key={s.key}>{column.values[s.key] ?? 0}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
