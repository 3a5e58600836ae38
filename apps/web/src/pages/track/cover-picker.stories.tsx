import type { Meta, StoryObj } from '@storybook/react-vite';
import { coverDataUrl, fixtures } from '@veza/mocks';
import { useState } from 'react';
import { expect, userEvent, within } from 'storybook/test';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { CoverPicker, KEEP_COVER, type CoverChange, type CoverPickerProps } from './cover-picker.tsx';

const NIGHT_DRIVE = fixtures.tracks[0]!;
const screen: ScreenParameters = { session: storyUsers.ana };
const png = () => new File([Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0))], 'cover.png', { type: 'image/png' });
/** Picks `file` through the drop zone, found by its label (in English unless told otherwise). */
const choose = (file: () => File, label: RegExp = /^Choose/) => async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  await userEvent.upload(within(canvasElement).getByLabelText(label), file(), { applyAccept: false });
};

/** The picker holds no state of its own: the edit form stages the change; here a story does. */
function Staged(props: Omit<CoverPickerProps, 'change' | 'onChange'> & { initial?: CoverChange }) {
  const [change, setChange] = useState<CoverChange>(props.initial ?? KEEP_COVER);
  return <CoverPicker {...props} change={change} onChange={setChange} />;
}

const meta = {
  title: 'Tracks/CoverPicker',
  component: Staged,
  decorators: [(Story) => <div style={{ maxWidth: 560, padding: 16 }}><Story /></div>, screenDecorator],
  beforeEach: () => resetMocksFor(screen),
  parameters: { screen, msw: mocks() },
  args: { track: { id: NIGHT_DRIVE.id, title: NIGHT_DRIVE.title, coverUrl: null } },
} satisfies Meta<typeof Staged>;
export default meta;
type Story = StoryObj<typeof meta>;

const withCover = { id: NIGHT_DRIVE.id, title: NIGHT_DRIVE.title, coverUrl: coverDataUrl(1) };

/** No cover: the track's generated placeholder art. */
export const NoCover: Story = {};
export const WithCover: Story = { args: { track: withCover } };
/** An image is chosen: previewed and announced, not sent until Save. */
export const StagedCover: Story = { args: { track: withCover }, play: choose(png) };
export const StagedRemoval: Story = { args: { track: withCover, initial: { kind: 'remove' } } };
/** Save was pressed: the staged image is being sent. */
export const Uploading: Story = { args: { initial: { kind: 'replace', file: png() }, progress: 0.4, disabled: true } };
export const WrongType: Story = { play: choose(() => new File(['GIF89a'], 'cover.gif', { type: 'image/gif' })) };
/** The server refused the image on Save. */
export const ServerRefused: Story = {
  args: { initial: { kind: 'replace', file: png() }, error: 'Covers must be JPEG, PNG or WebP images.' },
};
/** In French: the drop zone's label and the staged announcement are translated. */
export const French: Story = {
  args: { track: withCover },
  parameters: { screen: { ...screen, language: 'fr' } },
  play: async (context) => {
    await choose(png, /^Choisissez une autre image/)(context);
    await expect(within(context.canvasElement).getByRole('status')).toHaveTextContent(/^Nouvelle pochette choisie/);
  },
};
