export { readAudioMetadata, sniffAudio, UnreadableAudioError } from './probe.ts';
export type { AudioFormat, AudioMetadata, SniffedAudio } from './probe.ts';
export { sineWav } from './wav.ts';
