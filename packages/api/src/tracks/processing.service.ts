import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Track, type HlsRenditionInfo } from '@veza/db';
import {
  FfmpegError,
  HLS_LADDER_KBPS,
  masterPlaylist,
  measureLoudness,
  MediaRejectedError,
  probeMedia,
  transcodeRendition,
  waveformPeaks,
  type AudioFormat,
} from '@veza/media';
import type { ApiDeps } from '../context.ts';
import { trackStatusChannel, type TrackStatusEvent } from './tracks.events.ts';

export interface ProcessOptions {
  signal: AbortSignal;
  /** The queue will not retry after this attempt: a failure is final and shown to the user. */
  lastAttempt: boolean;
  maxDurationMs: number;
  /** Where scratch folders go (one per attempt, removed after it). */
  scratchDir: string;
}

/** Where the outputs live: `tracks/<id>/hls/master.m3u8` and `tracks/<id>/hls/<kbps>/…`. */
export const hlsPrefix = (trackId: string) => `tracks/${trackId}/hls`;

const CONTENT_TYPES: Record<string, string> = { m3u8: 'application/vnd.apple.mpegurl', mp4: 'audio/mp4', m4s: 'audio/mp4' };
const contentType = (file: string) => CONTENT_TYPES[file.split('.').pop() ?? ''] ?? 'application/octet-stream';

/** Progress is weighted by the work each step does: the renditions dominate. */
const STEPS = { probe: 2, rendition: 28, analysis: 14 };

const TOO_LONG_PROCESSING = 'Processing this file took too long. Try a shorter or simpler file, or upload it again later.';
const UNEXPECTED = 'Something went wrong while preparing this track. Please upload it again.';

/**
 * Turns an uploaded original into adaptive HLS (the AAC ladder), loudness and waveform. Publishes each
 * rendition as soon as it is complete, so the track plays before the ladder is done. Safe to run again
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

    const doneKbps = new Set(track.hlsRenditions.map((r) => r.kbps));
    for (const [index, kbps] of HLS_LADDER_KBPS.entries()) {
      if (!doneKbps.has(kbps)) {
        const rendition = await publishRendition(deps, trackId, { input, format, work, kbps, timeoutMs, info, signal: options.signal }, (f) =>
          tell({ processingPercent: Math.floor(done + f * STEPS.rendition) }),
        );
        track.hlsRenditions = [...track.hlsRenditions, rendition];
        await deps.storage.putBytes(`${hlsPrefix(trackId)}/master.m3u8`, masterPlaylist(track.hlsRenditions.map(masterEntry)), {
          contentType: CONTENT_TYPES.m3u8,
        });
      }
      done += STEPS.rendition;
      await tell({ processingPercent: done }, true);
      // Loudness and waveform once the track is already playable.
      if (index === 0 && (track.integratedLufs == null || track.waveform == null)) {
        const loudness = await measureLoudness(input, format, { timeoutMs, signal: options.signal });
        track.integratedLufs = loudness.integratedLufs;
        track.truePeakDb = loudness.truePeakDb;
        track.waveform = await waveformPeaks(input, format, { timeoutMs, signal: options.signal });
        done += STEPS.analysis;
        await tell({ processingPercent: done }, true);
      } else if (index === 0) {
        done += STEPS.analysis;
      }
    }
    await tell({ status: 'ready', processingPercent: 100 }, true);
    deps.metrics?.trackProcessed('ready');
  } catch (error) {
    const reason = plainReason(error, options.lastAttempt);
    if (reason) {
      await tell({ status: 'failed', failureReason: reason }, true);
      deps.metrics?.trackProcessed('failed');
      return;
    }
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const masterEntry = (r: HlsRenditionInfo) => ({ uri: `${r.kbps}/index.m3u8`, bandwidth: r.bandwidth, averageBandwidth: r.averageBandwidth, codecs: r.codecs });

/** Encodes one rendition locally, then uploads it: segments first, its playlist last. */
async function publishRendition(
  deps: ApiDeps,
  trackId: string,
  job: { input: string; format: AudioFormat; work: string; kbps: number; timeoutMs: number; info: { durationMs: number; sampleRate: number | null }; signal: AbortSignal },
  onProgress: (fraction: number) => Promise<void>,
): Promise<HlsRenditionInfo> {
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
  const prefix = `${hlsPrefix(trackId)}/${job.kbps}`;
  await deps.storage.deletePrefix(`${prefix}/`); // leftovers of an attempt that died mid-upload
  const files = (await readdir(outDir)).filter((f) => f !== rendition.playlist).sort();
  for (const file of [...files, rendition.playlist]) {
    await deps.storage.putFile(`${prefix}/${file}`, join(outDir, file), { contentType: contentType(file) });
  }
  return { kbps: job.kbps, bandwidth: rendition.bandwidth, averageBandwidth: rendition.averageBandwidth, codecs: rendition.codecs };
}

/** The words to show the uploader when a failure is final; null when the job should be retried. */
function plainReason(error: unknown, lastAttempt: boolean): string | null {
  if (error instanceof MediaRejectedError) return error.reason;
  if (error instanceof FfmpegError && !error.timedOut && !error.aborted) return error.message;
  if (!lastAttempt) return null;
  if (error instanceof FfmpegError) return TOO_LONG_PROCESSING;
  return UNEXPECTED;
}
