import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MediaRejectedError } from './errors.ts';
import { inputArgs, runFfmpeg } from './ffmpeg.ts';
import type { AudioFormat } from './probe.ts';

export const AAC_LC_CODECS = 'mp4a.40.2';

export interface RenditionOptions {
  input: string;
  format: AudioFormat;
  /** An empty folder owned by us; created when missing. ffmpeg runs inside it. */
  outDir: string;
  bitrateKbps: number;
  segmentSeconds?: number;
  timeoutMs: number;
  signal?: AbortSignal;
  /** The probed duration: enables progress fractions and the "cut short" check. */
  durationMs?: number;
  /** The probed sample rate: 48 kHz families stay at 48 kHz, everything else goes to 44.1 kHz. */
  sampleRate?: number | null;
  onProgress?: (fraction: number) => void;
  /** ffmpeg binary; defaults to resolveFfmpeg(). */
  ffmpeg?: string;
}

export interface Rendition {
  playlist: 'index.m3u8';
  /** Peak segment bit rate in bit/s (RFC 8216 BANDWIDTH). */
  bandwidth: number;
  /** Total segment bits over total duration (RFC 8216 AVERAGE-BANDWIDTH). */
  averageBandwidth: number;
  codecs: typeof AAC_LC_CODECS;
  segments: number;
  durationMs: number;
}

const outputRate = (sampleRate: number | null | undefined) => (sampleRate && sampleRate % 48_000 === 0 ? 48_000 : 44_100);

/** The ffmpeg arguments after the input: one stereo AAC rendition as fMP4 HLS, audio only. Shared with the benchmark. */
export function renditionArgs(bitrateKbps: number, { segmentSeconds = 6, sampleRate }: { segmentSeconds?: number; sampleRate?: number | null } = {}) {
  return [
    '-map', '0:a:0', '-vn', '-sn', '-dn', '-map_metadata', '-1',
    '-c:a', 'aac', '-b:a', `${bitrateKbps}k`, '-ar', String(outputRate(sampleRate)), '-ac', '2',
    '-f', 'hls', '-hls_time', String(segmentSeconds), '-hls_playlist_type', 'vod', '-hls_segment_type', 'fmp4',
    '-hls_fmp4_init_filename', 'init.mp4', '-hls_segment_filename', 'seg_%05d.m4s', '-y', 'index.m3u8',
  ];
}

/** Transcodes one AAC rendition to HLS in `outDir` (one ffmpeg process per rendition). */
export async function transcodeRendition(options: RenditionOptions): Promise<Rendition> {
  const { input, format, outDir, bitrateKbps, durationMs, onProgress } = options;
  await mkdir(outDir, { recursive: true });
  const args = [...inputArgs(input, format), ...renditionArgs(bitrateKbps, options)];
  const progress =
    onProgress && durationMs ? (outTimeMs: number) => onProgress(Math.min(1, Math.max(0, outTimeMs / durationMs))) : undefined;
  await runFfmpeg(args, { timeoutMs: options.timeoutMs, signal: options.signal, cwd: outDir, binary: options.ffmpeg, onProgress: progress });

  const measured = await measurePlaylist(outDir);
  if (measured.segments === 0) throw new MediaRejectedError('No audio could be decoded from this file: it is damaged or empty.');
  if (durationMs && measured.durationMs < durationMs * 0.9 - 500) {
    throw new MediaRejectedError(
      `This file seems cut short: it holds about ${Math.round(measured.durationMs / 1000)} s of audio but announces ${Math.round(durationMs / 1000)} s. Please upload it again.`,
    );
  }
  onProgress?.(1);
  return { playlist: 'index.m3u8', codecs: AAC_LC_CODECS, ...measured };
}

interface Segment {
  seconds: number;
  bits: number;
}

/**
 * RFC 8216 peak segment bit rate: the highest rate over any run of contiguous segments lasting 0.5 to 1.5 target
 * durations (so a tiny last segment does not inflate it). A playlist shorter than half a target uses its overall rate.
 */
