import { describe, expect, it } from 'vitest';
import { atTrackEnd, DriftCorrector, estimateOffset, expectedPositionMs, measureOffset, SessionSync, SETTLE_MS, type SyncPlayer, type SyncSession } from './sync.ts';

describe('clock offset', () => {
  it('takes the sample with the smallest round trip, the server answering halfway through it', () => {
    const est = estimateOffset([
      { sentAt: 1_000, receivedAt: 1_400, serverNow: 6_000 },
      { sentAt: 2_000, receivedAt: 2_040, serverNow: 7_100 },
      { sentAt: 3_000, receivedAt: 3_300, serverNow: 8_000 },
    ]);
    expect(est).toEqual({ offsetMs: 5_080, rttMs: 40 });
  });

  it('has nothing to say without a usable sample', () => {
    expect(estimateOffset([])).toBeNull();
    expect(estimateOffset([{ sentAt: 10, receivedAt: 5, serverNow: 100 }])).toBeNull();
  });

  it('measures five round trips in a row', async () => {
    let clock = 0;
    const rtts = [300, 80, 20, 150, 60];
    let call = 0;
    const ask = async () => {
      const rtt = rtts[call++]!;
      clock += rtt / 2;
      const server = clock + 10_000; // the server is 10 s ahead
      clock += rtt / 2;
      return server;
    };
    expect(await measureOffset(ask, { now: () => clock })).toEqual({ offsetMs: 10_000, rttMs: 20 });
    expect(call).toBe(5);
  });
});

describe('expected position', () => {
  const head = { positionMs: 30_000, playing: true, serverNow: 100_000, durationMs: 200_000 };

  it('moves on with the server clock while playing', () => {
    // Our clock is 2 s behind the server's: at our 99_500 the server is at 101_500, 1.5 s after the anchor.
    expect(expectedPositionMs(head, 99_500, 2_000)).toBe(31_500);
  });

  it('stays put while paused, and never leaves the track', () => {
    expect(expectedPositionMs({ ...head, playing: false }, 500_000, 0)).toBe(30_000);
    expect(expectedPositionMs(head, 1_000_000, 0)).toBe(200_000);
    expect(expectedPositionMs(head, 0, 0)).toBe(0);
    expect(expectedPositionMs({ ...head, durationMs: null }, 1_100_000, 0)).toBe(1_030_000);
  });

  it('knows when the track has played out', () => {
    expect(atTrackEnd(head, 199_800)).toBe(true);
    expect(atTrackEnd(head, 150_000)).toBe(false);
    expect(atTrackEnd({ ...head, playing: false }, 200_000)).toBe(false);
  });
});

describe('DriftCorrector', () => {
  const reading = (now: number, actualMs: number, expectedMs: number, extra: Partial<{ playing: boolean; buffering: boolean }> = {}) => ({ now, actualMs, expectedMs, playing: true, buffering: false, ...extra });

  it('leaves a player within 250 ms alone and seeks one that is further off', () => {
    const d = new DriftCorrector();
    expect(d.check(reading(10_000, 10_200, 10_000))).toBeNull();
    expect(d.check(reading(10_500, 9_500, 10_500))).toBe(10_500);
  });

  it('waits for a seek or buffering to settle, and does not seek in a loop', () => {
    const d = new DriftCorrector();
    d.settle(0);
    expect(d.check(reading(SETTLE_MS - 1, 0, 5_000))).toBeNull();
    expect(d.check(reading(SETTLE_MS + 100, 0, 5_000, { buffering: true }))).toBeNull();
    expect(d.check(reading(SETTLE_MS + 200, 0, 5_000))).toBeNull(); // buffering just ended: still settling
    const t = SETTLE_MS * 3;
    expect(d.check(reading(t, 0, 5_000))).not.toBeNull();
    // Still off right after: no new seek before it settles, then a longer wait each time it fails.
    expect(d.check(reading(t + 500, 0, 5_000))).toBeNull();
    expect(d.check(reading(t + SETTLE_MS + 1, 0, 5_000))).not.toBeNull();
    expect(d.check(reading(t + SETTLE_MS + 1 + SETTLE_MS + 1, 0, 5_000))).toBeNull();
    expect(d.check(reading(t + SETTLE_MS + 1 + 2 * SETTLE_MS + 1, 0, 5_000))).not.toBeNull();
  });

  it('does nothing while the player is meant to be paused', () => {
    expect(new DriftCorrector().check(reading(0, 0, 9_000, { playing: false }))).toBeNull();
  });

  it('learns how late its seeks land and aims that much ahead', () => {
    const d = new DriftCorrector();
    expect(d.check(reading(10_000, 9_000, 10_000))).toBe(10_000);
    // Settled, the player is 400 ms behind: the seek landed late. The next one aims 400 ms ahead.
    expect(d.check(reading(12_000, 11_600, 12_000))).toBe(12_400);
    expect(d.lead).toBe(400);
  });
});

