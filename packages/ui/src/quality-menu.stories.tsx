import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import { QualityMenu } from './quality-menu.tsx';

const labels = { quality: 'Quality', auto: (k: number | null) => (k ? `Auto (${k} kbps)` : 'Auto'), kbps: (k: number) => `${k} kbps`, original: 'Original' };

const meta = {
  title: 'Player/QualityMenu',
  component: QualityMenu,
  args: { levels: [96, 160, 256], value: 'auto', currentKbps: 160, onChange: fn(), labels },
  decorators: [(Story) => <div style={{ padding: '1rem' }}><Story /></div>],
} satisfies Meta<typeof QualityMenu>;
export default meta;
type Story = StoryObj<typeof meta>;

export const AutoShowsCurrentLevel: Story = {};
export const AutoBeforeFirstLevel: Story = { args: { currentKbps: null } };
export const Pinned: Story = { args: { value: 96 } };
/** A preference this stream lacks (a "320" kept from the old ladder) shows the rendition that really plays: 256. */
export const PinnedAboveStream: Story = { args: { value: 320 } };
/** While processing only the first rendition exists; a 64 kbps MP3 upload only ever gets one, at its own rate. */
export const OneRendition: Story = { args: { levels: [64], currentKbps: 64 } };
/** A track still on the old ladder, labelled by what its levels measure: its "320" rendition carries 224 kbps. */
export const MeasuredOldLadder: Story = { args: { levels: [128, 224, 256], currentKbps: 224 } };
export const OriginalOnly: Story = { args: { levels: [], currentKbps: null } };
export const French: Story = {
  args: { labels: { quality: 'Qualité', auto: (k) => (k ? `Auto (${k} kbit/s)` : 'Auto'), kbps: (k) => `${k} kbit/s`, original: 'Original' } },
};
