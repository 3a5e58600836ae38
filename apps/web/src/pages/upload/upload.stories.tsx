import type { Meta, StoryObj } from '@storybook/react-vite';
import { fixtures } from '@veza/mocks';
import { expect, within } from 'storybook/test';
import { resetUploads, type UploadItem } from '../../features/uploads/store.ts';
import { storyUsers } from '../../test/story-users.ts';
import { anUploadItem, MB } from '../../test/upload-items.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { UploadPage } from './upload.page.tsx';

const anItem = anUploadItem;

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

/** Just added: the browser reads the first bytes and the tags before sending anything. */
export const Checking: Story = {
  parameters: { uploads: [anItem('sunrise.flac', { status: 'checking', details: { title: 'sunrise', tags: [], visibility: 'public' } })] },
};

/** A text file named like an MP3: refused in the browser, nothing sent, no "Try again". */
export const Rejected: Story = {
  parameters: { uploads: [anItem('fake.mp3', { status: 'rejected', rejection: 'type', bytesTotal: 2048 })] },
  play: async ({ canvasElement }) => {
    const row = within(canvasElement).getByRole('group', { name: 'fake.mp3' });
    await expect(within(row).getByRole('alert')).toHaveTextContent('is not an audio file we accept');
    await expect(within(row).queryByRole('button', { name: /again/ })).toBeNull();
  },
};

/** Sending, with details the user set meanwhile: already saved beside the upload, so the track is created with them. */
export const Uploading: Story = {
  parameters: {
    uploads: [
      anItem('night-drive.wav', {
        status: 'uploading',
        bytesSent: Math.round(0.37 * 32 * MB),
        uploadId: 'f3a9c2',
        details: { title: 'Night Drive (live)', tags: ['synthwave', 'night'], visibility: 'unlisted' },
        saved: { title: 'Night Drive (live)', tags: ['synthwave', 'night'], visibility: 'unlisted' },
        titleEdited: true,
      }),
    ],
  },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('Changes saved.')).toBeInTheDocument();
  },
};

/** Waiting for a free slot, with details already set: they go with the file when its upload starts. */
export const WaitingWithDetails: Story = {
  parameters: {
    uploads: [
      anItem('night-drive.wav', {
        status: 'waiting',
        details: { title: 'Night Drive', tags: ['dub'], visibility: 'private' },
      }),
    ],
  },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('Your changes go with the file when its upload starts.')).toBeInTheDocument();
  },
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

/** The upload itself failed and trying again cannot help: the server's reason, and only "Remove". */
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

/** The connection dropped: "Try again" continues where it stopped. */
export const FailedRetryable: Story = {
  parameters: { uploads: [anItem('night-drive.wav', { status: 'failed', bytesSent: 12 * MB, failure: { reason: 'network' } })] },
};

/** Uploaded, but the details typed meanwhile could not be saved: the reason and "Save again". */
export const SaveFailed: Story = {
  parameters: {
    uploads: [
      anItem('night-drive.mp3', {
        status: 'done',
        bytesSent: 32 * MB,
        uploadId: 'b71e04',
        trackId: READY,
        details: { title: 'Night Drive', tags: ['dub'], visibility: 'private' },
        saved: { title: 'Night Drive', tags: [], visibility: 'public' },
        saveError: { message: 'Only the owner can change this track.' },
      }),
    ],
  },
};

/** Uploaded, but processing failed: the reason in plain words. */
export const ProcessingFailed: Story = {
  parameters: { uploads: [anItem('tape-hiss.ogg', { status: 'done', bytesSent: 32 * MB, trackId: PROCESSING_FAILED })] },
};

/** A busy list: two uploading, one waiting for a slot, one paused, one failed, one refused, one done. */
export const Queue: Story = {
  parameters: {
    uploads: [
      anItem('01-intro.wav', { status: 'uploading', bytesSent: 20 * MB }),
      anItem('02-night-drive.wav', { status: 'uploading', bytesSent: Math.round(0.37 * 32 * MB) }),
      anItem('03-rue-des-martyrs.flac', { status: 'waiting' }),
      anItem('04-demo.wav', { status: 'paused', bytesSent: 3 * MB }),
      anItem('05-broken.wav', { status: 'failed', bytesSent: 32 * MB, failure: { reason: 'http', status: 422, code: 'UNPROCESSABLE_CONTENT', message: 'This audio file is damaged or incomplete and could not be read.' } }),
      anItem('05b-notes.mp3', { status: 'rejected', rejection: 'type', bytesTotal: 3000 }),
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
      anItem('faux.mp3', { status: 'rejected', rejection: 'type', bytesTotal: 3000 }),
    ],
  },
};
