import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Track } from '@veza/db';
import { createHarness, trpcError, type Harness } from '../test/harness.ts';
import { signStreamToken, verifyStreamToken } from './stream-token.ts';
import { trackStatusChannel, type TrackStatusEvent } from './tracks.events.ts';

let h: Harness;
let ana: Awaited<ReturnType<Harness['signUp']>>;
beforeAll(async () => {
  h = await createHarness();
  ana = await h.signUp('ana');
});
afterAll(() => h.close());

describe('after upload', () => {
  it('the track is queued for processing, playable from the original, with no stream yet', async () => {
    const { id } = await h.upload(ana.token);
    expect(h.enqueued).toContain(id);
    expect(await ana.api.tracks.byId({ id })).toMatchObject({
      status: 'queued',
      processingPercent: 0,
      failureReason: null,
      loudness: null,
      waveform: null,
      hls: null,
      tags: [],
      coverUrl: null,
      audioUrl: `/api/tracks/${id}/audio`,
    });
  });
});

describe('tracks.onStatus', () => {
  it('yields the current state, then live changes until ready', async () => {
    const { id } = await h.upload(ana.token);
    const controller = new AbortController();
    const api = await h.caller({ signal: controller.signal });
    const iterable = (await api.tracks.onStatus({ id })) as AsyncIterable<[string, TrackStatusEvent]>;
    const seen: TrackStatusEvent[] = [];
    const done = (async () => {
      for await (const [, event] of iterable) seen.push(event);
    })();
    await expect.poll(() => seen.length).toBe(1);
    expect(seen[0]).toMatchObject({ status: 'queued', percent: 0, renditions: [] });
    const publish = (e: Partial<TrackStatusEvent>) =>
      h.deps.bus.publish(trackStatusChannel(id), { id, status: 'processing', percent: 0, failureReason: null, renditions: [], ...e });
    await publish({ percent: 40, renditions: [96] });
    await publish({ status: 'ready', percent: 100, renditions: [96, 160, 256] });
    await publish({ percent: 1 }); // after the end: never delivered
    await done;
    expect(seen.map((e) => `${e.status}:${e.percent}`)).toEqual(['queued:0', 'processing:40', 'ready:100']);
  });

  it('ends at once for a finished track and hides private tracks', async () => {
    const { id } = await h.upload(ana.token);
    const em = h.db.fork();
    await em.nativeUpdate(Track, { id }, { status: 'failed', failureReason: 'This file contains no audio.' });
    const events = [];
    for await (const e of (await (await h.caller()).tracks.onStatus({ id })) as AsyncIterable<[string, TrackStatusEvent]>) events.push(e[1]);
    expect(events).toEqual([{ id, status: 'failed', percent: 0, failureReason: 'This file contains no audio.', renditions: [] }]);

    await ana.api.tracks.update({ id, visibility: 'private' });
    const anon = await h.caller();
    const err = await trpcError(async () => {
      for await (const _ of (await anon.tracks.onStatus({ id })) as AsyncIterable<unknown>) break;
    });
    expect(err.code).toBe('NOT_FOUND');
  });
});

describe('metadata', () => {
  it('the owner sets tags, BPM, key and lyrics; lists leave lyrics out', async () => {
    const { id } = await h.upload(ana.token, undefined, { title: 'Tagged' });
    const updated = await ana.api.tracks.update({ id, tags: ['Lo-Fi', 'chill'], bpm: 84, musicalKey: 'D minor', lyrics: 'la la la' });
    expect(updated).toMatchObject({ tags: ['lo-fi', 'chill'], bpm: 84, musicalKey: 'D minor', lyrics: 'la la la' });
    const listed = (await ana.api.tracks.list({ username: 'ana' })).items.find((t) => t.id === id);
    expect(listed).toMatchObject({ tags: ['lo-fi', 'chill'], bpm: 84, lyrics: null });
    expect((await ana.api.tracks.update({ id, bpm: null, lyrics: '' })).bpm).toBeNull();
    expect((await trpcError(() => ana.api.tracks.update({ id, bpm: 900 }))).code).toBe('BAD_REQUEST');
  });
});

describe('stream tokens', () => {
  it('verify only for the same track, untampered and unexpired', () => {
    const config = h.deps.tokens;
    const now = Date.UTC(2026, 10, 21, 10, 15); // fixed, away from an hour boundary
    const token = signStreamToken(config, 'track-a', now);
    expect(verifyStreamToken(config, 'track-a', token, now)).toBe(true);
    expect(verifyStreamToken(config, 'track-b', token, now)).toBe(false);
    expect(verifyStreamToken(config, 'track-a', token, now + 5 * 3600 * 1000)).toBe(false);
    expect(verifyStreamToken(config, 'track-a', `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, now)).toBe(false);
    expect(verifyStreamToken({ ...config, jwtSecret: 'another-secret-another-secret-another' }, 'track-a', token, now)).toBe(false);
    expect(verifyStreamToken(config, 'track-a', '../../etc', now)).toBe(false);
    // Rounded to the hour: two tokens issued minutes apart are the same URL.
    expect(signStreamToken(config, 'track-a', now)).toBe(signStreamToken(config, 'track-a', now + 1000));
  });
});
