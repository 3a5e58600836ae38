import type { AudioFormat } from './tracks.ts';

export interface AcceptedAudioType {
  format: AudioFormat;
  mimeType: string;
}

/**
 * The audio containers accepted on upload, keyed by the extension `file-type` reports from a file's first bytes.
 * One list for both checks: the server's (packages/media sniffAudio) and the browser's before sending a byte.
 */
export const ACCEPTED_AUDIO_TYPES: Readonly<Record<string, AcceptedAudioType>> = {
  mp3: { format: 'mp3', mimeType: 'audio/mpeg' },
  wav: { format: 'wav', mimeType: 'audio/wav' },
  flac: { format: 'flac', mimeType: 'audio/flac' },
  ogg: { format: 'ogg', mimeType: 'audio/ogg' },
  oga: { format: 'ogg', mimeType: 'audio/ogg' },
  opus: { format: 'ogg', mimeType: 'audio/ogg' },
  m4a: { format: 'm4a', mimeType: 'audio/mp4' },
  aac: { format: 'm4a', mimeType: 'audio/aac' },
  aif: { format: 'aiff', mimeType: 'audio/aiff' },
  aiff: { format: 'aiff', mimeType: 'audio/aiff' },
};

/** The accepted container for a detected extension; null when it is not audio we take (or nothing was detected). */
export function acceptedAudioType(detectedExt: string | undefined): AcceptedAudioType | null {
  if (!detectedExt || !Object.hasOwn(ACCEPTED_AUDIO_TYPES, detectedExt)) return null;
  return ACCEPTED_AUDIO_TYPES[detectedExt] ?? null;
}
