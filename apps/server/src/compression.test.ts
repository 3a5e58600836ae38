import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptedEncoding, COMPRESS_MIN_BYTES, encodeJson, withAcceptEncoding } from './compression.ts';

describe('compression', () => {
  it('prefers Brotli, falls back to gzip, and honours q=0', () => {
    expect(acceptedEncoding('gzip, deflate, br')).toBe('br');
    expect(acceptedEncoding('gzip, deflate')).toBe('gzip');
    expect(acceptedEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(acceptedEncoding('br;q=0.0, gzip;q=0')).toBeNull();
    expect(acceptedEncoding('*')).toBe('gzip');
    expect(acceptedEncoding('identity')).toBeNull();
    expect(acceptedEncoding(undefined)).toBeNull();
  });

  it('compresses only bodies of 1 KB and more, and says the answer varies', () => {
    const small = Buffer.from(JSON.stringify({ ok: true }));
    expect(encodeJson(small, 'br')).toEqual({ body: small, encoding: null, vary: false });
    const big = Buffer.from(JSON.stringify({ items: Array.from({ length: 100 }, (_, i) => ({ id: i, title: `Track ${i}` })) }));
    expect(big.byteLength).toBeGreaterThan(COMPRESS_MIN_BYTES);
    const br = encodeJson(big, 'br, gzip');
    expect(br.encoding).toBe('br');
    expect(brotliDecompressSync(br.body)).toEqual(big);
    const gzip = encodeJson(big, 'gzip');
    expect(gunzipSync(gzip.body)).toEqual(big);
    expect(encodeJson(big, undefined)).toEqual({ body: big, encoding: null, vary: true });
  });

  it('adds Accept-Encoding to Vary once', () => {
    expect(withAcceptEncoding(undefined)).toBe('Accept-Encoding');
    expect(withAcceptEncoding('trpc-accept, accept')).toBe('trpc-accept, accept, Accept-Encoding');
    expect(withAcceptEncoding('Origin, accept-encoding')).toBe('Origin, accept-encoding');
  });
});
