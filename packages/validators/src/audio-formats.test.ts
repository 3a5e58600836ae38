import { describe, expect, it } from 'vitest';
import { acceptedAudioType, ACCEPTED_AUDIO_TYPES } from './audio-formats.ts';
import { AUDIO_FORMATS } from './tracks.ts';

describe('accepted audio types', () => {
  it('maps what file-type detects to the containers we store', () => {
    expect(acceptedAudioType('flac')).toEqual({ format: 'flac', mimeType: 'audio/flac' });
    expect(acceptedAudioType('opus')).toEqual({ format: 'ogg', mimeType: 'audio/ogg' });
    expect(acceptedAudioType('aif')).toEqual({ format: 'aiff', mimeType: 'audio/aiff' });
  });

  it('refuses anything else, including nothing detected and inherited keys', () => {
    expect([undefined, '', 'txt', 'mp4', 'webm', 'toString', '__proto__', 'constructor'].map(acceptedAudioType)).toEqual([null, null, null, null, null, null, null, null]);
  });

  it('covers every stored format', () => {
    expect(new Set(Object.values(ACCEPTED_AUDIO_TYPES).map((type) => type.format))).toEqual(new Set(AUDIO_FORMATS));
  });
});
