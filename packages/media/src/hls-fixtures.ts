import { pcmWav } from './wav.ts';

/**
 * Dense stereo audio for tests and benchmarks of the ladder: a moving chord over independent noise in each channel,
 * as 16-bit PCM WAV. Unlike a pure tone (which the AAC encoder codes in ~110 kbit/s whatever it is asked), it makes
 * the encoder spend each rung's full rate, as mixed music does. Deterministic: the same bytes on every run.
 */
export function denseWav({ seconds = 10, sampleRate = 44_100 } = {}): Buffer {
  let seed = 0x2545f491;
  const noise = () => {
    // xorshift32: cheap, deterministic, good enough to be incompressible.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 0xffffffff - 0.5;
  };
  return pcmWav({ frames: Math.round(seconds * sampleRate), sampleRate, channels: 2 }, (i) => {
    const t = i / sampleRate;
    const chord = 0.15 * Math.sin(2 * Math.PI * 220 * t) * (1 + 0.5 * Math.sin(2 * Math.PI * 2 * t)) + 0.1 * Math.sin(2 * Math.PI * 330 * t + Math.sin(2 * Math.PI * 5 * t));
    // Each channel gets its own noise: called left then right, frame after frame.
    return Math.max(-1, Math.min(1, chord + 0.35 * noise()));
  });
}
