import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import { FileDrop } from './file-drop.tsx';

const meta = {
  title: 'Forms/FileDrop',
  component: FileDrop,
  args: {
    label: 'Drop an audio file here, or click to choose one',
    hint: 'WAV, FLAC, MP3 or OGG, up to 500 MB.',
    accept: 'audio/*',
    onFile: fn(),
  },
  decorators: [(Story) => <div style={{ maxWidth: 560 }}><Story /></div>],
} satisfies Meta<typeof FileDrop>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const WithError: Story = { args: { error: 'This file is not an audio file.' } };
export const Disabled: Story = { args: { disabled: true } };
export const NoHint: Story = { args: { hint: undefined } };
