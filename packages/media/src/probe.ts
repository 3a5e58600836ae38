import { fileTypeFromFile } from 'file-type';
import { parseFile } from 'music-metadata';
import { acceptedAudioType } from '@veza/validators';

export type AudioFormat = 'mp3' | 'wav' | 'flac' | 'ogg' | 'm4a' | 'aiff';

export interface SniffedAudio {
  format: AudioFormat;
  mimeType: string;
}

/** Detects the container from the file's first bytes; null when it is not an accepted audio format. */
export async function sniffAudio(path: string): Promise<SniffedAudio | null> {
  // The browser checks the same list before sending (packages/validators, ACCEPTED_AUDIO_TYPES).
  const type = await fileTypeFromFile(path);
  return acceptedAudioType(type?.ext);
}

export interface AudioMetadata {
  durationMs: number | null;
  sampleRate: number | null;
  channels: number | null;
  title: string | null;
  artist: string | null;
}

export class UnreadableAudioError extends Error {
  constructor(cause: unknown) {
    super('The audio file could not be read.', { cause });
    this.name = 'UnreadableAudioError';
  }
}

const cleanTag = (value: string | undefined, max: number) => {
  const trimmed = value?.replace(/\p{Cc}/gu, '').trim();
  return trimmed ? trimmed.slice(0, max) : null;
};

/** Reads duration, format details and title/artist tags with music-metadata. */
export async function readAudioMetadata(path: string): Promise<AudioMetadata> {
  let metadata;
  try {
    metadata = await parseFile(path, { duration: true, skipCovers: true });
  } catch (error) {
    throw new UnreadableAudioError(error);
  }
  const { format, common } = metadata;
  const duration = format.duration;
  return {
    durationMs: duration && Number.isFinite(duration) ? Math.round(duration * 1000) : null,
    sampleRate: format.sampleRate ?? null,
    channels: format.numberOfChannels ?? null,
    title: cleanTag(common.title, 200),
    artist: cleanTag(common.artist, 200),
  };
}
