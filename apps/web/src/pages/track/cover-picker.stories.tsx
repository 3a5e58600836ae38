import type { Meta, StoryObj } from '@storybook/react-vite';
import { coverDataUrl, fixtures, states } from '@veza/mocks';
import { userEvent, within } from 'storybook/test';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { CoverPicker } from './cover-picker.tsx';

const NIGHT_DRIVE = fixtures.tracks[0]!;
const screen: ScreenParameters = { session: storyUsers.ana };
const png = () => new File([Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0))], 'cover.png', { type: 'image/png' });
const choose = (file: () => File) => async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  await userEvent.upload(within(canvasElement).getByLabelText(/^Choose/), file(), { applyAccept: false });
};

const meta = {
  title: 'Tracks/CoverPicker',
  component: CoverPicker,
  decorators: [(Story) => <div style={{ maxWidth: 560, padding: 16 }}><Story /></div>, screenDecorator],
  beforeEach: () => resetMocksFor(screen),
  parameters: { screen, msw: mocks() },
  args: { track: { id: NIGHT_DRIVE.id, title: NIGHT_DRIVE.title, coverUrl: null } },
} satisfies Meta<typeof CoverPicker>;
export default meta;
type Story = StoryObj<typeof meta>;

export const NoCover: Story = {};
export const WithCover: Story = { args: { track: { id: NIGHT_DRIVE.id, title: NIGHT_DRIVE.title, coverUrl: coverDataUrl(1) } } };
/** The upload never finishes: preview and progress bar. */
export const Uploading: Story = { parameters: { msw: mocks(states.coverNeverEnds()) }, play: choose(png) };
export const WrongType: Story = { play: choose(() => new File(['GIF89a'], 'cover.gif', { type: 'image/gif' })) };
export const ServerRefuses: Story = {
  parameters: { msw: mocks(states.coverError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Covers must be JPEG, PNG or WebP images.')) },
  play: choose(png),
};
