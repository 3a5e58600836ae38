// The sync engine of a listening session (issue 11), pure: no React, no network, no <audio>. The server anchors the
// playhead on its own clock (`positionMs` at `serverNow`, moving on while `playing`); a client that knows its offset
// from that clock knows where the track should be at any moment, and nudges its player when it is off.

/** One `listen.time` round trip: when we asked and heard back (our clock) and what the server said (its clock). */
export interface TimeSample {
  sentAt: number;
  receivedAt: number;
  serverNow: number;
}

/** How many `listen.time` round trips to take: the one with the shortest round trip wins. */
export const CLOCK_SAMPLES = 5;

/**
 * The server's clock minus ours (ms), from the sample with the smallest round trip: the server answered halfway
 * through it, so `offset = serverNow - (sentAt + receivedAt) / 2`. null without samples.
 */
export function estimateOffset(samples: readonly TimeSample[]): { offsetMs: number; rttMs: number } | null {
  let best: TimeSample | null = null;
  for (const s of samples) {
    if (s.receivedAt < s.sentAt) continue;
    if (!best || s.receivedAt - s.sentAt < best.receivedAt - best.sentAt) best = s;
  }
  if (!best) return null;
  return { offsetMs: Math.round(best.serverNow - (best.sentAt + best.receivedAt) / 2), rttMs: best.receivedAt - best.sentAt };
}

/** Takes `count` samples one after the other with `ask` (returns the server's `serverNow`) and estimates the offset. */
export async function measureOffset(ask: () => Promise<number>, { count = CLOCK_SAMPLES, now = Date.now } = {}) {
  const samples: TimeSample[] = [];
  for (let i = 0; i < count; i += 1) {
    const sentAt = now();
    const serverNow = await ask();
    samples.push({ sentAt, receivedAt: now(), serverNow });
  }
  return estimateOffset(samples);
}

/** The session's playhead as the server sent it. */
export interface Playhead {
  positionMs: number;
  playing: boolean;
  /** The server's clock when `positionMs` was true. */
  serverNow: number;
  durationMs: number | null;
}

/** Where the track should be (ms) at `clientNow` (our clock), given our offset from the server's clock. */
export function expectedPositionMs(playhead: Playhead, clientNow: number, offsetMs: number): number {
  const moved = playhead.playing ? playhead.positionMs + (clientNow + offsetMs - playhead.serverNow) : playhead.positionMs;
  const max = playhead.durationMs ?? Number.POSITIVE_INFINITY;
  return Math.max(0, Math.min(moved, max));
}

/** Off by more than this (ms), the player is put back where the session is. */
export const DRIFT_TOLERANCE_MS = 250;
/** After a seek (ours or the session's) or buffering, how long the player gets to settle before it is judged again. */
export const SETTLE_MS = 1_500;
/** Each correction that follows another without the player ever being in time doubles the wait, up to this. */
export const MAX_SETTLE_MS = 12_000;
/** The head start a seek learns to take (a seek lands late by the time the element needs to resume), at most. */
export const MAX_LEAD_MS = 1_000;

export interface DriftReading {
  now: number;
  /** Where the player is (ms). */
  actualMs: number;
  /** Where the session is (ms). */
  expectedMs: number;
  /** The player is meant to play (a paused player is put in place by SessionSync, not here). */
  playing: boolean;
  buffering: boolean;
}

/**
 * Decides when to seek: off by more than the tolerance, once the player has settled (not right after a seek or while
 * buffering), never twice within the settle time, backing off when corrections keep failing. It learns how late its
 * seeks land and aims that much ahead next time.
 */
export class DriftCorrector {
  private settleUntil = 0;
  private failures = 0;
  private leadMs = 0;
  /** The last correction has not been judged yet. */
  private judging = false;

  private readonly toleranceMs: number;
  private readonly settleMs: number;

  constructor(toleranceMs = DRIFT_TOLERANCE_MS, settleMs = SETTLE_MS) {
    this.toleranceMs = toleranceMs;
    this.settleMs = settleMs;
  }

  /** Something moved the player (a load, a session seek): give it time before judging. */
  settle(now: number) {
    this.settleUntil = Math.max(this.settleUntil, now + this.settleMs);
    this.judging = false;
  }

  get lead() {
    return this.leadMs;
  }

  get tolerance() {
    return this.toleranceMs;
  }

  /** The position to seek to (ms), or null to leave the player alone. */
  check({ now, actualMs, expectedMs, playing, buffering }: DriftReading): number | null {
    if (!playing) return null;
    if (buffering) {
      this.settleUntil = Math.max(this.settleUntil, now + this.settleMs / 2);
      return null;
    }
    if (now < this.settleUntil) return null;
    const drift = actualMs - expectedMs;
    if (this.judging) {
      this.judging = false;
      // How late (or early) the last seek landed, settled: aim that much further next time.
      if (Math.abs(drift) < 2_000) this.leadMs = Math.max(0, Math.min(MAX_LEAD_MS, this.leadMs - drift));
    }
    if (Math.abs(drift) <= this.toleranceMs) {
      this.failures = 0;
      return null;
    }
    this.settleUntil = now + Math.min(MAX_SETTLE_MS, this.settleMs * 2 ** this.failures);
    this.failures += 1;
    this.judging = true;
    return expectedMs + this.leadMs;
  }
}

