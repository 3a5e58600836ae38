import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import { QualityMenu } from './quality-menu.tsx';

const labels = { quality: 'Quality', auto: (k: number | null) => (k ? `Auto (${k} kbps)` : 'Auto'), kbps: (k: number) => `${k} kbps`, original: 'Original' };

const meta = {
  title: 'Player/QualityMenu',
  component: QualityMenu,
  args: { levels: [128, 256, 320], value: 'auto', currentKbps: 256, onChange: fn(), labels },
  decorators: [(Story) => <div style={{ padding: '1rem' }}><Story /></div>],
} satisfies Meta<typeof QualityMenu>;
export default meta;
type Story = StoryObj<typeof meta>;

export const AutoShowsCurrentLevel: Story = {};
export const AutoBeforeFirstLevel: Story = { args: { currentKbps: null } };
export const Pinned: Story = { args: { value: 128 } };
/** While processing only the first rendition exists. */
export const OneRendition: Story = { args: { levels: [128], currentKbps: 128 } };
export const OriginalOnly: Story = { args: { levels: [], currentKbps: null } };
export const French: Story = {
  args: { labels: { quality: 'Qualité', auto: (k) => (k ? `Auto (${k} kbit/s)` : 'Auto'), kbps: (k) => `${k} kbit/s`, original: 'Original' } },
};
