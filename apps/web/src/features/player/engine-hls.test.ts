import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PlayerTrack } from '../../stores/player.ts';
import { loadHls, PlaybackEngine, type EngineHooks } from './engine.ts';

type Listener = (event: string, data: unknown) => void;

/** Just the hls.js surface the engine uses; every instance is recorded. */
class FakeHls {
  static instances: FakeHls[] = [];
  static isSupported = () => true;
  static Events = { MANIFEST_PARSED: 'hlsManifestParsed', LEVEL_SWITCHED: 'hlsLevelSwitched', ERROR: 'hlsError' };
  static ErrorTypes = { NETWORK_ERROR: 'networkError', MEDIA_ERROR: 'mediaError' };
  // Out of order on purpose, with the rates our master playlists measure.
  levels = [
    { uri: '256/index.m3u8', bitrate: 263_000, averageBitrate: 258_000 },
    { uri: '96/index.m3u8', bitrate: 100_000, averageBitrate: 98_000 },
    { uri: '160/index.m3u8', bitrate: 166_000, averageBitrate: 162_000 },
  ];
  currentLevel = -1;
  nextLevel = -1;
  source = '';
  destroyed = false;
  listeners = new Map<string, Listener>();
  config: { startPosition: number };
  constructor(config: { startPosition: number }) {
    this.config = config;
    FakeHls.instances.push(this);
  }
  on(event: string, fn: Listener) {
    this.listeners.set(event, fn);
  }
  emit(event: string, data: unknown = {}) {
    this.listeners.get(event)?.(event, data);
  }
  loadSource(url: string) {
    this.source = url;
  }
  attachMedia() {}
  recoverMediaError = vi.fn();
  destroy() {
    this.destroyed = true;
  }
}

vi.mock('hls.js/light', () => ({ default: FakeHls }));

const hlsTrack = (id: string, token = 't1'): PlayerTrack => ({
  id,
  title: id,
  artistName: 'Ana',
  username: 'ana',
  audioUrl: `http://localhost/api/tracks/${id}/audio`,
  hls: { masterUrl: `http://localhost/media/hls/${id}/${token}/master.m3u8`, renditions: [96, 160, 256] },
});

function audio() {
  const el = document.createElement('audio');
  let time = 0;
  Object.defineProperty(el, 'currentTime', { get: () => time, set: (v: number) => (time = v), configurable: true });
  Object.defineProperty(el, 'readyState', { get: () => 4, configurable: true });
  Object.defineProperty(el, 'paused', { get: () => false, configurable: true });
  el.play = vi.fn(() => Promise.resolve());
  el.pause = vi.fn();
  el.load = vi.fn();
  return el;
}

async function setup(refresh: EngineHooks['refresh'] = () => Promise.resolve(null)) {
  await loadHls();
  const a = audio();
  const hooks = { report: vi.fn(), upcoming: () => null, advanced: vi.fn(), refresh: vi.fn(refresh) };
  const engine = new PlaybackEngine([a, audio()], hooks);
  await Promise.resolve();
  await Promise.resolve();
  return { a, hooks, engine };
}

describe('PlaybackEngine with hls.js', () => {
  afterEach(() => {
    FakeHls.instances = [];
  });

  it('streams through hls.js and labels each level from its measured rate, whatever the level order', async () => {
    const { hooks, engine } = await setup();
    engine.configure({ quality: 160 });
    engine.load(hlsTrack('a'));
    const hls = FakeHls.instances[0]!;
    expect(hls.source).toBe('http://localhost/media/hls/a/t1/master.m3u8');
    hls.emit('hlsManifestParsed');
    expect(hooks.report).toHaveBeenCalledWith(expect.objectContaining({ levels: [96, 160, 256] }));
    // "160 kbps" plays the level whose segments are /160/.
    expect(hls.levels[hls.currentLevel]?.uri).toBe('160/index.m3u8');
    engine.configure({ quality: 256 });
    expect(hls.levels[hls.nextLevel]?.uri).toBe('256/index.m3u8');
    engine.configure({ quality: 'auto' });
    expect(hls.nextLevel).toBe(-1);
    // "Auto (… kbps)" names what is playing: level 1 is the 96 one.
    hls.emit('hlsLevelSwitched', { level: 1 });
    expect(hooks.report).toHaveBeenLastCalledWith({ currentKbps: 96 });
    hls.emit('hlsLevelSwitched', { level: 0 });
    expect(hooks.report).toHaveBeenLastCalledWith({ currentKbps: 256 });
  });

  it('labels a stream of the old ladder by what it carries: its "320" measured 226 kbit/s, below its "256"', async () => {
    const { hooks, engine } = await setup();
    engine.configure({ quality: 256 });
    engine.load({ ...hlsTrack('old'), hls: { masterUrl: 'http://localhost/media/hls/old/t1/master.m3u8', renditions: [128, 256, 320] } });
    const hls = FakeHls.instances[0]!;
    // hls.js sorts levels by BANDWIDTH.
    hls.levels = [
      { uri: '128/index.m3u8', bitrate: 132_000, averageBitrate: 130_000 },
      { uri: '320/index.m3u8', bitrate: 229_000, averageBitrate: 226_000 },
      { uri: '256/index.m3u8', bitrate: 262_000, averageBitrate: 258_000 },
    ];
    hls.emit('hlsManifestParsed');
    expect(hooks.report).toHaveBeenCalledWith(expect.objectContaining({ levels: [128, 224, 256] }));
    expect(hls.levels[hls.currentLevel]?.uri).toBe('256/index.m3u8');
    hls.emit('hlsLevelSwitched', { level: 1 });
    expect(hooks.report).toHaveBeenLastCalledWith({ currentKbps: 224 });
  });

  it('on a 403 (expired stream token) fetches a fresh URL and resumes at the same position', async () => {
    const { a, hooks, engine } = await setup((t) => Promise.resolve(hlsTrack(t.id, 't2')));
    engine.load(hlsTrack('a'));
    a.currentTime = 42;
    FakeHls.instances[0]!.emit('hlsError', { fatal: true, type: 'networkError', response: { code: 403 } });
    await vi.waitFor(() => expect(FakeHls.instances).toHaveLength(2));
    expect(hooks.refresh).toHaveBeenCalledTimes(1);
    const fresh = FakeHls.instances[1]!;
    expect(fresh.source).toBe('http://localhost/media/hls/a/t2/master.m3u8');
    expect(fresh.config.startPosition).toBe(42);
    expect(FakeHls.instances[0]!.destroyed).toBe(true);
    expect(a.currentTime).toBe(42);
  });

  it('falls back to the original file at the same position on other fatal errors', async () => {
    const { a, engine } = await setup();
    engine.load(hlsTrack('a'));
    a.currentTime = 12;
    FakeHls.instances[0]!.emit('hlsError', { fatal: true, type: 'networkError', response: { code: 500 } });
    expect(a.getAttribute('src')).toBe('http://localhost/api/tracks/a/audio');
    expect(a.currentTime).toBe(12);
  });

  it('tries to recover a fatal media error once before falling back', async () => {
    const { a, engine } = await setup();
    engine.load(hlsTrack('a'));
    const hls = FakeHls.instances[0]!;
    hls.emit('hlsError', { fatal: true, type: 'mediaError' });
    expect(hls.recoverMediaError).toHaveBeenCalledTimes(1);
    expect(a.getAttribute('src')).toBeNull();
    hls.emit('hlsError', { fatal: true, type: 'mediaError' });
    expect(a.getAttribute('src')).toBe('http://localhost/api/tracks/a/audio');
  });
});
