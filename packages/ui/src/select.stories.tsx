import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import { Select } from './select.tsx';

const genres = [
  { value: 'electronic', label: 'Electronic' },
  { value: 'hiphop', label: 'Hip-hop' },
  { value: 'jazz', label: 'Jazz' },
  { value: 'ambient', label: 'Ambient' },
];

const meta = {
  title: 'Forms/Select',
  component: Select,
  args: { label: 'Genre', name: 'genre', options: genres, onChange: fn() },
  decorators: [(Story) => <div style={{ maxWidth: 420 }}><Story /></div>],
} satisfies Meta<typeof Select>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const WithPlaceholder: Story = { args: { placeholder: 'Choose a genre…', defaultValue: '' } };
export const WithError: Story = { args: { placeholder: 'Choose a genre…', defaultValue: '', error: 'Pick a genre.' } };
export const Disabled: Story = { args: { disabled: true } };
