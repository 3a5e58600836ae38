import type { Meta, StoryObj } from '@storybook/react-vite';
import { Button } from './button.tsx';
import { Card } from './card.tsx';
import { TextField } from './text-field.tsx';

const meta = {
  title: 'Layout/Card',
  component: Card,
  args: { title: 'Sign in', children: <p style={{ margin: 0 }}>Card content goes here.</p> },
  decorators: [(Story) => <div style={{ maxWidth: 480 }}><Story /></div>],
} satisfies Meta<typeof Card>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Untitled: Story = { args: { title: undefined } };
export const WithDescriptionAndActions: Story = {
  args: {
    title: 'Your tracks',
    description: '12 tracks, 3 drafts',
    actions: <Button type="button" size="sm" variant="secondary">Manage</Button>,
  },
};
export const Form: Story = {
  args: {
    children: (
      <form onSubmit={(event) => event.preventDefault()}>
        <TextField label="Email" name="email" type="email" autoComplete="email" required />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
        <Button type="submit">Sign in</Button>
      </form>
    ),
  },
};
