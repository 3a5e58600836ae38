import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration } from './format.ts';

describe('formatDuration', () => {
  it('formats minutes and zero-padded seconds', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(65_000)).toBe('1:05');
    expect(formatDuration(200_999)).toBe('3:20');
    expect(formatDuration(59 * 60_000 + 59_000)).toBe('59:59');
  });

  it('switches to h:mm:ss from one hour', () => {
    expect(formatDuration(3_600_000)).toBe('1:00:00');
    expect(formatDuration(3_600_000 + 5 * 60_000 + 7_000)).toBe('1:05:07');
  });

  it('renders a placeholder for unknown or invalid durations', () => {
    expect(formatDuration(null)).toBe('–:––');
    expect(formatDuration(Number.NaN)).toBe('–:––');
    expect(formatDuration(-1)).toBe('–:––');
  });
});

describe('formatClock', () => {
  it('formats seconds, flooring fractions', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(65.9)).toBe('1:05');
    expect(formatClock(7325)).toBe('2:02:05');
  });

  it('treats NaN, Infinity and negatives as 0:00 (media still loading)', () => {
    expect(formatClock(Number.NaN)).toBe('0:00');
    expect(formatClock(Number.POSITIVE_INFINITY)).toBe('0:00');
    expect(formatClock(-3)).toBe('0:00');
  });
});
