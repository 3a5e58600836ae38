import type { Meta, StoryObj } from '@storybook/react-vite';
import { Avatar } from './avatar.tsx';

const meta = {
  title: 'Components/Avatar',
  component: Avatar,
  args: { name: 'Nina Kraviz' },
} satisfies Meta<typeof Avatar>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Small: Story = { args: { size: 'sm' } };
export const Large: Story = { args: { size: 'lg' } };
export const SingleName: Story = { args: { name: 'moby' } };
export const Many: Story = {
  render: () => (
    <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
      {['Aphex Twin', 'Björk', 'Four Tet', 'Jon Hopkins', 'Caribou', 'Floating Points', 'Élodie Martin'].map((name) => (
        <Avatar key={name} name={name} />
      ))}
    </div>
  ),
};
