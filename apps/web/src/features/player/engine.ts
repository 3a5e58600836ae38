import type { default as Hls, ErrorData } from 'hls.js';
import type { QualityPreference } from '../../stores/player-settings.ts';
import type { PlayerTrack } from '../../stores/player.ts';
import { kbpsByLevel, levelFor } from './hls-levels.ts';
import { normalizationGain } from './loudness.ts';

type HlsClass = typeof Hls;
let hlsModule: Promise<HlsClass> | null = null;
/** hls.js (its light build: plain variants are all we serve) loads in its own chunk, right when the player mounts. */
export const loadHls = () => (hlsModule ??= import('hls.js/light').then((m) => m.default));

/** Start buffering the next track this many seconds before the current one ends. */
export const PRELOAD_LEAD_S = 15;
export const TEST_ID = 'audio-player';

export interface EngineReport {
  isPlaying: boolean;
  currentTime: number;
  duration: number;
  buffering: boolean;
  failed: boolean;
  /** The renditions of the current stream, each labelled from its measured rate (kbps); empty when playing the original file. */
  levels: number[];
  /** The label of the rendition being played (what Auto chose), null when unknown or playing the original. */
  currentKbps: number | null;
}

export interface EngineHooks {
  report: (patch: Partial<EngineReport>) => void;
  /** What should follow the current track at its natural end (null: nothing). */
  upcoming: () => PlayerTrack | null;
  /** The engine moved on to `track` by itself (end of the previous one, gapless or crossfaded). */
  advanced: (track: PlayerTrack) => void;
  /** Fresh data (a new signed masterUrl) after the stream token expired. */
  refresh: (track: PlayerTrack) => Promise<PlayerTrack | null>;
  /** The current track played to its end and nothing follows (playing it again is a new play). */
  finished?: () => void;
}

export interface EngineSettings {
  volume: number;
  muted: boolean;
  normalize: boolean;
  crossfade: number;
  quality: QualityPreference;
}

interface Deck {
  el: HTMLAudioElement;
  hls: Hls | null;
  track: PlayerTrack | null;
  gain: GainNode | null;
  levelKbps: number[];
  /** Set when this deck was refreshed after a 403, to avoid loops. */
  refreshedAt: number;
  mediaRecovered: boolean;
}

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';
const finiteOr = (value: number, fallback: number) => (Number.isFinite(value) ? value : fallback);

/**
 * Plays the queue through two <audio> elements ("decks") in ping-pong: the active one is audible and carries
 * data-testid="audio-player"; the idle one preloads the next track shortly before the end, so the switch on
 * `ended` has no gap, or overlaps both for a crossfade. HLS through hls.js (ABR) when the track has renditions,
 * native HLS when hls.js is unsupported, the original file otherwise. Once an AudioContext exists (first user
 * gesture) each deck runs through its own GainNode (loudness normalisation, crossfade) into a master gain (volume).
 */
export class PlaybackEngine {
  private readonly decks: [Deck, Deck];
  private active = 0;
  private ctx: AudioContext | null = null;
  private master: GainNode | null = null;
  private fadeTimer: ReturnType<typeof setTimeout> | null = null;
  private settings: EngineSettings = { volume: 1, muted: false, normalize: true, crossfade: 0, quality: 'auto' };
  private readonly detachers: (() => void)[] = [];
  /** null until hls.js has loaded; until then (a few ms after start) tracks play from their original file. */
  private Hls: HlsClass | null = null;

  private readonly hooks: EngineHooks;

  constructor(elements: [HTMLAudioElement, HTMLAudioElement], hooks: EngineHooks) {
    this.hooks = hooks;
    const deck = (el: HTMLAudioElement): Deck => ({ el, hls: null, track: null, gain: null, levelKbps: [], refreshedAt: 0, mediaRecovered: false });
    this.decks = [deck(elements[0]), deck(elements[1])];
    this.decks.forEach((d, i) => this.listen(d, i));
    this.markActive();
    loadHls()
      .then((H) => {
        this.Hls = H;
      })
      .catch(() => undefined);
  }

  private get current(): Deck {
    return this.decks[this.active]!;
  }

