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
/** A picture (a data URL here); a broken one falls back to the initials. */
const PICTURE = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#2b6f77"/><circle cx="32" cy="26" r="12" fill="#f3c98b"/><rect x="12" y="42" width="40" height="22" rx="11" fill="#f3c98b"/></svg>')}`;
export const WithPicture: Story = { args: { src: PICTURE, size: 'lg' } };
export const ExtraLarge: Story = { args: { src: PICTURE, size: 'xl' } };
export const BrokenPicture: Story = { args: { src: '/missing.webp', size: 'lg' } };
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
