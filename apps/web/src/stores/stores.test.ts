import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { usePlayer, type PlayerTrack } from './player.ts';
import { useQueue } from './queue.ts';
import { TOAST_DURATION_MS, useToasts } from './toasts.ts';

const track = (id: string): PlayerTrack => ({ id, title: `Track ${id}`, artistName: 'Ana', username: 'ana', audioUrl: `/api/tracks/${id}/audio`, durationMs: 120_000 });

/** A stand-in for the playback engine: records what the store asks of it. */
function fakeEngine() {
  const calls: string[] = [];
  const engine = {
    load: vi.fn((t: PlayerTrack, options?: { autoplay?: boolean; startAt?: number }) => calls.push(`load ${t.id}${options?.startAt ? `@${options.startAt}` : ''}`)),
    play: vi.fn(() => calls.push('play')),
    pause: vi.fn(() => calls.push('pause')),
    seek: vi.fn((s: number) => calls.push(`seek ${s}`)),
    stop: vi.fn(() => calls.push('stop')),
  };
  return { engine, calls };
}

describe('player store', () => {
  it('loads a new track into the engine and plays it', () => {
    const { engine } = fakeEngine();
    usePlayer.getState().attach(engine);
    usePlayer.getState().play(track('a'));
    expect(engine.load).toHaveBeenCalledWith(expect.objectContaining({ id: 'a' }), { autoplay: true });
    expect(usePlayer.getState()).toMatchObject({ isPlaying: true, duration: 120, track: { id: 'a' } });
    expect(useQueue.getState().entries.map((e) => e.track.id)).toEqual(['a']);
  });

  it('toggles the loaded track, and switches when given another one', () => {
    const { engine, calls } = fakeEngine();
    const player = usePlayer.getState();
    player.attach(engine);
    player.toggle(track('a'));
    player.toggle(track('a'));
    expect(usePlayer.getState().isPlaying).toBe(false);
    player.toggle();
    expect(usePlayer.getState().isPlaying).toBe(true);
    player.toggle(track('b'));
    expect(calls).toEqual(['load a', 'pause', 'play', 'load b']);
  });

  it('seeks within the track', () => {
    const { engine } = fakeEngine();
    usePlayer.getState().attach(engine);
    usePlayer.getState().play(track('a'));
    usePlayer.getState().seek(30);
    expect(engine.seek).toHaveBeenLastCalledWith(30);
    usePlayer.getState().seek(999);
    expect(usePlayer.getState().currentTime).toBe(120);
  });

  it('keeps the failure the engine reports', () => {
    usePlayer.getState().report({ isPlaying: false, failed: true });
    expect(usePlayer.getState()).toMatchObject({ isPlaying: false, failed: true });
  });

  it('plays a list as the queue, from the clicked track, and moves through it', () => {
    const { engine, calls } = fakeEngine();
    const player = usePlayer.getState();
    player.attach(engine);
    player.playList([track('a'), track('b'), track('c')], 1);
    expect(usePlayer.getState().track?.id).toBe('b');
    player.next();
    expect(usePlayer.getState().track?.id).toBe('c');
    player.next();
    expect(usePlayer.getState().track?.id).toBe('c');
    player.previous();
    expect(usePlayer.getState().track?.id).toBe('b');
    expect(calls).toEqual(['load b', 'load c', 'load b']);
  });

  it('restarts the track on "previous" after the first 3 seconds', () => {
    const { engine } = fakeEngine();
    const player = usePlayer.getState();
    player.attach(engine);
    player.playList([track('a'), track('b')], 1);
    usePlayer.getState().report({ currentTime: 12 });
    player.previous();
    expect(usePlayer.getState().track?.id).toBe('b');
    expect(engine.seek).toHaveBeenLastCalledWith(0);
  });

  it('follows the queue when the engine moves on by itself', () => {
    const player = usePlayer.getState();
    player.attach(fakeEngine().engine);
    player.playList([track('a'), track('b')], 0);
    expect(player.upcoming()?.id).toBe('b');
    player.advanced(track('b'));
    expect(usePlayer.getState().track?.id).toBe('b');
    expect(useQueue.getState().index).toBe(1);
    expect(player.upcoming()).toBeNull();
  });

  it('switches to the HLS stream that appeared meanwhile at the next play, not mid-play', () => {
    const { engine, calls } = fakeEngine();
    const player = usePlayer.getState();
    player.attach(engine);
    player.play(track('a'));
    const withHls = { ...track('a'), hls: { masterUrl: '/media/hls/a/t/master.m3u8', renditions: [128] } };
    player.refreshTrack(withHls);
    expect(calls).toEqual(['load a']);
    player.pause();
    usePlayer.getState().report({ currentTime: 42 });
    player.toggle();
    expect(calls).toEqual(['load a', 'pause', 'load a@42']);
    expect(engine.load).toHaveBeenLastCalledWith(withHls, { autoplay: true, startAt: 42 });
  });

  it('plays a list from a position inside the chosen track', () => {
    const { engine, calls } = fakeEngine();
    usePlayer.getState().attach(engine);
    usePlayer.getState().playList([track('a'), track('b')], 1, 30);
    expect(calls).toEqual(['load b@30']);
    expect(usePlayer.getState()).toMatchObject({ currentTime: 30, isPlaying: true, track: { id: 'b' } });
  });

  it('queues a list around a track that started alone, without restarting it', () => {
    const { engine, calls } = fakeEngine();
    const player = usePlayer.getState();
    player.attach(engine);
    player.play(track('b'));
    expect(useQueue.getState().entries).toHaveLength(1);
    player.queueAround([track('a'), track('b'), track('c')]);
    expect(useQueue.getState().entries.map((e) => e.track.id)).toEqual(['a', 'b', 'c']);
    expect(useQueue.getState().index).toBe(1);
    expect(calls).toEqual(['load b']);
    player.next();
    expect(usePlayer.getState().track?.id).toBe('c');
    // A list without the current track changes nothing.
    player.queueAround([track('x'), track('y')]);
    expect(useQueue.getState().entries.map((e) => e.track.id)).toEqual(['a', 'b', 'c']);
  });

  it('numbers each play: a new track, the engine moving on, a replay after the end; not a pause, a seek or a new queue around it', () => {
    const player = usePlayer.getState();
    player.attach(fakeEngine().engine);
    const id = () => usePlayer.getState().playId;
    player.playList([track('a'), track('b')], 0);
    const first = id();
    player.pause();
    player.seek(30);
    player.play(track('a'));
    player.queueAround([track('z'), track('a'), track('b')]);
    expect(id()).toBe(first);
    player.advanced(track('b'));
    expect(id()).toBe(first + 1);
    // The engine at the end of the queue: not playing, and finished.
    player.report({ isPlaying: false });
    player.finished();
    usePlayer.getState().toggle();
    expect(id()).toBe(first + 2);
    usePlayer.getState().pause();
    usePlayer.getState().toggle();
    expect(id()).toBe(first + 2);
    usePlayer.getState().previous();
    expect(usePlayer.getState().track?.id).toBe('a');
    expect(id()).toBe(first + 3);
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

  it('shows a toast with a given id only once, with the newest words and a fresh time', () => {
    useToasts.getState().push({ id: 'n-1', title: 'ana liked' });
    vi.advanceTimersByTime(TOAST_DURATION_MS - 1000);
    useToasts.getState().push({ id: 'n-1', title: 'ana a aimé' });
    expect(useToasts.getState().toasts).toEqual([{ id: 'n-1', title: 'ana a aimé' }]);
    vi.advanceTimersByTime(TOAST_DURATION_MS - 1);
    expect(useToasts.getState().toasts).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(useToasts.getState().toasts).toEqual([]);
  });

  it('dismisses on demand', () => {
    const id = useToasts.getState().push({ title: 'Bye' });
    useToasts.getState().dismiss(id);
    expect(useToasts.getState().toasts).toEqual([]);
  });
});
