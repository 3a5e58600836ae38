import { act, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderScreen } from '../../test/render.tsx';
import { CallButton } from './call-button.tsx';
import { useCall, type CallActions } from './call-store.ts';
import { CallSummary } from './call-summary.tsx';
import { CallBar, IncomingCallDialog } from './call-views.tsx';

afterEach(() => useCall.setState({ actions: null, phase: 'idle', pending: false }));

describe('IncomingCallDialog', () => {
  it('is a labelled modal with focus on Accept; Escape declines', async () => {
    const onAccept = vi.fn();
    const onDecline = vi.fn();
    renderScreen(<IncomingCallDialog open name="Ana" onAccept={onAccept} onDecline={onDecline} />);
    const dialog = screen.getByRole('dialog', { name: 'Incoming call' });
    expect(document.getElementById(dialog.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Ana is calling you.');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Accept' }));
    await userEvent.click(screen.getByRole('button', { name: 'Accept' }));
    expect(onAccept).toHaveBeenCalledTimes(1);
    // Escape on a modal <dialog> fires `cancel` (jsdom does not map the key itself).
    fireEvent(dialog, new Event('cancel', { cancelable: true }));
    expect(onDecline).toHaveBeenCalledTimes(1);
    await userEvent.click(screen.getByRole('button', { name: 'Decline' }));
    expect(onDecline).toHaveBeenCalledTimes(2);
  });
});

describe('CallBar', () => {
  const base = { name: 'Bob', muted: false, connection: 'connecting' as const, quality: null, answeredAt: null, onToggleMute: vi.fn(), onHangup: vi.fn() };

  it('while calling: "Calling…" and Cancel', async () => {
    const onHangup = vi.fn();
    renderScreen(<CallBar {...base} phase="outgoing" onHangup={onHangup} />);
    expect(screen.getByRole('region', { name: 'Call with Bob' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('Calling…');
    expect(screen.queryByRole('button', { name: 'Mute' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onHangup).toHaveBeenCalled();
  });

  it('in a call: duration from the answer, quality, mute as a toggle, hang up', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(new Date('2026-12-06T10:01:05Z'));
    const onToggleMute = vi.fn();
    const { rerender } = render(<CallBar {...base} phase="active" connection="connected" quality="good" answeredAt={Date.parse('2026-12-06T10:00:00Z')} onToggleMute={onToggleMute} />);
    expect(screen.getByText('1:05')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('Good connection');
    act(() => {
      vi.advanceTimersByTime(2000);
    });
    expect(screen.getByText('1:07')).toBeTruthy();
    vi.useRealTimers();
    const mute = screen.getByRole('button', { name: 'Mute' });
    expect(mute.getAttribute('aria-pressed')).toBe('false');
    await userEvent.click(mute);
    expect(onToggleMute).toHaveBeenCalled();
    rerender(<CallBar {...base} phase="active" muted connection="reconnecting" quality={null} answeredAt={Date.now()} />);
    expect(screen.getByRole('button', { name: 'Unmute' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('status').textContent).toContain('Reconnecting…');
    expect((screen.getByRole('button', { name: 'Hang up' }) as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('CallButton', () => {
  const peer = { id: 'u-bob', username: 'bob', displayName: 'Bob' };

  it('places a call through the mounted call layer; disabled without one or during a call', async () => {
    const start = vi.fn(async () => undefined);
    renderScreen(<CallButton roomId="room-1" peer={peer} />);
    const button = screen.getByRole('button', { name: 'Call Bob' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    act(() => useCall.setState({ actions: { start } as unknown as CallActions }));
    expect((button as HTMLButtonElement).disabled).toBe(false);
    await userEvent.click(button);
    expect(start).toHaveBeenCalledWith('room-1', peer);
    act(() => useCall.setState({ phase: 'outgoing' }));
    expect((button as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('CallSummary', () => {
  it('renders a call message in the reader language, falling back to its body', () => {
    renderScreen(
      <>
        <CallSummary message={{ body: 'Call ended · 1:05', call: { state: 'ended', durationSeconds: 65 } }} />
        <CallSummary message={{ body: 'Missed call', call: { state: 'missed', durationSeconds: null } }} />
        <CallSummary message={{ body: 'Declined call', call: { state: 'rejected', durationSeconds: null } }} />
        <CallSummary message={{ body: 'Missed call', call: null }} />
      </>,
    );
    expect(screen.getByText('Call · 1:05')).toBeTruthy();
    expect(screen.getAllByText('Missed call')).toHaveLength(2);
    expect(screen.getByText('Declined call')).toBeTruthy();
  });
});
