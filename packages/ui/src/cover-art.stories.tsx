import type { Meta, StoryObj } from '@storybook/react-vite';
import { CoverArt } from './cover-art.tsx';

const cover = `data:image/svg+xml;charset=utf-8,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#e0803a"/><circle cx="5" cy="5" r="3" fill="#2b1a40"/></svg>')}`;

const meta = {
  title: 'Tracks/CoverArt',
  component: CoverArt,
  args: { seed: '0b8e6a4e-3f7d-4a51-9a36-5d0c2e8f1a01' },
  decorators: [(Story) => <div style={{ width: 160 }}><Story /></div>],
} satisfies Meta<typeof CoverArt>;
export default meta;
type Story = StoryObj<typeof meta>;

/** No cover: the generated placeholder for this track id. */
export const Placeholder: Story = {};
export const WithCover: Story = { args: { src: cover, alt: 'Cover of “Night Drive”' } };
/** Twelve track ids, twelve placeholders (each one stable for its id). */
export const Placeholders: Story = {
  decorators: [(Story) => <div style={{ width: 'auto' }}><Story /></div>],
  render: () => (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, 96px)', gap: 12 }}>
      {Array.from({ length: 12 }, (_, i) => <CoverArt key={i} seed={`track-${i}-${i * 7919}`} />)}
    </div>
  ),
};
