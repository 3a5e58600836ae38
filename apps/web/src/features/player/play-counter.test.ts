import { describe, expect, it, vi } from 'vitest';
import { PlayCounter, type PlayCountApi, type PlaySample } from './play-counter.ts';

/** A counter with a hand-driven clock and an API that records calls and answers at once (or as told). */
function setup(answer: { ticket: string | null; countAfterMs: number } = { ticket: 'ticket-1', countAfterMs: 30_000 }) {
  let clock = 0;
  let tickets = 0;
  const api = {
    start: vi.fn<PlayCountApi['start']>(() => Promise.resolve({ ...answer, ticket: answer.ticket && `ticket-${(tickets += 1)}` })),
    count: vi.fn<PlayCountApi['count']>(() => Promise.resolve({ counted: true })),
  };
  const counter = new PlayCounter(api, () => clock);
  let state: PlaySample = { playId: 1, trackId: 'a', isPlaying: true, currentTime: 0 };
  /** The player changes (`patch`) after `ms` of wall time. */
  const at = (ms: number, patch: Partial<PlaySample> = {}) => {
    clock += ms;
    state = { ...state, ...patch };
    counter.update(state);
  };
  /** Plays on for `seconds`, reporting the position every quarter second like `timeupdate`. */
  const playFor = (seconds: number) => {
    for (let i = 0; i < seconds * 4; i++) at(250, { currentTime: state.currentTime + 0.25 });
  };
  return { api, counter, at, playFor, flush: () => new Promise<void>((resolve) => setTimeout(resolve, 0)) };
}

describe('PlayCounter', () => {
  it('asks for a ticket when a play starts and sends it once after 30 s of listening', async () => {
    const { api, at, playFor, flush } = setup();
    at(0);
    expect(api.start).toHaveBeenCalledWith('a');
    await flush();
    playFor(29.75);
    expect(api.count).not.toHaveBeenCalled();
    playFor(0.25);
    expect(api.count).toHaveBeenCalledWith('ticket-1');
    playFor(60);
    expect(api.count).toHaveBeenCalledTimes(1);
    expect(api.start).toHaveBeenCalledTimes(1);
  });

  it('accumulates listening time only while playing: a pause adds nothing however long', async () => {
    const { api, counter, at, playFor, flush } = setup();
    at(0);
    await flush();
    playFor(20);
    at(10, { isPlaying: false });
    at(600_000);
    expect(counter.listenedMs()).toBe(20_000);
    at(0, { isPlaying: true });
    playFor(9.75);
    expect(api.count).not.toHaveBeenCalled();
    playFor(0.25);
    expect(api.count).toHaveBeenCalledTimes(1);
  });

  it('does not count buffering (the position stands still) nor a seek forward (a jump in no time)', async () => {
    const { api, counter, at, playFor, flush } = setup();
    at(0);
    await flush();
    playFor(5);
    at(5_000); // buffering: time passes, the position does not move
    expect(counter.listenedMs()).toBe(5_000);
    at(5, { currentTime: 120 }); // a seek to 2:00
    expect(counter.listenedMs()).toBe(5_005);
    at(5, { currentTime: 10 }); // and back
    playFor(24);
    expect(api.count).not.toHaveBeenCalled();
    playFor(1);
    expect(api.count).toHaveBeenCalledTimes(1);
  });

  it('counts what was heard before the ticket arrived, and sends it as soon as it does', async () => {
    let resolve!: (value: { ticket: string | null; countAfterMs: number }) => void;
    const { api, at, playFor } = setup();
    api.start.mockImplementationOnce(() => new Promise((r) => (resolve = r)));
    at(0);
    playFor(31);
    expect(api.count).not.toHaveBeenCalled();
    resolve({ ticket: 'late', countAfterMs: 30_000 });
    await Promise.resolve();
    await Promise.resolve();
    expect(api.count).toHaveBeenCalledWith('late');
  });

  it('sends nothing for a null ticket (the owner), nor when asking for one failed', async () => {
    const { api, at, playFor, flush } = setup({ ticket: null, countAfterMs: 30_000 });
    at(0);
    await flush();
    playFor(60);
    expect(api.count).not.toHaveBeenCalled();

    const failing = setup();
    failing.api.start.mockRejectedValueOnce(new Error('offline'));
    failing.at(0);
    await failing.flush();
    failing.playFor(60);
    expect(failing.api.count).not.toHaveBeenCalled();
  });

  it("takes a short track's whole length as the threshold, and a failed count does not throw", async () => {
    const { api, at, playFor, flush } = setup({ ticket: 't', countAfterMs: 12_000 });
    api.count.mockRejectedValueOnce(new Error('too_early'));
    at(0);
    await flush();
    playFor(12);
    expect(api.count).toHaveBeenCalledTimes(1);
    await flush();
    playFor(12);
    expect(api.count).toHaveBeenCalledTimes(1);
  });

  it('starts a new play with a new ticket for each play of the track, and forgets the old one', async () => {
    const { api, at, playFor, flush } = setup();
    at(0);
    await flush();
    playFor(30);
    expect(api.count).toHaveBeenLastCalledWith('ticket-1');
    // Replayed after its end: the same track, a new play.
    at(100, { playId: 2, currentTime: 0 });
    expect(api.start).toHaveBeenCalledTimes(2);
    await flush();
    playFor(15);
    // Another track before this one counted: nothing sent for the replay.
    at(100, { playId: 3, trackId: 'b', currentTime: 0 });
    await flush();
    playFor(30);
    expect(api.start.mock.calls.map(([id]) => id)).toEqual(['a', 'a', 'b']);
    expect(api.count.mock.calls.map(([ticket]) => ticket)).toEqual(['ticket-1', 'ticket-3']);
  });

  it('drops the play when the player stops', async () => {
    const { api, counter, at, playFor, flush } = setup();
    at(0);
    await flush();
    playFor(10);
    at(10, { trackId: null, isPlaying: false, currentTime: 0 });
    expect(counter.listenedMs()).toBe(0);
    expect(api.count).not.toHaveBeenCalled();
  });
});
