import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Track, type HlsRenditionInfo } from '@veza/db';
import {
  FfmpegError,
  HLS_LADDER_VERSION,
  isDistinctRung,
  ladderFor,
  masterPlaylist,
  measureLoudness,
  MediaRejectedError,
  probeMedia,
  transcodeRendition,
  summarizePeaks,
  waveformPeaks,
  type AudioFormat,
  type MediaInfo,
} from '@veza/media';
import type { ApiDeps } from '../context.ts';
import { trackStatusChannel, type TrackStatusEvent } from './tracks.events.ts';
import { processingNotice } from '../notifications/notifications.service.ts';

export interface ProcessOptions {
  signal: AbortSignal;
  /** The queue will not retry after this attempt: a failure is final and shown to the user. */
  lastAttempt: boolean;
  maxDurationMs: number;
  /** Where scratch folders go (one per attempt, removed after it). */
  scratchDir: string;
}

/**
 * Where the outputs live: `tracks/<id>/hls/master.m3u8` and `tracks/<id>/hls/<kbps>/…`. A rung's folder is only
 * ever written with that rung's encoding (segments are served as immutable), so a new ladder adds folders for its
 * new rungs, keeps the ones it shares with the old ladder, and retires the rest.
 */
export const hlsPrefix = (trackId: string) => `tracks/${trackId}/hls`;

export const CONTENT_TYPES: Record<string, string> = { m3u8: 'application/vnd.apple.mpegurl', mp4: 'audio/mp4', m4s: 'audio/mp4' };
const contentType = (file: string) => CONTENT_TYPES[file.split('.').pop() ?? ''] ?? 'application/octet-stream';

/** Progress is weighted by the work each step does: the renditions dominate (shared by however many rungs). */
const STEPS = { probe: 2, renditions: 84, analysis: 14 };

const TOO_LONG_PROCESSING = 'Processing this file took too long. Try a shorter or simpler file, or upload it again later.';
const UNEXPECTED = 'Something went wrong while preparing this track. Please upload it again.';

/**
 * Turns an uploaded original into adaptive HLS (the rungs of the AAC ladder its source deserves: `ladderFor`),
 * loudness and waveform. Publishes each rendition as soon as it is complete, so the track plays before the ladder is
 * done, and stops climbing at the first rung that measures no real step up from the one below (`isDistinctRung`). Safe to run again
 * after a crash: renditions already recorded are kept, partial outputs are replaced, and a track that is
 * already ready (or deleted) is left alone — it completes exactly once.
 */
