/**
 * Small but real audio files for upload tests: the browser checks the first bytes (file-type) and reads the tags
 * (music-metadata) before sending, so zero-filled blobs named ".wav" no longer pass.
 */
const ascii = (text: string) => new TextEncoder().encode(text);
const u32le = (n: number) => new Uint8Array([n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff]);
const u16le = (n: number) => new Uint8Array([n & 0xff, (n >>> 8) & 0xff]);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

/** A PCM WAV of about `size` bytes (44-byte header, silence). */
export function wavFile(name: string, size = 2048, type = 'audio/wav'): File {
  const dataBytes = Math.max(0, size - 44);
  const bytes = concat(
    ascii('RIFF'), u32le(36 + dataBytes), ascii('WAVE'),
    ascii('fmt '), u32le(16), u16le(1), u16le(1), u32le(44_100), u32le(88_200), u16le(2), u16le(16),
    ascii('data'), u32le(dataBytes), new Uint8Array(dataBytes),
  );
  return new File([bytes], name, { type });
}

/** A FLAC stream header with a Vorbis comment carrying `title` (no audio frames: enough for detection and tags). */
export function flacFile(name: string, title: string): File {
  const streamInfo = new Uint8Array(34);
  streamInfo.set([0x10, 0x00, 0x10, 0x00], 0); // min/max block size 4096
  // 44.1 kHz (20 bits), 2 channels - 1 (3 bits), 16 bits - 1 (5 bits), 44,100 samples (36 bits).
  streamInfo.set([0x0a, 0xc4, 0x42, 0xf0, 0x00, 0x00, 0xac, 0x44], 10);
  const comment = ascii(`TITLE=${title}`);
  const vendor = ascii('veza-test');
  const vorbis = concat(u32le(vendor.length), vendor, u32le(1), u32le(comment.length), comment);
  const blockHeader = (last: boolean, type: number, length: number) =>
    new Uint8Array([(last ? 0x80 : 0) | type, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff]);
  const bytes = concat(ascii('fLaC'), blockHeader(false, 0, 34), streamInfo, blockHeader(true, 4, vorbis.length), vorbis, new Uint8Array(64));
  return new File([bytes], name, { type: 'audio/flac' });
}

/** Not audio at all, whatever its name says. */
export function textFile(name: string, type = 'audio/mpeg'): File {
  return new File(['These are my lyrics, not a song.\n'.repeat(40)], name, { type });
}
