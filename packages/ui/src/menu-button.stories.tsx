import type { Meta, StoryObj } from '@storybook/react-vite';
import { fn } from 'storybook/test';
import { MenuButton } from './menu-button.tsx';

const meta = {
  title: 'Actions/MenuButton',
  component: MenuButton,
  args: {
    label: 'Queue actions for “Night Drive”',
    items: [
      { id: 'next', label: 'Play next', onSelect: fn() },
      { id: 'last', label: 'Add to queue', onSelect: fn() },
    ],
  },
  decorators: [(Story) => <div style={{ padding: '1rem 1rem 8rem 14rem' }}><Story /></div>],
} satisfies Meta<typeof MenuButton>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Closed: Story = {};
export const Open: Story = {
  play: ({ canvasElement }) => {
    canvasElement.querySelector<HTMLButtonElement>('button')?.click();
  },
};
