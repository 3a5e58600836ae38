import { parseFile } from 'music-metadata';
import { FfmpegError, MediaRejectedError } from './errors.ts';
import { inputArgs, resolveFfprobe, runFfprobe } from './ffmpeg.ts';
import type { AudioFormat } from './probe.ts';

export interface MediaInfo {
  durationMs: number;
  sampleRate: number | null;
  channels: number | null;
  codec: string | null;
  bitRate: number | null;
  /** A real video track (not a cover picture). Always false on success: such files are rejected. */
  hasVideoStream: boolean;
  hasCoverArt: boolean;
}

export interface ProbeOptions {
  /** Longest accepted duration; longer files are rejected. */
  maxDurationMs?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** ffprobe binary; null forces the music-metadata fallback. Defaults to resolveFfprobe(). */
  ffprobe?: string | null;
}

interface ProbeStream {
  codec_type?: string;
  codec_name?: string;
  sample_rate?: string;
  channels?: number;
  bit_rate?: string;
  duration?: string;
  disposition?: { attached_pic?: number };
}
interface ProbeJson {
  streams?: ProbeStream[];
  format?: { duration?: string; bit_rate?: string };
}

const num = (value: string | number | undefined) => {
  const parsed = typeof value === 'number' ? value : Number.parseFloat(value ?? '');
  return Number.isFinite(parsed) && parsed > 0 ? parsed : null;
};

const formatDuration = (ms: number) => {
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return minutes > 0 ? `${minutes} min ${seconds} s` : `${seconds} s`;
};

type RawInfo = Omit<MediaInfo, 'durationMs'> & { hasAudio: boolean; durationMs: number | null };

function check(info: RawInfo, maxDurationMs?: number): MediaInfo {
  if (info.hasVideoStream) throw new MediaRejectedError('This is a video file. Upload the audio only (MP3, WAV, FLAC, OGG, M4A or AIFF).');
  if (!info.hasAudio) throw new MediaRejectedError('This file contains no audio track.');
  if (!info.durationMs) throw new MediaRejectedError('This file has no playable length: it is empty or damaged.');
  if (maxDurationMs !== undefined && info.durationMs > maxDurationMs)
    throw new MediaRejectedError(`This track is ${formatDuration(info.durationMs)} long; the limit is ${formatDuration(maxDurationMs)}.`);
  const { hasAudio: _hasAudio, durationMs, ...rest } = info;
  return { durationMs, ...rest };
}

/**
 * Reads the streams of an untrusted file with ffprobe, the demuxer forced from the sniffed format, and refuses what
 * we cannot publish: no audio, real video, no duration, too long. Without ffprobe it falls back to music-metadata.
 */
export async function probeMedia(path: string, format: AudioFormat, options: ProbeOptions = {}): Promise<MediaInfo> {
  const ffprobe = options.ffprobe === undefined ? resolveFfprobe() : options.ffprobe;
  if (!ffprobe) return probeWithMusicMetadata(path, options.maxDurationMs);
  let json: ProbeJson;
  try {
    const args = ['-print_format', 'json', '-show_format', '-show_streams', ...inputArgs(path, format)];
    const { stdout } = await runFfprobe(args, { timeoutMs: options.timeoutMs ?? 30_000, signal: options.signal, binary: ffprobe });
    json = JSON.parse(stdout) as ProbeJson;
  } catch (error) {
    if (error instanceof FfmpegError && (error.timedOut || error.aborted)) throw error;
    throw new MediaRejectedError('This file could not be read as audio: it is damaged, incomplete or in another format.', { cause: error });
  }
  const streams = json.streams ?? [];
  const audio = streams.find((s) => s.codec_type === 'audio');
  const pictures = streams.filter((s) => s.codec_type === 'video' && s.disposition?.attached_pic === 1);
  const videos = streams.filter((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1);
  const seconds = num(json.format?.duration) ?? num(audio?.duration);
  return check(
    {
      hasAudio: audio !== undefined,
      durationMs: seconds === null ? null : Math.round(seconds * 1000),
      sampleRate: num(audio?.sample_rate),
      channels: num(audio?.channels),
      codec: audio?.codec_name ?? null,
      bitRate: num(audio?.bit_rate) ?? num(json.format?.bit_rate),
      hasVideoStream: videos.length > 0,
      hasCoverArt: pictures.length > 0,
    },
    options.maxDurationMs,
  );
}

async function probeWithMusicMetadata(path: string, maxDurationMs?: number): Promise<MediaInfo> {
  let metadata;
  try {
    metadata = await parseFile(path, { duration: true });
  } catch (error) {
    throw new MediaRejectedError('This file could not be read as audio: it is damaged, incomplete or in another format.', { cause: error });
  }
  const { format, common } = metadata;
  const seconds = num(format.duration);
  return check(
    {
      hasAudio: format.hasAudio ?? (format.sampleRate !== undefined || format.codec !== undefined),
      durationMs: seconds === null ? null : Math.round(seconds * 1000),
      sampleRate: num(format.sampleRate),
      channels: num(format.numberOfChannels),
      codec: format.codec ?? null,
      bitRate: num(format.bitrate),
      hasVideoStream: format.hasVideo ?? false,
      hasCoverArt: (common.picture?.length ?? 0) > 0,
    },
    maxDurationMs,
  );
}
