import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { usePlayer, type PlayerTrack } from './player.ts';
import { TOAST_DURATION_MS, useToasts } from './toasts.ts';

const track = (id: string): PlayerTrack => ({ id, title: `Track ${id}`, artistName: 'Ana', username: 'ana', audioUrl: `/api/tracks/${id}/audio`, durationMs: 120_000 });

/** Just enough of an <audio> element to see what the store asks of it. */
function fakeAudio() {
  const calls: string[] = [];
  const audio = {
    src: '',
    currentTime: 0,
    play: vi.fn(() => {
      calls.push('play');
      return Promise.resolve();
    }),
    pause: vi.fn(() => calls.push('pause')),
    load: vi.fn(),
    removeAttribute: vi.fn(),
  };
  return { audio: audio as unknown as HTMLAudioElement, calls, raw: audio };
}

describe('player store', () => {
  it('loads a new track into the one audio element and plays it', () => {
    const { audio, raw } = fakeAudio();
    usePlayer.getState().attach(audio);
    usePlayer.getState().play(track('a'));
    expect(raw.src).toBe('/api/tracks/a/audio');
    expect(raw.play).toHaveBeenCalledTimes(1);
    expect(usePlayer.getState()).toMatchObject({ isPlaying: true, duration: 120, track: { id: 'a' } });
  });

  it('toggles the loaded track, and switches when given another one', () => {
    const { audio, raw, calls } = fakeAudio();
    const player = usePlayer.getState();
    player.attach(audio);
    player.toggle(track('a'));
    player.toggle(track('a'));
    expect(usePlayer.getState().isPlaying).toBe(false);
    player.toggle();
    expect(usePlayer.getState().isPlaying).toBe(true);
    player.toggle(track('b'));
    expect(raw.src).toBe('/api/tracks/b/audio');
    expect(calls).toEqual(['play', 'pause', 'play', 'play']);
  });

  it('seeks within the track', () => {
    const { audio, raw } = fakeAudio();
    usePlayer.getState().attach(audio);
    usePlayer.getState().play(track('a'));
    usePlayer.getState().seek(30);
    expect(raw.currentTime).toBe(30);
    usePlayer.getState().seek(999);
    expect(usePlayer.getState().currentTime).toBe(120);
  });

  it('marks the track as failed when the browser refuses to play', async () => {
    const { audio, raw } = fakeAudio();
    raw.play.mockImplementationOnce(() => Promise.reject(new DOMException('nope', 'NotSupportedError')));
    usePlayer.getState().attach(audio);
    usePlayer.getState().play(track('a'));
    await vi.waitFor(() => expect(usePlayer.getState()).toMatchObject({ isPlaying: false, failed: true }));
  });
});

describe('toasts store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('dismisses a toast by itself after a few seconds', () => {
    useToasts.getState().push({ title: 'Hello' });
    expect(useToasts.getState().toasts).toHaveLength(1);
    vi.advanceTimersByTime(TOAST_DURATION_MS - 1);
    expect(useToasts.getState().toasts).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(useToasts.getState().toasts).toHaveLength(0);
  });

  it('shows a toast with a given id only once', () => {
    useToasts.getState().push({ id: 'n-1', title: 'ana liked' });
    useToasts.getState().push({ id: 'n-1', title: 'ana liked' });
    expect(useToasts.getState().toasts).toHaveLength(1);
  });

  it('dismisses on demand', () => {
    const id = useToasts.getState().push({ title: 'Bye' });
    useToasts.getState().dismiss(id);
    expect(useToasts.getState().toasts).toEqual([]);
  });
});
