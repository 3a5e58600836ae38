import type { Meta, StoryObj } from '@storybook/react-vite';
import { states } from '@veza/mocks';
import { expect, userEvent, within } from 'storybook/test';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { UploadPage } from './upload.page.tsx';

const meta = {
  title: 'Screens/Upload',
  component: UploadPage,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => resetMocksFor(parameters.screen as ScreenParameters),
  parameters: {
    layout: 'fullscreen',
    screen: { path: '/upload', url: '/upload', session: storyUsers.ana } satisfies ScreenParameters,
    msw: mocks(),
  },
} satisfies Meta<typeof UploadPage>;
export default meta;
type Story = StoryObj<typeof meta>;

const chooseFile = (name: string, type = 'audio/wav') => async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  const canvas = within(canvasElement);
  await userEvent.upload(canvas.getByLabelText(/^Choose an audio file/), new File([new Uint8Array(4096)], name, { type }));
  await userEvent.click(canvas.getByRole('button', { name: 'Upload' }));
};

export const Default: Story = {};

export const NoFileChosen: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Upload' }));
    await expect(canvas.getByText('Choose an audio file first.')).toBeVisible();
  },
};

/** The upload never finishes: the progress bar and the cancel button. */
export const Uploading: Story = {
  parameters: { msw: mocks(states.uploadNeverEnds()) },
  play: chooseFile('night-drive.wav'),
};

export const UnsupportedFormat: Story = {
  parameters: { msw: mocks(states.uploadError(415, 'UNSUPPORTED_MEDIA_TYPE', 'This file is not a supported audio format. Upload MP3, WAV, FLAC, OGG/Opus, M4A/AAC or AIFF.')) },
  play: chooseFile('not-really-audio.wav'),
};

export const TooLarge: Story = {
  parameters: { msw: mocks(states.uploadError(413, 'PAYLOAD_TOO_LARGE', 'This file is too large. The limit is 200 MB.')) },
  play: chooseFile('live-set.wav'),
};

export const French: Story = {
  parameters: { screen: { path: '/upload', url: '/upload', session: storyUsers.ana, language: 'fr' } satisfies ScreenParameters },
};
