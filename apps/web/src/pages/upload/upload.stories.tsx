import type { Meta, StoryObj } from '@storybook/react-vite';
import { fixtures } from '@veza/mocks';
import { expect, within } from 'storybook/test';
import { resetUploads, type UploadItem } from '../../features/uploads/store.ts';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { UploadPage } from './upload.page.tsx';

const MB = 1024 * 1024;
let n = 0;
/** An upload list entry in a given state (the store is filled directly: no tus server in Storybook). */
const anItem = (name: string, overrides: Partial<UploadItem> = {}): UploadItem => {
  const size = overrides.bytesTotal ?? 32 * MB;
  return {
    id: `story-${++n}`,
    // A small stand-in: the list shows `bytesTotal`, and the size line reads `file.size`.
    file: Object.defineProperty(new File([new Uint8Array(8)], name, { type: 'audio/wav' }), 'size', { value: size }),
    title: '',
    status: 'idle',
    bytesSent: 0,
    bytesTotal: size,
    failure: null,
    trackId: null,
    ...overrides,
  };
};

const PROCESSING = fixtures.tracks[2]!.id; // Paper Lanterns, processing at 42%
const READY = fixtures.tracks[0]!.id; // Night Drive
const PROCESSING_FAILED = fixtures.tracks[4]!.id; // Tape Hiss Lullaby, failed with a reason

const meta = {
  title: 'Screens/Upload',
  component: UploadPage,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => {
    resetMocksFor(parameters.screen as ScreenParameters);
    resetUploads((parameters.uploads as UploadItem[] | undefined) ?? []);
  },
  parameters: {
    layout: 'fullscreen',
    screen: { path: '/upload', url: '/upload', session: storyUsers.ana } satisfies ScreenParameters,
    msw: mocks(),
  },
} satisfies Meta<typeof UploadPage>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Nothing chosen yet. */
export const Empty: Story = {
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('No files yet. Add one or more audio files to begin.')).toBeVisible();
  },
};

/** Two files chosen, titles still editable, waiting for "Upload 2 files". */
export const NotStarted: Story = {
  parameters: { uploads: [anItem('sunrise.wav', { title: 'Sunrise' }), anItem('night-drive.flac', { bytesTotal: 48 * MB })] },
};

export const Uploading: Story = {
  parameters: { uploads: [anItem('night-drive.wav', { status: 'uploading', bytesSent: Math.round(0.37 * 32 * MB) })] },
};

export const Paused: Story = {
  parameters: { uploads: [anItem('night-drive.wav', { status: 'paused', bytesSent: Math.round(0.61 * 32 * MB) })] },
};

/** The bytes are on the server; the track is being transcoded (live through `tracks.onStatus`). */
export const Processing: Story = {
  parameters: { uploads: [anItem('paper-lanterns.wav', { status: 'done', bytesSent: 32 * MB, trackId: PROCESSING })] },
};

export const Ready: Story = {
  parameters: { uploads: [anItem('night-drive.mp3', { status: 'done', bytesSent: 32 * MB, trackId: READY })] },
};

/** The upload itself failed: the server's reason, and "Try again". */
export const Failed: Story = {
  parameters: {
    uploads: [
      anItem('live-set.wav', {
        status: 'failed',
        bytesTotal: 420 * MB,
        bytesSent: 8 * MB,
        failure: { reason: 'http', status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'This file is too large. The limit is 200 MB.' },
      }),
    ],
  },
};

/** Uploaded, but processing failed: the reason in plain words. */
export const ProcessingFailed: Story = {
  parameters: { uploads: [anItem('tape-hiss.ogg', { status: 'done', bytesSent: 32 * MB, trackId: PROCESSING_FAILED })] },
};

/** A busy list: two uploading, one waiting for a slot, one paused, one failed, one done. */
export const Queue: Story = {
  parameters: {
    uploads: [
      anItem('01-intro.wav', { status: 'uploading', bytesSent: 20 * MB }),
      anItem('02-night-drive.wav', { status: 'uploading', bytesSent: Math.round(0.37 * 32 * MB) }),
      anItem('03-rue-des-martyrs.flac', { status: 'waiting' }),
      anItem('04-demo.wav', { status: 'paused', bytesSent: 3 * MB }),
      anItem('05-broken.wav', { status: 'failed', bytesSent: 32 * MB, failure: { reason: 'http', status: 422, code: 'UNPROCESSABLE_CONTENT', message: 'This audio file is damaged or incomplete and could not be read.' } }),
      anItem('06-paper-lanterns.wav', { status: 'done', bytesSent: 32 * MB, trackId: PROCESSING }),
    ],
  },
};

export const French: Story = {
  parameters: {
    screen: { path: '/upload', url: '/upload', session: storyUsers.ana, language: 'fr' } satisfies ScreenParameters,
    uploads: [
      anItem('nuit.wav', { status: 'uploading', bytesSent: Math.round(0.37 * 32 * MB) }),
      anItem('coupure.wav', { status: 'failed', bytesSent: 2 * MB, failure: { reason: 'network' } }),
    ],
  },
};
