/**
 * Dense stereo audio for tests and benchmarks of the ladder: a moving chord over independent noise in each channel,
 * as 16-bit PCM WAV. Unlike a pure tone (which the AAC encoder codes in ~110 kbit/s whatever it is asked), it makes
 * the encoder spend each rung's full rate, as mixed music does. Deterministic: the same bytes on every run.
 */
export function denseWav({ seconds = 10, sampleRate = 44_100 } = {}): Buffer {
  const frames = Math.round(seconds * sampleRate);
  const dataBytes = frames * 4;
  const buffer = Buffer.alloc(44 + dataBytes);
  buffer.write('RIFF', 0, 'ascii');
  buffer.writeUInt32LE(36 + dataBytes, 4);
  buffer.write('WAVE', 8, 'ascii');
  buffer.write('fmt ', 12, 'ascii');
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(1, 20);
  buffer.writeUInt16LE(2, 22);
  buffer.writeUInt32LE(sampleRate, 24);
  buffer.writeUInt32LE(sampleRate * 4, 28);
  buffer.writeUInt16LE(4, 32);
  buffer.writeUInt16LE(16, 34);
  buffer.write('data', 36, 'ascii');
  buffer.writeUInt32LE(dataBytes, 40);
  let seed = 0x2545f491;
  const noise = () => {
    // xorshift32: cheap, deterministic, good enough to be incompressible.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 0xffffffff - 0.5;
  };
  for (let i = 0; i < frames; i++) {
    const t = i / sampleRate;
    const chord = 0.15 * Math.sin(2 * Math.PI * 220 * t) * (1 + 0.5 * Math.sin(2 * Math.PI * 2 * t)) + 0.1 * Math.sin(2 * Math.PI * 330 * t + Math.sin(2 * Math.PI * 5 * t));
    for (let c = 0; c < 2; c++) {
      const sample = Math.max(-1, Math.min(1, chord + 0.35 * noise()));
      buffer.writeInt16LE(Math.round(sample * 32767), 44 + (i * 2 + c) * 2);
    }
  }
  return buffer;
}
