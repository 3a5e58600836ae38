import type { Meta, StoryObj } from '@storybook/react-vite';
import { Button } from './button.tsx';
import { Notice } from './notice.tsx';

const meta = {
  title: 'Feedback/Notice',
  component: Notice,
  args: { title: 'Check your inbox', children: 'We sent a link to new@example.com. The change applies when you open it.' },
  decorators: [(Story) => <div style={{ maxWidth: 640 }}><Story /></div>],
} satisfies Meta<typeof Notice>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Info: Story = {};
export const Success: Story = { args: { tone: 'success', title: 'Email verified', children: undefined, live: 'status' } };
export const Warning: Story = {
  args: {
    tone: 'warning',
    title: 'Your account will be deleted on 21 December 2026',
    children: 'Until then you can change your mind.',
    action: <Button type="button" size="sm" variant="secondary">Cancel deletion</Button>,
  },
};
export const Danger: Story = { args: { tone: 'danger', title: 'Could not link the account', children: 'That account is already linked to another Veza user.', live: 'alert' } };
