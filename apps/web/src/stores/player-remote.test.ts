import { aTrack } from '@veza/mocks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toPlayerTrack } from '../features/tracks/track-model.ts';
import { usePlayer, type PlayerEngineLike, type PlayerRemote } from './player.ts';
import { fromList, useQueue } from './queue.ts';

const one = toPlayerTrack(aTrack({ id: 't1', title: 'One' }));
const two = toPlayerTrack(aTrack({ id: 't2', title: 'Two' }));

function engine(): PlayerEngineLike {
  return { load: vi.fn(), play: vi.fn(), pause: vi.fn(), seek: vi.fn(), stop: vi.fn() };
}

function remote() {
  return {
    seekable: true,
    play: vi.fn<PlayerRemote['play']>(),
    pause: vi.fn<PlayerRemote['pause']>(),
    seek: vi.fn<PlayerRemote['seek']>(),
    next: vi.fn<PlayerRemote['next']>(),
    previous: vi.fn<PlayerRemote['previous']>(),
  } satisfies PlayerRemote;
}

afterEach(() => usePlayer.setState({ remote: null }));

describe('the player under a remote (a listening session)', () => {
  it("sends the listener's transport to the remote and leaves the engine and the queue alone", () => {
    const e = engine();
    usePlayer.setState({ engine: e, track: one, isPlaying: true, duration: 100 });
    useQueue.setState(fromList(useQueue.getState(), [one, two], 0));
    const r = remote();
    usePlayer.getState().setRemote(r);
    const p = usePlayer.getState();
    p.toggle();
    expect(r.pause).toHaveBeenCalledOnce();
    p.seek(30);
    expect(r.seek).toHaveBeenCalledWith(30);
    p.seekBy(500);
    expect(r.seek).toHaveBeenLastCalledWith(100);
    p.next();
    p.previous();
    expect(r.next).toHaveBeenCalledOnce();
    expect(r.previous).toHaveBeenCalledOnce();
    p.play(two);
    expect(r.play).toHaveBeenCalledWith(two, undefined);
    p.playList([one, two], 1, 12);
    expect(r.play).toHaveBeenLastCalledWith(two, 12);
    p.pause();
    expect(r.pause).toHaveBeenCalledTimes(2);
    expect(e.load).not.toHaveBeenCalled();
    expect(e.pause).not.toHaveBeenCalled();
    expect(e.seek).not.toHaveBeenCalled();
    expect(usePlayer.getState().track?.id).toBe('t1');
  });

  it('does not move on by itself: nothing upcoming, no autoplay at the end', () => {
    usePlayer.setState({ engine: engine(), track: one });
    useQueue.setState(fromList(useQueue.getState(), [one, two], 0));
    expect(usePlayer.getState().upcoming()?.id).toBe('t2');
    usePlayer.getState().setRemote(remote());
    expect(usePlayer.getState().upcoming()).toBeNull();
    usePlayer.getState().finished();
    expect(usePlayer.getState().autoplayLoading).toBe(false);
  });

  it('gives the transport back when the remote goes', () => {
    const e = engine();
    usePlayer.setState({ engine: e, track: one, isPlaying: true, duration: 100 });
    usePlayer.getState().setRemote(remote());
    usePlayer.getState().setRemote(null);
    usePlayer.getState().pause();
    expect(e.pause).toHaveBeenCalledOnce();
  });
});
