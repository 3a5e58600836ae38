import { create } from 'zustand';
import type { EngineReport } from '../features/player/engine.ts';
import type { Loudness } from '../features/player/loudness.ts';
import { usePlayerSettings } from './player-settings.ts';
import { appendAutoplay, currentEntry, fromList, nextIndex, previousIndex, useQueue, withoutUpcomingAutoplay, type QueueData } from './queue.ts';

export interface PlayerTrack {
  id: string;
  title: string;
  artistName: string;
  username: string;
  /** The original file: playable at once, before any HLS rendition exists. */
  audioUrl: string;
  durationMs?: number | null;
  hls?: { masterUrl: string; renditions: number[] } | null;
  loudness?: Loudness | null;
  coverUrl?: string | null;
}

/** What the store needs from the playback engine (PlaybackEngine in the app, a fake in tests). */
export interface PlayerEngineLike {
  load: (track: PlayerTrack, options?: { autoplay?: boolean; startAt?: number }) => void;
  play: () => void;
  pause: () => void;
  seek: (seconds: number) => void;
  stop: () => void;
  /** Where the audible element is now, in seconds (finer than the last timeupdate); a listening session reads it. */
  position?: () => number;
}

/**
 * What takes the transport over while a listening session drives the player (features/listen/): the listener's play,
 * pause, seek and skip (bar, keys, media keys, any play button) go to it instead, and the player does not move on by
 * itself at a track's end (no queue, repeat or autoplay: the session decides what plays). The session loads and moves
 * the engine itself.
 */
export interface PlayerRemote {
  /** A play button: the current track (resume, at `startAt` s if given) or another one. */
  play: (track: PlayerTrack, startAt?: number) => void;
  pause: () => void;
  seek: (seconds: number) => void;
  next: () => void;
  previous: () => void;
  /** False for a session's listener: the bar shows the position without a slider or skip buttons. */
  seekable: boolean;
}

/**
 * Where autoplay finds what to play next (tracks.related in the app, a fake in tests): tracks related to `seedId`, none
 * of `excludeIds`.
 */
export type RelatedSource = (seedId: string, excludeIds: string[]) => Promise<PlayerTrack[]>;

/** At most this many recently played tracks are left out of autoplay's picks (the API's excludeIds limit). */
export const AUTOPLAY_EXCLUDE_MAX = 200;

/** Above this many seconds into a track, "previous" restarts it. */
export const RESTART_THRESHOLD_S = 3;

/** What the engine reports, plus the track it is playing. */
interface PlaybackState extends EngineReport {
  track: PlayerTrack | null;
}

interface PlayerState extends PlaybackState {
  /**
   * Counts plays: a new number each time a track starts from the queue (chosen, next, the engine moving on, repeat
   * one) or is played again after its end. The play counter asks for a ticket per play (use-play-counting.ts).
   */
  playId: number;
  engine: PlayerEngineLike | null;
  attach: (engine: PlayerEngineLike | null) => void;
  /** Set while a listening session drives the player (see PlayerRemote). */
  remote: PlayerRemote | null;
  setRemote: (remote: PlayerRemote | null) => void;
  /** True while autoplay looks for related tracks, the queue having ended. */
  autoplayLoading: boolean;
  /** Gives autoplay its source of related tracks (null: none, autoplay does nothing). */
  setRelatedSource: (source: RelatedSource | null) => void;
  /** Switches autoplay on or off (a player setting); off drops the related tracks still to come. */
  setAutoplay: (on: boolean) => void;
  /** Starts `track` (or resumes it if it is loaded), optionally at `startAt` seconds. A track outside the queue becomes a queue of one. */
  play: (track: PlayerTrack, startAt?: number) => void;
  /** Play if paused, pause if playing; starts `track` when another one is loaded. */
  toggle: (track?: PlayerTrack) => void;
  /** Plays a list as the new queue, from `index` (optionally at `startAt` seconds); toggles when that track is already the current one. */
  playList: (tracks: PlayerTrack[], index: number, startAt?: number) => void;
  /**
   * Makes `tracks` the queue around the current track without interrupting it (e.g. the context of a track
   * started alone arrived). Ignored when nothing plays or the list does not hold the current track.
   */
  queueAround: (tracks: PlayerTrack[]) => void;
  /** Plays the queue entry `key`. */
  jump: (key: string) => void;
  next: () => void;
  previous: () => void;
  pause: () => void;
  seek: (seconds: number) => void;
  seekBy: (delta: number) => void;
  stop: () => void;
  /** Swaps in fresher data for a track (e.g. its HLS became available); used from the next play on. */
  refreshTrack: (track: PlayerTrack) => void;
  /** Called by the engine. */
  report: (patch: Partial<PlaybackState>) => void;
  /** The engine moved on to the following entry by itself. */
  advanced: (track: PlayerTrack) => void;
  /** The engine played the current track to its end and nothing follows. */
  finished: () => void;
  /** What follows the current entry at its natural end. */
  upcoming: () => PlayerTrack | null;
}

