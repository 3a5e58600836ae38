import type { Meta, StoryObj } from '@storybook/react-vite';
import { Button } from './button.tsx';
import { EmptyState } from './empty-state.tsx';
import { HeartIcon } from './icons.tsx';

const meta = {
  title: 'Feedback/EmptyState',
  component: EmptyState,
  args: { title: 'No tracks yet', description: 'Upload your first track and it will show up here.' },
} satisfies Meta<typeof EmptyState>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const WithAction: Story = { args: { action: <Button type="button">Upload a track</Button> } };
export const CustomIcon: Story = { args: { title: 'No likes yet', description: undefined, icon: <HeartIcon /> } };
export const NoIcon: Story = { args: { icon: null } };