export async function processTrack(deps: ApiDeps, trackId: string, options: ProcessOptions): Promise<void> {
  const em = deps.db.fork();
  const track = await em.findOne(Track, { id: trackId }, { populate: ['storageKey', 'waveform'] });
  if (!track || track.status === 'ready') return;

  let lastTold = -1;
  const tell = async (changes: Partial<Pick<Track, 'status' | 'processingPercent' | 'failureReason'>>, force = false) => {
    Object.assign(track, changes);
    if (!force && track.processingPercent - lastTold < 2) return;
    lastTold = track.processingPercent;
    await em.flush();
    const event: TrackStatusEvent = {
      id: trackId,
      status: track.status,
      percent: track.processingPercent,
      failureReason: track.failureReason ?? null,
      renditions: track.hlsRenditions.map((r) => r.kbps),
    };
    await deps.bus.publish(trackStatusChannel(trackId), event);
  };

  await mkdir(options.scratchDir, { recursive: true });
  const work = await mkdtemp(join(options.scratchDir, `${trackId}-`));
  try {
    await tell({ status: 'processing', processingPercent: 0, failureReason: null }, true);
    const input = join(work, 'original');
    await pipeline(deps.storage.read(track.storageKey), createWriteStream(input));
    const format = track.format as AudioFormat;
    const info = await probeMedia(input, format, { maxDurationMs: options.maxDurationMs, signal: options.signal });
    track.durationMs = info.durationMs;
    const timeoutMs = 60_000 + info.durationMs * 2;
    let done = STEPS.probe;
    await tell({ processingPercent: done }, true);

    const rungs = ladderFor(sourceOf(track, format, info));
    const perRendition = STEPS.renditions / rungs.length;
    // Renditions of an attempt made before the ladder changed: not part of this track's ladder any more.
    const stray = track.hlsRenditions.filter((r) => !rungs.includes(r.kbps));
    if (stray.length > 0) {
      track.hlsRenditions = track.hlsRenditions.filter((r) => rungs.includes(r.kbps));
      await writeMaster(deps, trackId, track.hlsRenditions);
    }
    for (const [index, kbps] of rungs.entries()) {
      if (!track.hlsRenditions.some((r) => r.kbps === kbps)) {
        const encoded = await encodeRendition({ input, format, work, kbps, timeoutMs, info, signal: options.signal }, (f) =>
          tell({ processingPercent: Math.floor(done + f * perRendition) }),
        );
        // Content that needs no more bits stops the climb: the next rungs would measure the same again.
        if (!isDistinctRung(belowOf(track.hlsRenditions, kbps), encoded.averageBandwidth)) break;
        track.hlsRenditions = [...track.hlsRenditions, await uploadRendition(deps, trackId, encoded)];
        await writeMaster(deps, trackId, track.hlsRenditions);
      }
      done += perRendition;
      await tell({ processingPercent: Math.floor(done) }, true);
      // Loudness and waveform once the track is already playable.
      if (index === 0 && (track.integratedLufs == null || track.waveform == null)) {
        const loudness = await measureLoudness(input, format, { timeoutMs, signal: options.signal });
        track.integratedLufs = loudness.integratedLufs;
        track.truePeakDb = loudness.truePeakDb;
        track.waveform = await waveformPeaks(input, format, { timeoutMs, signal: options.signal });
        track.peaks = summarizePeaks(track.waveform);
        done += STEPS.analysis;
        await tell({ processingPercent: Math.floor(done) }, true);
      } else if (index === 0) {
        done += STEPS.analysis;
      }
    }
    track.hlsLadderVersion = HLS_LADDER_VERSION;
    for (const r of stray) await deps.storage.deletePrefix(`${hlsPrefix(trackId)}/${r.kbps}/`);
    await tell({ status: 'ready', processingPercent: 100 }, true);
    deps.metrics?.trackProcessed('ready');
    await processingNotice({ em, deps }, { trackId, ownerId: track.owner.id, status: 'ready' }).catch(() => undefined);
  } catch (error) {
    const reason = plainReason(error, options.lastAttempt);
    if (reason) {
      await tell({ status: 'failed', failureReason: reason }, true);
      deps.metrics?.trackProcessed('failed');
      await processingNotice({ em, deps }, { trackId, ownerId: track.owner.id, status: 'failed', reason }).catch(() => undefined);
      return;
    }
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** What the ladder needs to know of the original; an unknown lossy rate is estimated from the file's size. */
export function sourceOf(track: Track, format: AudioFormat, info: MediaInfo) {
  const estimated = info.durationMs > 0 ? (track.sizeBytes * 8) / (info.durationMs / 1000) : null;
  return { format, codec: info.codec, bitRate: info.bitRate ?? estimated };
}

/** Replaces the master playlist in one write: players see the old one or the new one, never a mix. */
export const writeMaster = (deps: ApiDeps, trackId: string, renditions: HlsRenditionInfo[]) =>
  deps.storage.putBytes(`${hlsPrefix(trackId)}/master.m3u8`, masterPlaylist(renditions.map(masterEntry)), { contentType: CONTENT_TYPES.m3u8 });

const masterEntry = (r: HlsRenditionInfo) => ({ uri: `${r.kbps}/index.m3u8`, bandwidth: r.bandwidth, averageBandwidth: r.averageBandwidth, codecs: r.codecs });

/** The measured average of the highest rendition below `kbps`, null when there is none. */
export const belowOf = (renditions: HlsRenditionInfo[], kbps: number) =>
  renditions.filter((r) => r.kbps < kbps).sort((x, y) => y.kbps - x.kbps)[0]?.averageBandwidth ?? null;

export interface EncodeJob {
  input: string;
  format: AudioFormat;
  work: string;
  kbps: number;
  timeoutMs: number;
  info: { durationMs: number; sampleRate: number | null };
  signal: AbortSignal;
}

/** A rendition encoded in the scratch folder, measured, not yet published. */
export interface EncodedRendition extends HlsRenditionInfo {
  outDir: string;
  playlist: string;
}

/** Encodes one rendition locally and measures it. */
export async function encodeRendition(job: EncodeJob, onProgress: (fraction: number) => Promise<void>): Promise<EncodedRendition> {
  const outDir = join(job.work, String(job.kbps));
  let pending = Promise.resolve();
  const rendition = await transcodeRendition({
    input: job.input,
    format: job.format,
    outDir,
    bitrateKbps: job.kbps,
    timeoutMs: job.timeoutMs,
    signal: job.signal,
    durationMs: job.info.durationMs,
    sampleRate: job.info.sampleRate,
    onProgress: (f) => {
      pending = pending.then(() => onProgress(f)).catch(() => undefined);
    },
  });
  await pending;
  return { kbps: job.kbps, bandwidth: rendition.bandwidth, averageBandwidth: rendition.averageBandwidth, codecs: rendition.codecs, outDir, playlist: rendition.playlist };
}

/** Uploads an encoded rendition to its rung's folder: segments first, its playlist last. */
export async function uploadRendition(deps: ApiDeps, trackId: string, encoded: EncodedRendition): Promise<HlsRenditionInfo> {
  const prefix = `${hlsPrefix(trackId)}/${encoded.kbps}`;
  await deps.storage.deletePrefix(`${prefix}/`); // leftovers of an attempt that died mid-upload
  const files = (await readdir(encoded.outDir)).filter((f) => f !== encoded.playlist).sort();
  for (const file of [...files, encoded.playlist]) {
    await deps.storage.putFile(`${prefix}/${file}`, join(encoded.outDir, file), { contentType: contentType(file) });
  }
  return { kbps: encoded.kbps, bandwidth: encoded.bandwidth, averageBandwidth: encoded.averageBandwidth, codecs: encoded.codecs };
}

/** The words to show the uploader when a failure is final; null when the job should be retried. */
function plainReason(error: unknown, lastAttempt: boolean): string | null {
  if (error instanceof MediaRejectedError) return error.reason;
  if (error instanceof FfmpegError && !error.timedOut && !error.aborted) return error.message;
  if (!lastAttempt) return null;
  if (error instanceof FfmpegError) return TOO_LONG_PROCESSING;
  return UNEXPECTED;
}
