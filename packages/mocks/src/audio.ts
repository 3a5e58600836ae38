/**
 * A small playable WAV (8 kHz, 8-bit mono) for mock tracks: a soft two-note tone whose pitch depends on
 * the seed, so different tracks sound different in `pnpm dev:mock` and Storybook.
 */
export function toneWav(seconds: number, seed: number): Uint8Array<ArrayBuffer> {
  const rate = 8000;
  const samples = Math.max(1, Math.round(seconds * rate));
  const bytes = new Uint8Array(new ArrayBuffer(44 + samples));
  const view = new DataView(bytes.buffer);
  const text = (offset: number, s: string) => [...s].forEach((c, i) => view.setUint8(offset + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, rate, true);
  view.setUint32(28, rate, true); // byte rate
  view.setUint16(32, 1, true); // block align
  view.setUint16(34, 8, true); // bits per sample
  text(36, 'data');
  view.setUint32(40, samples, true);
  const base = 196 + (seed % 7) * 22;
  for (let i = 0; i < samples; i++) {
    const t = i / rate;
    const beat = (t * 2) % 1; // two notes a second, each fading out
    const freq = Math.floor(t * 2) % 2 === 0 ? base : base * 1.5;
    const value = Math.sin(2 * Math.PI * freq * t) * Math.exp(-3 * beat) * 0.35;
    bytes[44 + i] = 128 + Math.round(value * 127);
  }
  return bytes;
}
