import type { Meta, StoryObj } from '@storybook/react-vite';
import { BarChart } from './bar-chart.tsx';

const series = [
  { key: 'failed', label: 'Failed sign-ins', tone: 'danger' as const },
  { key: 'succeeded', label: 'Successful sign-ins', tone: 'success' as const },
  { key: 'other', label: 'Other events', tone: 'muted' as const },
];

const columns = Array.from({ length: 14 }, (_, i) => ({
  label: `${8 + i} Nov`,
  values: { failed: (i * 7) % 5, succeeded: 3 + ((i * 3) % 8), other: (i * 5) % 4 },
}));

const meta = {
  title: 'Data/BarChart',
  component: BarChart,
  args: { title: 'Events per day', series, columns, columnHeader: 'Day', emptyLabel: 'No events in this period.' },
  decorators: [(Story) => <div style={{ maxWidth: 720 }}><Story /></div>],
} satisfies Meta<typeof BarChart>;
export default meta;
type Story = StoryObj<typeof meta>;

export const TwoWeeks: Story = {};
export const OneDay: Story = { args: { columns: columns.slice(0, 1) } };
export const Empty: Story = { args: { columns: columns.map((c) => ({ label: c.label, values: {} })) } };
export const Narrow: Story = { decorators: [(Story) => <div style={{ maxWidth: 320 }}><Story /></div>] };