/** The part of a session the sync needs. */
export interface SyncSession<T extends SyncTrack> extends Omit<Playhead, 'durationMs'> {
  track: T | null;
  version: number;
}

export interface SyncTrack {
  id: string;
  durationMs?: number | null;
}

/** What SessionSync drives (the app's player store and engine; a fake in tests). Times in seconds, as the player's. */
export interface SyncPlayer<T extends SyncTrack> {
  read: () => { trackId: string | null; seconds: number; playing: boolean; buffering: boolean };
  load: (track: T, seconds: number, play: boolean) => void;
  play: () => void;
  pause: () => void;
  seek: (seconds: number) => void;
}

/**
 * Keeps a player on a session: the session's track, at the session's position, playing when it plays. `update` on
 * every new state of the session (loads, seeks, plays or pauses at once); `tick` often (drift). `hold` is a listener's
 * own pause: the session goes on without them and they rejoin it where it is.
 */
export class SessionSync<T extends SyncTrack> {
  private session: SyncSession<T> | null = null;
  private offsetMs = 0;
  private holding = false;
  readonly drift: DriftCorrector;

  private readonly player: SyncPlayer<T>;
  private readonly now: () => number;

  constructor(player: SyncPlayer<T>, now: () => number = Date.now, drift?: DriftCorrector) {
    this.player = player;
    this.now = now;
    this.drift = drift ?? new DriftCorrector();
  }

  get offset() {
    return this.offsetMs;
  }

  get hold() {
    return this.holding;
  }

  /** Where the session is now (ms), null without a track. */
  expected(): number | null {
    const s = this.session;
    if (!s?.track) return null;
    return expectedPositionMs({ ...s, durationMs: s.track.durationMs ?? null }, this.now(), this.offsetMs);
  }

  /** A better estimate of the clock offset: the drift check moves the player if it matters. */
  setOffset(offsetMs: number) {
    this.offsetMs = offsetMs;
  }

  /** A listener's own pause (true), or back to the session where it is (false: also after a refused autoplay). */
  setHold(hold: boolean) {
    this.holding = hold;
    this.follow(true);
  }

  update(session: SyncSession<T>) {
    const before = this.session;
    const was = this.expected();
    this.session = session;
    // A change that is not about the playhead (the queue, the members) leaves the player to the drift check: only a
    // new track, play / pause or a jump of the playhead (a seek) moves it at once.
    const moved = !before || before.track?.id !== session.track?.id || before.playing !== session.playing || was === null || Math.abs((this.expected() ?? 0) - was) > this.drift.tolerance;
    this.follow(moved);
  }

  /** Puts the player on the session now: track, position (`seek`: when off), play or pause. */
  private follow(seek: boolean) {
    const s = this.session;
    if (!s) return;
    const state = this.player.read();
    const expected = this.expected();
    if (!s.track || expected === null) {
      if (state.playing) this.player.pause();
      return;
    }
    const play = s.playing && !this.holding && expected < (s.track.durationMs ?? Number.POSITIVE_INFINITY);
    const now = this.now();
    if (state.trackId !== s.track.id) {
      this.player.load(s.track, expected / 1000, play);
      this.drift.settle(now);
      return;
    }
    if (seek && !this.holding && Math.abs(state.seconds * 1000 - expected) > this.drift.tolerance) {
      this.player.seek(expected / 1000);
      this.drift.settle(now);
    }
    if (play && !state.playing) this.player.play();
    else if (!play && state.playing) this.player.pause();
  }

  /** Checks the drift (call every few hundred ms while playing); returns the seek made (ms), if any. */
  tick(): number | null {
    const s = this.session;
    const expected = this.expected();
    if (!s?.track || expected === null || this.holding) return null;
    const state = this.player.read();
    if (state.trackId !== s.track.id) return null;
    const target = this.drift.check({ now: this.now(), actualMs: state.seconds * 1000, expectedMs: expected, playing: s.playing && state.playing, buffering: state.buffering });
    if (target === null) return null;
    this.player.seek(target / 1000);
    return target;
  }
}

/**
 * The session's track has played to its end (the host's client moves the session on: the next queued track, or a
 * pause at the end). Within 300 ms of the end, while playing.
 */
export function atTrackEnd(playhead: Playhead, expectedMs: number): boolean {
  return playhead.playing && playhead.durationMs !== null && playhead.durationMs > 0 && expectedMs >= playhead.durationMs - 300;
}