  private get idle(): Deck {
    return this.decks[1 - this.active]!;
  }

  private listen(deck: Deck, index: number) {
    const on = <K extends keyof HTMLMediaElementEventMap>(type: K, fn: () => void) => {
      const handler = () => {
        if (index === this.active) fn();
      };
      deck.el.addEventListener(type, handler);
      this.detachers.push(() => deck.el.removeEventListener(type, handler));
    };
    const el = deck.el;
    on('play', () => this.hooks.report({ isPlaying: true }));
    on('playing', () => this.hooks.report({ isPlaying: true, buffering: false }));
    on('pause', () => this.hooks.report({ isPlaying: false }));
    on('waiting', () => this.hooks.report({ buffering: true }));
    on('canplay', () => this.hooks.report({ buffering: false }));
    on('loadedmetadata', () => this.hooks.report({ duration: finiteOr(el.duration, 0) }));
    on('durationchange', () => {
      if (Number.isFinite(el.duration)) this.hooks.report({ duration: el.duration });
    });
    on('timeupdate', () => {
      this.hooks.report({ currentTime: el.currentTime });
      this.nearEnd();
    });
    on('ended', () => this.onEnded());
    on('error', () => {
      if (el.getAttribute('src') && !deck.hls) this.hooks.report({ isPlaying: false, buffering: false, failed: true });
    });
  }

  private markActive() {
    this.decks.forEach((d, i) => {
      if (i === this.active) d.el.setAttribute('data-testid', TEST_ID);
      else d.el.removeAttribute('data-testid');
    });
  }

  /** Creates the Web Audio graph; call from a user gesture. Safe to call more than once. */
  unlock() {
    if (this.ctx) {
      void this.ctx.resume().catch(() => undefined);
      return;
    }
    const Ctx = typeof window === 'undefined' ? undefined : window.AudioContext;
    if (!Ctx) return;
    try {
      const ctx = new Ctx();
      const master = ctx.createGain();
      master.connect(ctx.destination);
      for (const deck of this.decks) {
        const gain = ctx.createGain();
        ctx.createMediaElementSource(deck.el).connect(gain).connect(master);
        deck.gain = gain;
      }
      this.ctx = ctx;
      this.master = master;
    } catch {
      // No Web Audio: the elements keep playing directly, without normalisation or crossfade.
      this.ctx = null;
      this.master = null;
    }
    this.applyVolume();
    this.decks.forEach((d) => this.applyDeckGain(d));
  }

  configure(settings: Partial<EngineSettings>) {
    const qualityChanged = settings.quality !== undefined && settings.quality !== this.settings.quality;
    this.settings = { ...this.settings, ...settings };
    this.applyVolume();
    if (!this.fadeTimer) this.decks.forEach((d) => this.applyDeckGain(d));
    if (qualityChanged) this.applyQuality(this.current, false);
  }

  private applyVolume() {
    const level = this.settings.muted ? 0 : this.settings.volume;
    if (this.master && this.ctx) {
      this.master.gain.setValueAtTime(level, this.ctx.currentTime);
      for (const d of this.decks) {
        d.el.volume = 1;
        d.el.muted = false;
      }
    } else {
      for (const d of this.decks) {
        d.el.volume = level;
        d.el.muted = this.settings.muted;
      }
    }
  }

  private targetGain(deck: Deck) {
    return this.settings.normalize ? normalizationGain(deck.track?.loudness) : 1;
  }

  private applyDeckGain(deck: Deck, value = this.targetGain(deck)) {
    if (!deck.gain || !this.ctx) return;
    deck.gain.gain.cancelScheduledValues(this.ctx.currentTime);
    deck.gain.gain.setValueAtTime(value, this.ctx.currentTime);
  }

