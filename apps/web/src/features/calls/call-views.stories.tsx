import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, within } from 'storybook/test';
import { storyUsers } from '../../test/story-users.ts';
import { mocks, resetMocksFor, screenDecorator, type ScreenParameters } from '../../test/story.tsx';
import { CallSummary } from './call-summary.tsx';
import { CallBar, IncomingCallDialog } from './call-views.tsx';
import './calls.css';

/** Every state of a call: ringing in (modal dialog), calling out, in a call (good, poor, reconnecting, muted), over. */
function CallStates({ state }: { state: 'incoming' | 'outgoing' | 'active' | 'poor' | 'reconnecting' | 'muted' | 'ended' }) {
  const [answeredAt] = useState(() => Date.now() - 125_000);
  const common = { name: 'Marc Dubois', onToggleMute: fn(), onHangup: fn() };
  if (state === 'incoming') return <IncomingCallDialog open name="Marc Dubois" onAccept={fn()} onDecline={fn()} />;
  if (state === 'outgoing') return <CallBar {...common} phase="outgoing" muted={false} connection="connecting" quality={null} answeredAt={null} />;
  if (state === 'ended') {
    return (
      <div style={{ display: 'grid', gap: '0.75rem', padding: '1rem' }}>
        <CallSummary message={{ body: 'Call ended · 12:04', call: { state: 'ended', durationSeconds: 724 } }} />
        <CallSummary message={{ body: 'Missed call', call: { state: 'missed', durationSeconds: null } }} />
        <CallSummary message={{ body: 'Declined call', call: { state: 'rejected', durationSeconds: null } }} />
      </div>
    );
  }
  return (
    <CallBar
      {...common}
      phase="active"
      muted={state === 'muted'}
      connection={state === 'reconnecting' ? 'reconnecting' : 'connected'}
      quality={state === 'poor' ? 'poor' : 'good'}
      answeredAt={answeredAt}
    />
  );
}

const meta = {
  title: 'Features/Calls',
  component: CallStates,
  decorators: [screenDecorator],
  beforeEach: ({ parameters }) => resetMocksFor(parameters.screen as ScreenParameters),
  parameters: { screen: { session: storyUsers.ana } satisfies ScreenParameters, msw: mocks() },
  args: { state: 'incoming' },
} satisfies Meta<typeof CallStates>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The accessible modal (focus on Accept, Escape declines) while the WebAudio ringtone plays. */
export const Incoming: Story = {
  play: async ({ canvasElement }) => {
    const page = within(canvasElement.ownerDocument.body);
    await expect(page.getByRole('dialog', { name: 'Incoming call' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Accept' })).toHaveFocus();
  },
};
export const Outgoing: Story = { args: { state: 'outgoing' } };
export const Active: Story = {
  args: { state: 'active' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const mute = canvas.getByRole('button', { name: 'Mute' });
    await expect(mute).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(canvas.getByRole('button', { name: 'Hang up' }));
  },
};
export const PoorConnection: Story = { args: { state: 'poor' } };
export const Reconnecting: Story = { args: { state: 'reconnecting' } };
export const Muted: Story = { args: { state: 'muted' } };
/** The summaries a DM shows once calls are over. */
export const Ended: Story = { args: { state: 'ended' } };
/** On a phone (390 px): the bar wraps, actions on their own line. */
export const ActiveOnPhone: Story = { args: { state: 'active' }, globals: { viewport: { value: 'mobile1', isRotated: false } } };
