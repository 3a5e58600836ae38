import { useState } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import { demoPeaks } from './story-fixtures.ts';
import { Waveform } from './waveform.tsx';

const meta = {
  title: 'Player/Waveform',
  component: Waveform,
  args: { peaks: demoPeaks, currentTime: 0, duration: 200, onSeek: fn(), label: 'Seek', valueText: (c: string, t: string) => `${c} of ${t}` },
  decorators: [(Story) => <div style={{ padding: '2rem 1rem', maxWidth: 900 }}><Story /></div>],
} satisfies Meta<typeof Waveform>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Loading: Story = { args: { peaks: null, loading: true, duration: Number.NaN } };
export const NoData: Story = { args: { peaks: null, currentTime: 50 } };
export const PartiallyPlayed: Story = { args: { currentTime: 84 } };
export const Focused: Story = {
  args: { currentTime: 84 },
  play: ({ canvasElement }) => {
    canvasElement.querySelector<HTMLElement>('[role="slider"]')?.focus();
  },
};
export const Compact: Story = { args: { compact: true, bars: 120, currentTime: 130 } };

function Interactive() {
  const [time, setTime] = useState(40);
  return <Waveform peaks={demoPeaks} currentTime={time} duration={200} onSeek={setTime} label="Seek" />;
}
export const ClickDragAndKeys: Story = { render: () => <Interactive /> };
