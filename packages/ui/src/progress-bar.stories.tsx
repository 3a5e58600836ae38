import type { Meta, StoryObj } from '@storybook/react-vite';
import { ProgressBar } from './progress-bar.tsx';

const meta = {
  title: 'Feedback/ProgressBar',
  component: ProgressBar,
  args: { label: 'Uploading night-drive.wav', value: 0.42, valueText: '42%' },
  decorators: [(Story) => <div style={{ maxWidth: 480 }}><Story /></div>],
} satisfies Meta<typeof ProgressBar>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Determinate: Story = {};
export const Indeterminate: Story = { args: { label: 'Transcoding…', value: undefined, valueText: undefined } };
export const Empty: Story = { args: { value: 0, valueText: '0%' } };
export const Complete: Story = { args: { label: 'Upload complete', value: 1, valueText: '100%', tone: 'success' } };
export const Failed: Story = { args: { label: 'Upload failed', value: 0.7, valueText: '70%', tone: 'error' } };
