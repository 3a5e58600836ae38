import type { Meta, StoryObj } from '@storybook/react-vite';
import { Badge, VisibilityBadge } from './badge.tsx';
import { CheckIcon } from './icons.tsx';

const meta = {
  title: 'Feedback/Badge',
  component: Badge,
  args: { children: 'This device' },
} satisfies Meta<typeof Badge>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Neutral: Story = {};
export const Accent: Story = { args: { tone: 'accent', children: 'Admin' } };
export const Success: Story = { args: { tone: 'success', children: 'Verified', icon: <CheckIcon /> } };
export const Warning: Story = { args: { tone: 'warning', children: 'Not verified' } };
export const Danger: Story = { args: { tone: 'danger', children: 'Locked' } };
export const Info: Story = { args: { tone: 'info', children: 'Passkey' } };
export const AllTones: Story = {
  render: () => (
    <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
      {(['neutral', 'accent', 'success', 'warning', 'danger', 'info'] as const).map((tone) => (
        <Badge key={tone} tone={tone}>{tone}</Badge>
      ))}
    </div>
  ),
};
/** Track visibility: nothing for public tracks, a lock for private ones, a link for unlisted ones. */
export const TrackVisibilities: Story = {
  render: () => (
    <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
      <VisibilityBadge visibility="private" label="Private" />
      <VisibilityBadge visibility="unlisted" label="Unlisted" />
      <VisibilityBadge visibility="public" label="Public (not shown)" />
    </div>
  ),
};
