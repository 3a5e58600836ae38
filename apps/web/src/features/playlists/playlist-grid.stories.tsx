import type { Meta, StoryObj } from '@storybook/react-vite';
import type { PlaylistDto } from '@veza/api';
import { coverDataUrl, fixtures } from '@veza/mocks';
import { screenDecorator } from '../../test/story.tsx';
import { PlaylistGrid } from './playlist-grid.tsx';

const owner = { id: fixtures.ana.id, username: 'ana', displayName: 'Ana Lima' };
const aPlaylist = (n: number, overrides: Partial<PlaylistDto> = {}): PlaylistDto => ({
  id: `7c000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  title: `Playlist ${n}`,
  description: null,
  isPublic: true,
  owner,
  coverUrl: null,
  artworkUrls: [],
  trackCount: 3,
  durationMs: 11 * 60_000,
  likeCount: 0,
  repostCount: 0,
  likedByMe: false,
  repostedByMe: false,
  myRole: 'owner',
  canEdit: true,
  version: 1,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  ...overrides,
});

const playlists = [
  aPlaylist(1, { title: 'Late night drives', artworkUrls: [coverDataUrl(1), coverDataUrl(2), coverDataUrl(4), coverDataUrl(6)], trackCount: 14, durationMs: 72 * 60_000 }),
  aPlaylist(2, { title: 'Sketches', isPublic: false, artworkUrls: [coverDataUrl(4)], trackCount: 1, durationMs: 64_000 }),
  aPlaylist(3, { title: 'An empty one, with a rather long title that wraps on small screens', trackCount: 0, durationMs: 0 }),
  aPlaylist(4, { title: 'Sunday mornings', coverUrl: coverDataUrl(9) }),
];

const meta = {
  title: 'Features/Playlists/Playlist grid',
  component: PlaylistGrid,
  decorators: [screenDecorator],
  args: { playlists, label: 'Playlists by Ana Lima' },
} satisfies Meta<typeof PlaylistGrid>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A mosaic of four covers, one cover, the gradient without any; a private one with its badge. */
export const Grid: Story = {};
export const WithOwners: Story = { args: { showOwner: true } };
export const OnPhone: Story = { globals: { viewport: { value: 'mobile2', isRotated: false } } };