  /** Loads `track` and (by default) plays it, reusing the idle deck when it already holds it. */
  load(track: PlayerTrack, { autoplay = true, startAt = 0 }: { autoplay?: boolean; startAt?: number } = {}) {
    this.finishFade();
    const idle = this.idle;
    if (idle.track?.id === track.id && idle.track.hls?.masterUrl === track.hls?.masterUrl && idle.track.audioUrl === track.audioUrl) {
      this.reset(this.current);
      this.active = 1 - this.active;
      this.markActive();
    } else {
      this.reset(idle);
      this.attachSource(this.current, track, { startAt });
    }
    const deck = this.current;
    this.applyDeckGain(deck);
    this.reportStream(deck);
    if (startAt > 0 || deck.el.currentTime > 0) deck.el.currentTime = startAt;
    this.hooks.report({ currentTime: startAt, duration: finiteOr(deck.el.duration, (track.durationMs ?? 0) / 1000) });
    if (autoplay) this.play();
  }

  play() {
    const deck = this.current;
    if (!deck.track) return;
    void this.ctx?.resume().catch(() => undefined);
    this.hooks.report({ isPlaying: true, failed: false });
    deck.el.play().catch((error: unknown) => {
      if (!isAbort(error)) this.hooks.report({ isPlaying: false, buffering: false, failed: true });
    });
  }

  pause() {
    this.finishFade();
    this.current.el.pause();
    this.hooks.report({ isPlaying: false });
  }

  seek(seconds: number) {
    this.finishFade();
    this.current.el.currentTime = Math.max(0, seconds);
  }

  /** Where the audible element is now, in seconds. */
  position() {
    return this.current.el.currentTime;
  }

  stop() {
    this.finishFade();
    this.decks.forEach((d) => this.reset(d));
    this.hooks.report({ isPlaying: false, buffering: false, currentTime: 0, duration: 0, levels: [], currentKbps: null });
  }

  destroy() {
    this.stop();
    this.detachers.forEach((fn) => fn());
    void this.ctx?.close().catch(() => undefined);
  }

  private reset(deck: Deck) {
    deck.hls?.destroy();
    deck.hls = null;
    deck.track = null;
    deck.levelKbps = [];
    deck.mediaRecovered = false;
    deck.el.pause();
    if (deck.el.getAttribute('src')) {
      deck.el.removeAttribute('src');
      deck.el.load();
    }
  }

  private attachSource(deck: Deck, track: PlayerTrack, { forceFile = false, startAt = 0 } = {}) {
    deck.hls?.destroy();
    deck.hls = null;
    deck.levelKbps = [];
    deck.track = track;
    deck.el.preload = 'auto';
    const hls = forceFile ? null : track.hls;
    const H = this.Hls;
    if (hls && H?.isSupported()) {
      const { Events } = H;
      // hls.js starts fetching at startPosition (-1: the beginning), so a resume does not load the start first.
      const instance = new H({ autoStartLoad: true, startPosition: startAt > 0 ? startAt : -1 });
      instance.on(Events.MANIFEST_PARSED, () => {
        deck.levelKbps = kbpsByLevel(instance.levels);
        this.applyQuality(deck, true);
        if (deck === this.current) this.reportStream(deck);
      });
      instance.on(Events.LEVEL_SWITCHED, (_event, data) => {
        if (deck === this.current) this.hooks.report({ currentKbps: deck.levelKbps[data.level] ?? null });
      });
      instance.on(Events.ERROR, (_event, data) => this.onHlsError(deck, instance, data));
      instance.loadSource(hls.masterUrl);
      instance.attachMedia(deck.el);
      deck.hls = instance;
    } else if (hls && H && deck.el.canPlayType('application/vnd.apple.mpegurl')) {
      // Native HLS only where hls.js cannot run (no MediaSource, e.g. iOS Safari).
      deck.el.src = hls.masterUrl;
    } else {
      deck.el.src = track.audioUrl;
    }
  }

  private reportStream(deck: Deck) {
    const level = deck.hls?.currentLevel ?? -1;
    this.hooks.report({ levels: [...deck.levelKbps].sort((a, b) => a - b), currentKbps: level >= 0 ? (deck.levelKbps[level] ?? null) : null });
  }

  private applyQuality(deck: Deck, initial: boolean) {
    if (!deck.hls || deck.levelKbps.length === 0) return;
    const level = levelFor(this.settings.quality, deck.levelKbps);
    // Before anything is buffered, switching immediately costs nothing; later, switch at the next fragment.
    if (initial) deck.hls.currentLevel = level;
    else deck.hls.nextLevel = level;
  }