type Track = { id: string; durationMs: number };

function fakePlayer(initial: Partial<ReturnType<SyncPlayer<Track>['read']>> = {}) {
  const state = { trackId: null as string | null, seconds: 0, playing: false, buffering: false, ...initial };
  const calls: string[] = [];
  const player: SyncPlayer<Track> = {
    read: () => ({ ...state }),
    load: (track, seconds, play) => {
      calls.push(`load ${track.id} ${seconds} ${play}`);
      Object.assign(state, { trackId: track.id, seconds, playing: play });
    },
    play: () => {
      calls.push('play');
      state.playing = true;
    },
    pause: () => {
      calls.push('pause');
      state.playing = false;
    },
    seek: (seconds) => {
      calls.push(`seek ${seconds}`);
      state.seconds = seconds;
    },
  };
  return { player, state, calls };
}

describe('SessionSync', () => {
  const a: Track = { id: 'a', durationMs: 180_000 };
  const b: Track = { id: 'b', durationMs: 200_000 };
  const session = (patch: Partial<SyncSession<Track>> = {}): SyncSession<Track> => ({ track: a, positionMs: 10_000, playing: true, serverNow: 1_000_000, version: 1, ...patch });

  it("loads the session's track where the session is, with the clock offset, and plays it", () => {
    const { player, calls } = fakePlayer();
    const sync = new SessionSync(player, () => 999_000);
    sync.setOffset(2_000); // the server is 2 s ahead: it is 1_001_000 there
    sync.update(session());
    expect(calls).toEqual(['load a 11 true']);
    expect(sync.expected()).toBe(11_000);
  });

  it('follows pause, seek and skip, and leaves the player alone on a change that is not about the playhead', () => {
    let now = 1_000_000;
    const { player, calls, state } = fakePlayer();
    const sync = new SessionSync(player, () => now);
    sync.update(session());
    now += 1_000;
    state.seconds = 11.1;
    sync.update(session({ version: 2 })); // someone queued a track
    expect(calls).toEqual(['load a 10 true']);
    sync.update(session({ version: 3, playing: false, positionMs: 11_000, serverNow: now }));
    expect(calls.slice(1)).toEqual(['pause']);
    sync.update(session({ version: 4, playing: false, positionMs: 60_000, serverNow: now }));
    expect(calls.slice(2)).toEqual(['seek 60']);
    sync.update(session({ version: 5, playing: true, positionMs: 60_000, serverNow: now }));
    expect(calls.slice(3)).toEqual(['play']);
    sync.update(session({ version: 6, track: b, positionMs: 0, serverNow: now }));
    expect(calls.slice(4)).toEqual(['load b 0 true']);
  });

  it('pauses when the session has no track', () => {
    const { player, calls } = fakePlayer({ trackId: 'a', playing: true });
    new SessionSync(player, () => 0).update(session({ track: null, playing: false }));
    expect(calls).toEqual(['pause']);
  });

  it("corrects drift on tick once settled, and not while a listener holds", () => {
    let now = 1_000_000;
    const { player, calls, state } = fakePlayer();
    const sync = new SessionSync(player, () => now);
    sync.update(session());
    now += 5_000;
    state.seconds = 14.9; // 100 ms behind: fine
    expect(sync.tick()).toBeNull();
    state.seconds = 13; // 2 s behind
    expect(sync.tick()).toBe(15_000);
    expect(calls.at(-1)).toBe('seek 15');
    sync.setHold(true);
    expect(calls.at(-1)).toBe('pause');
    now += 60_000;
    expect(sync.tick()).toBeNull();
    sync.setHold(false);
    expect(calls.slice(-2)).toEqual(['seek 75', 'play']);
  });

  it('does not play past the end of the track', () => {
    const { player, calls } = fakePlayer();
    new SessionSync(player, () => 2_000_000).update(session());
    expect(calls).toEqual(['load a 180 false']);
  });
});