const idle: PlaybackState = { track: null, isPlaying: false, currentTime: 0, duration: 0, buffering: false, failed: false, levels: [], currentKbps: null };

const setQueue = (q: QueueData) => useQueue.setState(q);

/** The persistent player: the store decides, the engine behind PlayerHost's <audio> elements plays. */
export const usePlayer = create<PlayerState>()((set, get) => {
  /** The version of the current track the engine was given (its HLS may have appeared since). */
  let loaded: PlayerTrack | null = null;
  /** The current track ended: playing it again is a new play. */
  let ended = false;
  let related: RelatedSource | null = null;
  /** Ids of the tracks started lately, newest last (autoplay leaves them out). */
  let history: string[] = [];
  const played = (id: string) => {
    history = [...history.filter((h) => h !== id), id].slice(-AUTOPLAY_EXCLUDE_MAX);
  };
  const start = (track: PlayerTrack, startAt = 0) => {
    loaded = track;
    ended = false;
    played(track.id);
    set({ playId: get().playId + 1, track, currentTime: startAt, duration: (track.durationMs ?? 0) / 1000, buffering: true, failed: false, isPlaying: true, levels: [], currentKbps: null });
    get().engine?.load(track, startAt > 0 ? { autoplay: true, startAt } : { autoplay: true });
  };
  const startIndexAt = (index: number, startAt = 0) => {
    const q = useQueue.getState();
    const entry = q.entries[index];
    if (!entry) return;
    setQueue({ ...q, index });
    start(entry.track, startAt);
  };
  const startIndex = (index: number) => startIndexAt(index);

  return {
    ...idle,
    playId: 0,
    engine: null,
    remote: null,
    setRemote: (remote) => set({ remote }),
    autoplayLoading: false,
    setRelatedSource: (source) => {
      related = source;
    },
    setAutoplay: (on) => {
      usePlayerSettings.getState().setAutoplay(on);
      if (!on) setQueue(withoutUpcomingAutoplay(useQueue.getState()));
    },
    attach: (engine) => {
      set({ engine });
      // A track chosen before the engine existed starts loading now.
      const { track } = get();
      if (engine && track) {
        loaded = track;
        engine.load(track, { autoplay: false, startAt: get().currentTime });
      }
    },
    play: (track, startAt) => {
      const { engine, track: current, remote } = get();
      if (remote) return remote.play(track, startAt);
      if (current?.id === track.id) {
        if (startAt !== undefined) get().seek(startAt);
        set(ended ? { isPlaying: true, failed: false, playId: get().playId + 1 } : { isPlaying: true, failed: false });
        ended = false;
        const fresh = current.hls && !loaded?.hls ? current : null;
        if (fresh && engine) {
          // The stream became available while the original was playing: switch now, at a play boundary.
          loaded = fresh;
          engine.load(fresh, { autoplay: true, startAt: get().currentTime });
        } else engine?.play();
        return;
      }
      const q = useQueue.getState();
      const at = q.entries.findIndex((e) => e.track.id === track.id);
      if (at >= 0) return startIndexAt(at, startAt);
      setQueue(fromList(q, [track], 0));
      start(track, startAt);
    },
    toggle: (track) => {
      const state = get();
      if (track && state.track?.id !== track.id) return state.play(track);
      if (!state.track) return;
      if (state.remote) return state.isPlaying ? state.remote.pause() : state.remote.play(state.track);
      if (state.isPlaying) state.pause();
      else state.play(state.track);
    },
    playList: (tracks, index, startAt) => {
      const chosen = tracks[index];
      if (!chosen) return;
      if (get().track?.id === chosen.id) return get().toggle();
      const { remote } = get();
      if (remote) return remote.play(chosen, startAt);
      const q = fromList(useQueue.getState(), tracks, index);
      setQueue(q);
      const entry = currentEntry(q);
      if (entry) start(entry.track, startAt);
    },
    queueAround: (tracks) => {
      if (get().remote) return;
      const current = get().track;
      const index = current ? tracks.findIndex((t) => t.id === current.id) : -1;
      if (index < 0) return;
      setQueue(fromList(useQueue.getState(), tracks, index));
    },
    jump: (key) => {
      const { remote } = get();
      const entry = useQueue.getState().entries.find((e) => e.key === key);
      if (remote) return entry ? remote.play(entry.track) : undefined;
      startIndex(useQueue.getState().entries.findIndex((e) => e.key === key));
    },
    next: () => {
      const { remote } = get();
      if (remote) return remote.next();
      const to = nextIndex(useQueue.getState(), false);
      if (to !== null) startIndex(to);
    },
    previous: () => {
      const { currentTime, remote } = get();
      if (remote) return remote.previous();
      const to = previousIndex(useQueue.getState());
      if (currentTime > RESTART_THRESHOLD_S || to === null) get().seek(0);
      else startIndex(to);
    },
    pause: () => {
      const { remote } = get();
      if (remote) return remote.pause();
      set({ isPlaying: false });
      get().engine?.pause();
    },
    seek: (seconds) => {
      const { engine, duration, remote } = get();
      const to = Math.max(0, duration > 0 ? Math.min(seconds, duration) : seconds);
      if (remote) return remote.seek(to);
      set({ currentTime: to });
      engine?.seek(to);
    },
    seekBy: (delta) => get().seek(get().currentTime + delta),
    stop: () => {
      loaded = null;
      ended = false;
      history = [];
      get().engine?.stop();
      setQueue({ ...useQueue.getState(), entries: [], index: -1, unshuffled: null });
      set(idle);
    },
    refreshTrack: (fresh) => {
      const q = useQueue.getState();
      if (q.entries.some((e) => e.track.id === fresh.id)) {
        const swap = (e: { key: string; track: PlayerTrack }) => (e.track.id === fresh.id ? { ...e, track: fresh } : e);
        setQueue({ ...q, entries: q.entries.map(swap), unshuffled: q.unshuffled?.map(swap) ?? null });
      }
      if (get().track?.id === fresh.id) set({ track: fresh });
    },
    report: (patch) => set(patch),
    advanced: (track) => {
      const q = useQueue.getState();
      const to = nextIndex(q, true);
      if (to !== null) setQueue({ ...q, index: to });
      loaded = track;
      ended = false;
      played(track.id);
      set({ playId: get().playId + 1, track, currentTime: 0, duration: (track.durationMs ?? 0) / 1000, failed: false });
    },
    finished: () => {
      ended = true;
      if (get().remote) return;
      // Up next: the queue ended; with autoplay on, go on with tracks related to this one, none heard lately.
      const seed = get().track;
      if (!seed || !related || !usePlayerSettings.getState().autoplay) return;
      const playId = get().playId;
      const queued = useQueue.getState().entries.map((e) => e.track.id);
      const exclude = [...new Set([...history, ...queued])].filter((id) => id !== seed.id).slice(-AUTOPLAY_EXCLUDE_MAX);
      set({ autoplayLoading: true });
      related(seed.id, exclude)
        .then((tracks) => {
          // Something else started meanwhile, or autoplay was switched off: leave the queue alone.
          if (get().playId !== playId || !ended || !usePlayerSettings.getState().autoplay || tracks.length === 0) return;
          const q = useQueue.getState();
          setQueue(appendAutoplay(q, tracks));
          startIndex(q.entries.length);
        })
        .catch(() => undefined)
        .finally(() => set({ autoplayLoading: false }));
    },
    upcoming: () => {
      if (get().remote) return null;
      const q = useQueue.getState();
      const to = nextIndex(q, true);
      return to === null ? null : (q.entries[to]?.track ?? null);
    },
  };
});

/** True when `trackId` is the loaded track and it is playing. */
export const useIsPlaying = (trackId: string) => usePlayer((s) => s.isPlaying && s.track?.id === trackId);