  private onHlsError(deck: Deck, hls: Hls, data: ErrorData) {
    if (!data.fatal || deck.hls !== hls || !deck.track || !this.Hls) return;
    const { ErrorTypes } = this.Hls;
    const track = deck.track;
    const position = deck.el.currentTime;
    const resume = deck === this.current && !deck.el.paused;
    if (data.type === ErrorTypes.NETWORK_ERROR && data.response?.code === 403 && Date.now() - deck.refreshedAt > 10_000) {
      // The signed stream URL expired: fetch a fresh one and carry on where we were.
      deck.refreshedAt = Date.now();
      void this.hooks.refresh(track).then((fresh) => {
        if (deck.track?.id !== track.id) return;
        this.attachSource(deck, fresh ?? track, { forceFile: !fresh?.hls, startAt: position });
        deck.refreshedAt = Date.now();
        this.resumeAt(deck, position, resume);
      });
      return;
    }
    if (data.type === ErrorTypes.MEDIA_ERROR && !deck.mediaRecovered) {
      deck.mediaRecovered = true;
      hls.recoverMediaError();
      return;
    }
    // Anything else: fall back to the original file at the same position.
    this.attachSource(deck, track, { forceFile: true, startAt: position });
    this.resumeAt(deck, position, resume);
    if (deck === this.current) this.reportStream(deck);
  }

  private resumeAt(deck: Deck, position: number, play: boolean) {
    const seek = () => {
      deck.el.currentTime = position;
      if (play && deck === this.current) this.play();
    };
    if (deck.el.readyState >= 1) seek();
    else deck.el.addEventListener('loadedmetadata', seek, { once: true });
  }

  /** Preloads what comes next, and starts the crossfade when one is set. */
  private nearEnd() {
    const deck = this.current;
    const duration = deck.el.duration;
    if (!deck.track || !Number.isFinite(duration) || duration <= 0 || this.fadeTimer) return;
    const remaining = duration - deck.el.currentTime;
    const fade = this.ctx ? Math.min(this.settings.crossfade, duration / 2) : 0;
    if (remaining > Math.max(PRELOAD_LEAD_S, fade + 2)) return;
    const next = this.hooks.upcoming();
    if (!next) return;
    if (this.idle.track?.id !== next.id) {
      this.reset(this.idle);
      this.attachSource(this.idle, next);
      this.applyDeckGain(this.idle, fade > 0 ? 0 : this.targetGain(this.idle));
    }
    if (fade > 0 && remaining <= fade && !deck.el.paused) this.crossfade(next, fade);
  }

  private crossfade(next: PlayerTrack, seconds: number) {
    const ctx = this.ctx;
    const from = this.current;
    const to = this.idle;
    if (!ctx || !from.gain || !to.gain) return;
    const now = ctx.currentTime;
    from.gain.gain.cancelScheduledValues(now);
    from.gain.gain.setValueAtTime(this.targetGain(from), now);
    from.gain.gain.linearRampToValueAtTime(0, now + seconds);
    to.gain.gain.cancelScheduledValues(now);
    to.gain.gain.setValueAtTime(0, now);
    to.gain.gain.linearRampToValueAtTime(this.targetGain(to), now + seconds);
    to.el.currentTime = 0;
    this.active = 1 - this.active;
    this.markActive();
    this.reportStream(to);
    this.hooks.advanced(next);
    this.play();
    this.fadeTimer = setTimeout(() => this.finishFade(), seconds * 1000);
  }

  /** Ends a running crossfade at once: the outgoing deck stops, the incoming one is at full level. */
  private finishFade() {
    if (!this.fadeTimer) return;
    clearTimeout(this.fadeTimer);
    this.fadeTimer = null;
    this.reset(this.idle);
    this.applyDeckGain(this.current);
  }

  private onEnded() {
    const next = this.hooks.upcoming();
    if (!next) {
      this.hooks.report({ isPlaying: false, buffering: false });
      this.hooks.finished?.();
      return;
    }
    this.hooks.advanced(next);
    this.load(next);
  }
}
