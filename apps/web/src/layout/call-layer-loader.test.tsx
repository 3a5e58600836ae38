import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useSession } from '../stores/session.ts';
import { ana } from '../test/render.tsx';
import { CALL_LAYER_RETRY_MS, CallLayerLoader } from './call-layer-loader.tsx';

const FakeLayer = () => <p>calls layer</p>;

describe('CallLayerLoader', () => {
  afterEach(() => {
    act(() => useSession.getState().signOut());
    vi.useRealTimers();
  });

  it('fetches nothing for visitors, then loads and mounts the calls layer once someone is signed in', async () => {
    act(() => useSession.getState().signOut());
    const load = vi.fn(() => Promise.resolve({ CallLayer: FakeLayer }));
    render(<CallLayerLoader load={load} />);
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(load).not.toHaveBeenCalled();
    act(() => useSession.getState().signIn(ana));
    expect(await screen.findByText('calls layer')).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(1);
    // Signing out leaves the layer mounted (it hangs up and stops listening by itself); nothing is fetched again.
    act(() => useSession.getState().signOut());
    act(() => useSession.getState().signIn(ana));
    expect(screen.getByText('calls layer')).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('tries again later when the code could not be fetched', async () => {
    vi.useFakeTimers();
    act(() => useSession.getState().signIn(ana));
    const load = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue({ CallLayer: FakeLayer });
    render(<CallLayerLoader load={load} />);
    await act(() => vi.advanceTimersByTimeAsync(2_100));
    expect(load).toHaveBeenCalledTimes(1);
    expect(screen.queryByText('calls layer')).toBeNull();
    await act(() => vi.advanceTimersByTimeAsync(CALL_LAYER_RETRY_MS - 100));
    expect(load).toHaveBeenCalledTimes(1);
    await act(() => vi.advanceTimersByTimeAsync(100));
    // The retry re-renders; its effect waits for idle again.
    await act(() => vi.advanceTimersByTimeAsync(2_100));
    expect(load).toHaveBeenCalledTimes(2);
    expect(screen.getByText('calls layer')).toBeTruthy();
  });
});
