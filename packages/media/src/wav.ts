export interface PcmWavFormat {
  frames: number;
  sampleRate: number;
  channels: number;
}

/**
 * Builds a 16-bit PCM WAV (a canonical 44-byte header, then interleaved samples). `sample(frame, channel)` gives each
 * sample in [-1, 1], asked for frame by frame and, within a frame, channel by channel.
 */
export function pcmWav({ frames, sampleRate, channels }: PcmWavFormat, sample: (frame: number, channel: number) => number): Buffer {
  const blockAlign = channels * 2;
  const dataBytes = frames * blockAlign;
  const buffer = Buffer.alloc(44 + dataBytes);
  buffer.write('RIFF', 0, 'ascii');
  buffer.writeUInt32LE(36 + dataBytes, 4);
  buffer.write('WAVE', 8, 'ascii');
  buffer.write('fmt ', 12, 'ascii');
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(1, 20);
  buffer.writeUInt16LE(channels, 22);
  buffer.writeUInt32LE(sampleRate, 24);
  buffer.writeUInt32LE(sampleRate * blockAlign, 28);
  buffer.writeUInt16LE(blockAlign, 32);
  buffer.writeUInt16LE(16, 34);
  buffer.write('data', 36, 'ascii');
  buffer.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channels; c++) buffer.writeInt16LE(Math.round(sample(i, c) * 32767), 44 + (i * channels + c) * 2);
  }
  return buffer;
}

/**
 * Builds a 16-bit PCM WAV of a sine tone. Used by tests, E2E set-up and benchmarks to make
 * real audio without shipping binary fixtures.
 */
export function sineWav({ seconds = 2, frequency = 440, sampleRate = 44_100, channels = 1 } = {}): Buffer {
  const frames = Math.round(seconds * sampleRate);
  return pcmWav({ frames, sampleRate, channels }, (i) => Math.sin((2 * Math.PI * frequency * i) / sampleRate) * 0.3);
}
