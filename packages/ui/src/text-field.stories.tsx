import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import { TextField } from './text-field.tsx';

const meta = {
  title: 'Forms/TextField',
  component: TextField,
  args: { label: 'Email', name: 'email', type: 'email', autoComplete: 'email', onChange: fn() },
  decorators: [(Story) => <div style={{ maxWidth: 420 }}><Story /></div>],
} satisfies Meta<typeof TextField>;
export default meta;
type Story = StoryObj<typeof TextField>;

export const Default: Story = {};
export const WithHint: Story = { args: { label: 'Password', type: 'password', hint: 'At least 10 characters.' } };
export const Required: Story = { args: { required: true } };
export const WithError: Story = {
  args: { defaultValue: 'not-an-email', error: 'Enter a valid email address.', hint: 'We never share it.' },
};
export const Disabled: Story = { args: { disabled: true, defaultValue: 'dj@veza.fm' } };
export const Multiline: Story = {
  args: { multiline: true, label: 'Description', name: 'description', hint: 'Up to 2,000 characters.', rows: 5 },
};
