import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Track, type HlsRenditionInfo } from '@veza/db';
import { HLS_LADDER_VERSION, isDistinctRung, ladderFor, MediaRejectedError, parseMasterPlaylist, probeMedia, type AudioFormat } from '@veza/media';
import type { ApiDeps } from '../context.ts';
import { encodeRendition, hlsPrefix, sourceOf, uploadRendition, writeMaster } from './processing.service.ts';
import { STREAM_TOKEN_TTL_SECONDS } from './stream-token.ts';
import { trackStatusChannel, type TrackStatusEvent } from './tracks.events.ts';

/**
 * Old rendition folders stay this long after a new master replaces them: a listener who loaded the old master
 * keeps playing it until its stream token expires (the token's lifetime plus its rounding to the hour).
 */
export const RETIRE_AFTER_SECONDS = STREAM_TOKEN_TTL_SECONDS + 3600;

export interface ReladderOptions {
  signal: AbortSignal;
  /** Where scratch folders go (one per attempt, removed after it). */
  scratchDir: string;
}

/**
 * Re-makes the renditions of a ready track processed with an older ladder (see HLS_LADDER_VERSION). The track plays
 * on throughout: rungs the old ladder already has are kept as they are (a rung's folder only ever holds that rung's
 * encoding), the new ones are encoded and uploaded to their own folders, then the master is replaced in one write.
 * Returns the rungs the new master no longer lists: their folders are for `retireRenditions` once
 * RETIRE_AFTER_SECONDS have passed. Running it again is harmless: a track already on the current ladder (or not
 * ready, or gone) is left alone and nothing is returned.
 */
export async function reprocessLadder(deps: ApiDeps, trackId: string, options: ReladderOptions): Promise<number[]> {
  const em = deps.db.fork();
  const track = await em.findOne(Track, { id: trackId }, { populate: ['storageKey'] });
  if (!track || track.status !== 'ready' || track.hlsLadderVersion >= HLS_LADDER_VERSION) return [];

  await mkdir(options.scratchDir, { recursive: true });
  const work = await mkdtemp(join(options.scratchDir, `${trackId}-ladder-`));
  try {
    const input = join(work, 'original');
    await pipeline(deps.storage.read(track.storageKey), createWriteStream(input));
    const format = track.format as AudioFormat;
    let info;
    try {
      info = await probeMedia(input, format, { signal: options.signal });
    } catch (error) {
      if (!(error instanceof MediaRejectedError)) throw error;
      // It played before but cannot be read now: keep what it has rather than try again at every start.
      track.hlsLadderVersion = HLS_LADDER_VERSION;
      await em.flush();
      return [];
    }
    const timeoutMs = 60_000 + info.durationMs * 2;
    // What the live master lists counts as published too: an attempt that died after swapping it left those.
    const published = [...track.hlsRenditions, ...(await liveMaster(deps, trackId))];
    const next: HlsRenditionInfo[] = [];
    for (const kbps of ladderFor(sourceOf(track, format, info))) {
      const below = next.at(-1)?.averageBandwidth ?? null;
      const kept = published.find((r) => r.kbps === kbps);
      const encoded = kept ? null : await encodeRendition({ input, format, work, kbps, timeoutMs, info, signal: options.signal }, () => Promise.resolve());
      if (!isDistinctRung(below, (kept ?? encoded)?.averageBandwidth ?? 0)) break;
      next.push(encoded ? await uploadRendition(deps, trackId, encoded) : kept!);
    }
    const live = new Set(next.map((r) => r.kbps));
    const retired = track.hlsRenditions.map((r) => r.kbps).filter((kbps) => !live.has(kbps));
    // The master first (one write); the record follows. A retry after a crash in between keeps what the master lists.
    await writeMaster(deps, trackId, next);
    track.hlsRenditions = next;
    track.hlsLadderVersion = HLS_LADDER_VERSION;
    await em.flush();
    const event: TrackStatusEvent = { id: trackId, status: track.status, percent: 100, failureReason: null, renditions: next.map((r) => r.kbps) };
    await deps.bus.publish(trackStatusChannel(trackId), event);
    return retired;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The renditions the track's current master playlist lists (none when it has none). */
async function liveMaster(deps: ApiDeps, trackId: string): Promise<HlsRenditionInfo[]> {
  if (!(await deps.storage.stat(`${hlsPrefix(trackId)}/master.m3u8`))) return [];
  const chunks: Buffer[] = [];
  for await (const chunk of deps.storage.read(`${hlsPrefix(trackId)}/master.m3u8`)) chunks.push(chunk as Buffer);
  return parseMasterPlaylist(Buffer.concat(chunks).toString('utf8')).flatMap((entry) => {
    const kbps = /^(\d{2,3})\/index\.m3u8$/.exec(entry.uri)?.[1];
    return kbps ? [{ kbps: Number(kbps), bandwidth: entry.bandwidth, averageBandwidth: entry.averageBandwidth, codecs: entry.codecs }] : [];
  });
}

/** Deletes the folders of retired rungs, never one the track's current master lists. Harmless to run twice. */
export async function retireRenditions(deps: ApiDeps, trackId: string, kbps: number[]): Promise<void> {
  const track = await deps.db.fork().findOne(Track, { id: trackId });
  const live = new Set(track?.hlsRenditions.map((r) => r.kbps) ?? []);
  for (const k of kbps) {
    if (!live.has(k) && Number.isInteger(k) && k > 0) await deps.storage.deletePrefix(`${hlsPrefix(trackId)}/${k}/`);
  }
}
