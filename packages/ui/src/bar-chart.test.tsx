import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BarChart } from './bar-chart.tsx';

const series = [
  { key: 'failed', label: 'Failed', tone: 'danger' as const },
  { key: 'ok', label: 'Succeeded', tone: 'success' as const },
];

describe('BarChart', () => {
  it('stacks one rectangle per non-zero value, scaled to the tallest column, and lists the data in a table', () => {
    const { container } = render(
      <BarChart title="Events" series={series} columnHeader="Day" emptyLabel="None"
        columns={[{ label: 'Mon', values: { failed: 1, ok: 3 } }, { label: 'Tue', values: { ok: 2 } }]} />,
    );
    const rects = [...container.querySelectorAll('rect')];
    expect(rects).toHaveLength(3);
    expect(rects.map((r) => Number(r.getAttribute('height')))).toEqual([25, 75, 50]);
    const table = screen.getByRole('table', { name: 'Events' });
    expect(within(table).getAllByRole('row').map((row) => row.textContent)).toEqual(['DayFailedSucceeded', 'Mon13', 'Tue02']);
  });

  it('says so when there is nothing to draw', () => {
    const { container } = render(<BarChart title="Events" series={series} columnHeader="Day" emptyLabel="No events." columns={[{ label: 'Mon', values: {} }]} />);
    expect(screen.getByText('No events.')).toBeTruthy();
    expect(container.querySelector('svg')).toBeNull();
  });
});
