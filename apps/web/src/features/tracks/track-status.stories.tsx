import type { Meta, StoryObj } from '@storybook/react-vite';
import { aTrack } from '@veza/mocks';
import { mocks, screenDecorator } from '../../test/story.tsx';
import { TrackStatus } from './track-status.tsx';

/** Processing status of a track. In Storybook subscriptions are idle: each story shows one state. */
const meta = {
  title: 'Tracks/TrackStatus',
  component: TrackStatus,
  decorators: [screenDecorator, (Story) => <div style={{ maxWidth: 520, padding: 16 }}><Story /></div>],
  parameters: { msw: mocks() },
  args: { track: aTrack({ status: 'queued', processingPercent: 0, hls: null }) },
} satisfies Meta<typeof TrackStatus>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Queued: Story = {};
export const Processing: Story = { args: { track: aTrack({ status: 'processing', processingPercent: 42, hls: null }) } };
/** Shown in the upload list; the track page shows nothing once a track is ready. */
export const Ready: Story = { args: { track: aTrack({ status: 'ready', processingPercent: 100 }), showReady: true } };
export const Failed: Story = {
  args: { track: aTrack({ status: 'failed', processingPercent: 0, hls: null, failureReason: 'The audio could not be decoded after 1:12: the file seems to be cut short.' }) },
};
export const FailedWithoutReason: Story = { args: { track: aTrack({ status: 'failed', processingPercent: 0, hls: null, failureReason: null }) } };
