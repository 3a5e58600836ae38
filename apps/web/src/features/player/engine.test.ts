import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlayerTrack } from '../../stores/player.ts';
import { PlaybackEngine, type EngineHooks } from './engine.ts';

const track = (id: string): PlayerTrack => ({ id, title: id, artistName: 'Ana', username: 'ana', audioUrl: `http://localhost/api/tracks/${id}/audio`, durationMs: 60_000 });

/** happy-dom does not play media: give each element a settable clock, a duration and a play() that resolves. */
function deck() {
  const el = document.createElement('audio');
  let time = 0;
  let paused = true;
  Object.defineProperties(el, {
    currentTime: { get: () => time, set: (v: number) => (time = v), configurable: true },
    duration: { get: () => 60, configurable: true },
    paused: { get: () => paused, configurable: true },
  });
  el.play = vi.fn(() => {
    paused = false;
    return Promise.resolve();
  });
  el.pause = vi.fn(() => {
    paused = true;
  });
  el.load = vi.fn();
  document.body.append(el);
  return el;
}

describe('PlaybackEngine (original files)', () => {
  let a: HTMLAudioElement;
  let b: HTMLAudioElement;
  let hooks: EngineHooks & { upcomingTrack: PlayerTrack | null };
  let engine: PlaybackEngine;

  beforeEach(() => {
    a = deck();
    b = deck();
    hooks = {
      upcomingTrack: null,
      report: vi.fn(),
      upcoming: () => hooks.upcomingTrack,
      advanced: vi.fn(),
      refresh: vi.fn(() => Promise.resolve(null)),
    };
    engine = new PlaybackEngine([a, b], hooks);
  });
  afterEach(() => {
    engine.destroy();
    document.body.innerHTML = '';
  });

  const audible = () => document.querySelectorAll('[data-testid="audio-player"]');

  it('plays a track without HLS from its original file, on the element carrying the test id', () => {
    engine.load(track('a'));
    expect(a.getAttribute('src')).toBe(track('a').audioUrl);
    expect(a.play).toHaveBeenCalled();
    expect([...audible()]).toEqual([a]);
  });

  it('preloads the next track on the idle element shortly before the end, then switches to it on ended', () => {
    engine.load(track('a'));
    hooks.upcomingTrack = track('b');
    a.currentTime = 30;
    a.dispatchEvent(new Event('timeupdate'));
    expect(b.getAttribute('src')).toBeNull();
    a.currentTime = 50;
    a.dispatchEvent(new Event('timeupdate'));
    expect(b.getAttribute('src')).toBe(track('b').audioUrl);
    expect(b.play).not.toHaveBeenCalled();

    a.dispatchEvent(new Event('ended'));
    expect(hooks.advanced).toHaveBeenCalledWith(track('b'));
    expect(b.play).toHaveBeenCalled();
    expect([...audible()]).toEqual([b]);
    expect(a.getAttribute('src')).toBeNull();
  });

  it('reports only the audible element', () => {
    engine.load(track('a'));
    vi.mocked(hooks.report).mockClear();
    b.dispatchEvent(new Event('pause'));
    expect(hooks.report).not.toHaveBeenCalled();
    a.dispatchEvent(new Event('pause'));
    expect(hooks.report).toHaveBeenCalledWith({ isPlaying: false });
  });

  it('stops at the end of the queue', () => {
    engine.load(track('a'));
    a.dispatchEvent(new Event('ended'));
    expect(hooks.advanced).not.toHaveBeenCalled();
    expect(hooks.report).toHaveBeenLastCalledWith({ isPlaying: false, buffering: false });
  });

  it('says when the last track played to its end (a replay is then a new play)', () => {
    const finished = vi.fn();
    engine.destroy();
    engine = new PlaybackEngine([a, b], { ...hooks, finished });
    engine.load(track('a'));
    hooks.upcomingTrack = track('b');
    a.dispatchEvent(new Event('ended'));
    expect(finished).not.toHaveBeenCalled();
    hooks.upcomingTrack = null;
    // No preload: the same element went on with the next track.
    a.dispatchEvent(new Event('ended'));
    expect(finished).toHaveBeenCalledTimes(1);
  });

  it('replaces a stale preload when the queue changed meanwhile', () => {
    engine.load(track('a'));
    hooks.upcomingTrack = track('b');
    a.currentTime = 50;
    a.dispatchEvent(new Event('timeupdate'));
    hooks.upcomingTrack = track('c');
    a.dispatchEvent(new Event('timeupdate'));
    expect(b.getAttribute('src')).toBe(track('c').audioUrl);
  });

  it('uses element volume until Web Audio exists', () => {
    engine.configure({ volume: 0.4, muted: false });
    expect(a.volume).toBeCloseTo(0.4);
    engine.configure({ muted: true });
    expect(a.muted).toBe(true);
  });
});
