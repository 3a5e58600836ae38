import type { Meta, StoryObj } from '@storybook/react-vite';
import { LoadingState } from './loading-state.tsx';

const meta = {
  title: 'Feedback/LoadingState',
  component: LoadingState,
  args: { label: 'Loading tracks…' },
} satisfies Meta<typeof LoadingState>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const French: Story = { args: { label: 'Chargement des morceaux…' } };
