// Up next: when the queue ends and autoplay is on, the player asks for tracks related to the last one (leaving out
// what was heard lately), adds them to the queue as autoplay entries and plays on; off, it stops where the queue ends.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { usePlayerSettings } from './player-settings.ts';
import { usePlayer, type PlayerTrack, type RelatedSource } from './player.ts';
import { append, useQueue } from './queue.ts';

const track = (id: string): PlayerTrack => ({ id, title: `Track ${id}`, artistName: 'Ana', username: 'ana', audioUrl: `/api/tracks/${id}/audio`, durationMs: 120_000 });
const engine = () => ({ load: vi.fn(), play: vi.fn(), pause: vi.fn(), seek: vi.fn(), stop: vi.fn() });
const ids = () => useQueue.getState().entries.map((e) => `${e.track.id}${e.autoplay ? '*' : ''}`);
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('autoplay (up next)', () => {
  let asked: { seed: string; exclude: string[] }[];
  let source: RelatedSource;
  beforeEach(() => {
    asked = [];
    source = vi.fn(async (seed: string, exclude: string[]) => {
      asked.push({ seed, exclude });
      return [track('r1'), track('r2')];
    });
    usePlayer.getState().attach(engine());
    usePlayer.getState().setRelatedSource(source);
    usePlayerSettings.setState({ autoplay: true });
  });
  afterEach(() => {
    usePlayer.getState().stop();
    usePlayer.getState().setRelatedSource(null);
    usePlayerSettings.setState({ autoplay: true });
  });

  it('plays related tracks when the queue ends, leaving out the tracks just heard', async () => {
    const player = usePlayer.getState();
    player.playList([track('a'), track('b')], 0);
    player.advanced(track('b'));
    player.finished();
    expect(usePlayer.getState().autoplayLoading).toBe(true);
    await settle();
    expect(asked).toEqual([{ seed: 'b', exclude: ['a'] }]);
    expect(ids()).toEqual(['a', 'b', 'r1*', 'r2*']);
    expect(usePlayer.getState()).toMatchObject({ track: { id: 'r1' }, isPlaying: true, autoplayLoading: false });

    // The autoplayed tracks end too: more related tracks, none of those heard.
    usePlayer.getState().advanced(track('r2'));
    usePlayer.getState().finished();
    await settle();
    expect(asked[1]).toEqual({ seed: 'r2', exclude: ['a', 'b', 'r1'] });
  });

  it('stops at the end of the queue when autoplay is off', async () => {
    usePlayerSettings.setState({ autoplay: false });
    usePlayer.getState().play(track('a'));
    usePlayer.getState().finished();
    await settle();
    expect(source).not.toHaveBeenCalled();
    expect(ids()).toEqual(['a']);
    expect(usePlayer.getState().track?.id).toBe('a');
  });

  it('leaves the queue alone when the listener started something else meanwhile, or nothing related came', async () => {
    let answer: (tracks: PlayerTrack[]) => void = () => undefined;
    usePlayer.getState().setRelatedSource(() => new Promise((resolve) => { answer = resolve; }));
    usePlayer.getState().play(track('a'));
    usePlayer.getState().finished();
    usePlayer.getState().playList([track('x')], 0);
    answer([track('r1')]);
    await settle();
    expect(ids()).toEqual(['x']);

    usePlayer.getState().setRelatedSource(async () => []);
    usePlayer.getState().finished();
    await settle();
    expect(ids()).toEqual(['x']);
    expect(usePlayer.getState().autoplayLoading).toBe(false);
  });

  it('switched off, drops the related tracks still to come; tracks the listener adds go before them', async () => {
    usePlayer.getState().play(track('a'));
    usePlayer.getState().finished();
    await settle();
    useQueue.getState().update((q) => append(q, track('mine')));
    expect(ids()).toEqual(['a', 'r1*', 'mine', 'r2*']);
    usePlayer.getState().setAutoplay(false);
    expect(usePlayerSettings.getState().autoplay).toBe(false);
    expect(ids()).toEqual(['a', 'r1*', 'mine']);
  });
});
