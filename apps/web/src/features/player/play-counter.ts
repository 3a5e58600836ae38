/** What the counter needs of the API: a ticket when a play starts, and the ticket back once heard long enough. */
export interface PlayCountApi {
  /** tracks.playStart: null ticket when this play will not count (the owner's own track). */
  start: (trackId: string) => Promise<{ ticket: string | null; countAfterMs: number }>;
  /** tracks.playCount. */
  count: (ticket: string) => Promise<unknown>;
}

/** The player as the counter samples it, at each change (player store). */
export interface PlaySample {
  /** A new number per play (stores/player.ts `playId`). */
  playId: number;
  /** The loaded track; null when the player is stopped. */
  trackId: string | null;
  isPlaying: boolean;
  /** Seconds into the track. */
  currentTime: number;
}

interface Play {
  playId: number;
  trackId: string;
  /** undefined while playStart is on its way; null: this play does not count (or asking failed). */
  ticket: string | null | undefined;
  countAfterMs: number;
  listenedMs: number;
  /** The previous sample: whether it was playing, where, and when (the clock's ms). */
  last: { playing: boolean; time: number; at: number } | null;
  sent: boolean;
}

/**
 * Counts plays the way the API wants them (plays.service.ts): a ticket from `start` when a play begins (a new
 * `playId`: a track chosen, the next one, a replay after the end), sent back to `count` once `countAfterMs` of the
 * track have actually been heard, at most once per ticket.
 *
 * Heard time is the progress of the playback position between two samples while it plays, never more than the time
 * that passed meanwhile: pauses add nothing (not playing), nor does buffering (the position stands still), nor a seek
 * (a jump of the position in no time). Errors are swallowed: counting never disturbs playback.
 */
export class PlayCounter {
  private play: Play | null = null;
  private readonly api: PlayCountApi;
  private readonly now: () => number;

  constructor(api: PlayCountApi, now: () => number = () => performance.now()) {
    this.api = api;
    this.now = now;
  }

  /** Feeds the player's state; call it at every change. */
  update(sample: PlaySample) {
    const at = this.now();
    if (sample.trackId === null) {
      this.play = null;
      return;
    }
    if (!this.play || this.play.playId !== sample.playId) this.begin(sample.playId, sample.trackId);
    const play = this.play!;
    const last = play.last;
    if (last?.playing) {
      const heard = (sample.currentTime - last.time) * 1000;
      const elapsed = at - last.at;
      if (heard > 0 && elapsed > 0) play.listenedMs += Math.min(heard, elapsed);
    }
    play.last = { playing: sample.isPlaying, time: sample.currentTime, at };
    this.maybeSend(play);
  }

  /** How long the current play has been heard, in ms (for tests and diagnostics). */
  listenedMs(): number {
    return this.play?.listenedMs ?? 0;
  }

  private begin(playId: number, trackId: string) {
    const play: Play = { playId, trackId, ticket: undefined, countAfterMs: Infinity, listenedMs: 0, last: null, sent: false };
    this.play = play;
    this.api
      .start(trackId)
      .then(({ ticket, countAfterMs }) => {
        play.ticket = ticket;
        play.countAfterMs = countAfterMs;
        if (this.play === play) this.maybeSend(play);
      })
      .catch(() => {
        play.ticket = null;
      });
  }

  private maybeSend(play: Play) {
    if (play.sent || !play.ticket || play.listenedMs < play.countAfterMs) return;
    play.sent = true;
    this.api.count(play.ticket).catch(() => undefined);
  }
}
