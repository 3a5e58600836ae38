import { useState } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import { LikeButton } from './like-button.tsx';

const meta = {
  title: 'Components/LikeButton',
  component: LikeButton,
  args: { liked: false, count: 128, onToggle: fn(), likeLabel: 'Like', unlikeLabel: 'Unlike' },
} satisfies Meta<typeof LikeButton>;
export default meta;
type Story = StoryObj<typeof meta>;

export const NotLiked: Story = {};
export const Liked: Story = { args: { liked: true, count: 129 } };
export const Pending: Story = { args: { liked: true, pending: true } };
export const Disabled: Story = { args: { disabled: true } };
export const Small: Story = { args: { size: 'sm' } };
export const LargeCount: Story = { args: { count: 12_400 } };
export const French: Story = { args: { likeLabel: 'J’aime', unlikeLabel: 'Je n’aime plus', count: 12_400, locale: 'fr' } };

function InteractiveLike() {
  const [liked, setLiked] = useState(false);
  return (
    <LikeButton
      liked={liked}
      count={liked ? 43 : 42}
      onToggle={() => setLiked((value) => !value)}
      likeLabel="Like"
      unlikeLabel="Unlike"
    />
  );
}
export const Interactive: Story = { render: () => <InteractiveLike /> };
