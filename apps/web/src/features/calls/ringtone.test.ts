import { describe, expect, it, vi } from 'vitest';
import { RING_PATTERNS, startRing } from './ringtone.ts';

/** A WebAudio context that records the oscillators it is asked to play. */
function fakeContext() {
  const oscillators: { frequency: number; start: number; stop: number }[] = [];
  const param = () => ({ value: 0, setValueAtTime: vi.fn(), linearRampToValueAtTime: vi.fn() });
  const ctx = {
    currentTime: 0,
    destination: {},
    closed: false,
    createGain: () => ({ gain: param(), connect: vi.fn() }),
    createOscillator: () => {
      const o = { frequency: { value: 0 }, at: 0, connect: vi.fn(), start: (t: number) => (o.at = t), stop: (t: number) => oscillators.push({ frequency: o.frequency.value, start: o.at, stop: t }) };
      return o;
    },
    resume: async () => undefined,
    close: async () => {
      ctx.closed = true;
    },
  };
  return { ctx, oscillators };
}

describe('startRing', () => {
  it('plays the two-tone incoming pattern ahead of time and stops for good', () => {
    vi.useFakeTimers();
    const { ctx, oscillators } = fakeContext();
    const stop = startRing('incoming', () => ctx as never);
    const pattern = RING_PATTERNS.incoming;
    // Two cycles scheduled at once: 2 bursts × 2 tones each.
    expect(oscillators).toHaveLength(2 * pattern.bursts.length * pattern.tones.length);
    expect(new Set(oscillators.map((o) => o.frequency))).toEqual(new Set([440, 480]));
    const first = oscillators[0];
    expect((first?.stop ?? 0) - (first?.start ?? 0)).toBeCloseTo(0.4);
    ctx.currentTime = 6;
    vi.advanceTimersByTime(pattern.cycle * 1000);
    expect(oscillators.length).toBeGreaterThan(8);
    stop();
    expect(ctx.closed).toBe(true);
    const count = oscillators.length;
    ctx.currentTime = 20;
    vi.advanceTimersByTime(10_000);
    expect(oscillators).toHaveLength(count);
    stop();
    vi.useRealTimers();
  });

  it('is silent without WebAudio', () => {
    const stop = startRing('outgoing', () => null);
    expect(() => stop()).not.toThrow();
  });
});
