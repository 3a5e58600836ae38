import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { anUploadItem, MB } from '../../test/upload-items.ts';
import { resetUploads, type UploadItem } from './store.ts';
import { UploadIndicator } from './upload-indicator.tsx';

const meta = {
  title: 'Features/Upload indicator',
  component: UploadIndicator,
  decorators: [
    (Story) => (
      <div className="vz-shell__actions" style={{ display: 'flex', justifyContent: 'flex-end', padding: '0.5rem' }}>
        <Story />
      </div>
    ),
    screenDecorator,
  ],
  beforeEach: ({ parameters }) => {
    resetMocksFor(parameters.screen as ScreenParameters);
    resetUploads((parameters.uploads as UploadItem[] | undefined) ?? []);
  },
  parameters: { screen: { session: storyUsers.ana } satisfies ScreenParameters, msw: mocks() },
} satisfies Meta<typeof UploadIndicator>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Two files on their way, 45 % of their bytes sent: the ring, the count and the percent. */
export const Uploading: Story = {
  parameters: {
    uploads: [
      anUploadItem('one.wav', { status: 'uploading', bytesTotal: 10 * MB, bytesSent: 7 * MB }),
      anUploadItem('two.wav', { status: 'waiting', bytesTotal: 10 * MB, bytesSent: 2 * MB }),
    ],
  },
  play: async ({ canvasElement }) => {
    const link = within(canvasElement).getByRole('link', { name: 'Uploading 2 files, 45%' });
    await expect(link).toHaveAttribute('href', '/upload');
  },
};

export const OneFileStarting: Story = {
  parameters: { uploads: [anUploadItem('sunrise.flac', { status: 'checking' })] },
};

/** Every file paused by the user. */
export const Paused: Story = {
  parameters: { uploads: [anUploadItem('one.wav', { status: 'paused', bytesSent: 20 * MB })] },
};

/** Nothing running, one failure waiting for the user (they may be on another page). */
export const NeedsAttention: Story = {
  parameters: { uploads: [anUploadItem('one.wav', { status: 'failed', failure: { reason: 'network' } }), anUploadItem('two.wav', { status: 'done', trackId: 'x' })] },
};

/** No upload running: nothing in the header. */
export const Idle: Story = {
  parameters: { uploads: [anUploadItem('done.wav', { status: 'done', trackId: 'x' })] },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).queryByTestId('upload-indicator')).toBeNull();
  },
};

export const French: Story = {
  parameters: {
    screen: { session: storyUsers.ana, language: 'fr' } satisfies ScreenParameters,
    uploads: [anUploadItem('nuit.wav', { status: 'uploading', bytesSent: 8 * MB })],
  },
};

/** At phone width only the ring and the count show; the label still says everything. */
export const Phone: Story = {
  ...Uploading,
  globals: { viewport: { value: 'mobile1' } },
};