export function peakSegmentBitRate(segments: Segment[], targetSeconds: number): number {
  const total = segments.reduce((sum, s) => ({ seconds: sum.seconds + s.seconds, bits: sum.bits + s.bits }), { seconds: 0, bits: 0 });
  if (total.seconds <= 0) return 0;
  let peak = 0;
  for (let i = 0; i < segments.length; i++) {
    let seconds = 0;
    let bits = 0;
    for (let j = i; j < segments.length; j++) {
      seconds += segments[j]?.seconds ?? 0;
      bits += segments[j]?.bits ?? 0;
      if (seconds > targetSeconds * 1.5) break;
      if (seconds >= targetSeconds * 0.5) peak = Math.max(peak, bits / seconds);
    }
  }
  return Math.ceil(peak > 0 ? peak : total.bits / total.seconds);
}

/** Reads one of our VOD media playlists and sizes its segments to get the peak and average bit rates. */
export async function measurePlaylist(outDir: string, playlist = 'index.m3u8') {
  let text: string;
  try {
    text = await readFile(join(outDir, playlist), 'utf8');
  } catch {
    return { bandwidth: 0, averageBandwidth: 0, segments: 0, durationMs: 0 };
  }
  let pending: number | null = null;
  let target = 0;
  const segments: Segment[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const targetMatch = /^#EXT-X-TARGETDURATION:(\d+)/.exec(line);
    const extinf = /^#EXTINF:([\d.]+)/.exec(line);
    if (targetMatch) target = Number(targetMatch[1]);
    else if (extinf) pending = Number(extinf[1]);
    else if (line && !line.startsWith('#') && pending !== null) {
      if (line.includes('/') || line.includes('..')) throw new Error(`Unexpected segment URI in our own playlist: ${line}`);
      segments.push({ seconds: pending, bits: (await stat(join(outDir, line))).size * 8 });
      pending = null;
    }
  }
  const seconds = segments.reduce((sum, s) => sum + s.seconds, 0);
  const bits = segments.reduce((sum, s) => sum + s.bits, 0);
  return {
    bandwidth: peakSegmentBitRate(segments, target || Math.max(...segments.map((s) => s.seconds), 1)),
    averageBandwidth: seconds > 0 ? Math.ceil(bits / seconds) : 0,
    segments: segments.length,
    durationMs: Math.round(seconds * 1000),
  };
}

export interface MasterEntry {
  /** Relative URI of the rendition's playlist, e.g. `128/index.m3u8`. */
  uri: string;
  bandwidth: number;
  averageBandwidth: number;
  codecs: string;
}

/** The multivariant (master) playlist for the renditions we produced, lowest bandwidth first. */
export function masterPlaylist(renditions: MasterEntry[]): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-INDEPENDENT-SEGMENTS'];
  for (const r of [...renditions].sort((a, b) => a.bandwidth - b.bandwidth)) {
    if (/[\s"]/.test(r.uri) || /[\s",]/.test(r.codecs)) throw new Error(`Unsafe playlist entry: ${r.uri}`);
    lines.push(`#EXT-X-STREAM-INF:BANDWIDTH=${Math.ceil(r.bandwidth)},AVERAGE-BANDWIDTH=${Math.ceil(r.averageBandwidth)},CODECS="${r.codecs}"`, r.uri);
  }
  return `${lines.join('\n')}\n`;
}

/** Reads back a master playlist written by `masterPlaylist` (anything else in it is ignored). */
export function parseMasterPlaylist(text: string): MasterEntry[] {
  const entries: MasterEntry[] = [];
  let pending: Omit<MasterEntry, 'uri'> | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#EXT-X-STREAM-INF:')) {
      const attr = (name: string) => new RegExp(`(?:^|[:,])${name}=("[^"]*"|[^,]*)`).exec(line)?.[1]?.replace(/^"|"$/g, '');
      const bandwidth = Number(attr('BANDWIDTH'));
      pending = Number.isFinite(bandwidth) && bandwidth > 0
        ? { bandwidth, averageBandwidth: Number(attr('AVERAGE-BANDWIDTH') ?? bandwidth) || bandwidth, codecs: attr('CODECS') ?? '' }
        : null;
    } else if (line && !line.startsWith('#')) {
      if (pending) entries.push({ uri: line, ...pending });
      pending = null;
    }
  }
  return entries;
}
