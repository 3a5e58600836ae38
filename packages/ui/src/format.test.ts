import { describe, expect, it } from 'vitest';
import { formatBytes, formatClock, formatDuration } from './format.ts';

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

describe('formatBytes', () => {
  // Intl writes a narrow no-break space (U+202F) or a no-break space (U+00A0) where a space would wrap badly.
  const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

  it('writes French units with a decimal comma: octets, ko, Mo, Go', () => {
    expect(plain(formatBytes(500, 'fr-FR'))).toBe('500 octets');
    expect(plain(formatBytes(1, 'fr'))).toBe('1 octet');
    expect(plain(formatBytes(128 * 1024, 'fr-FR'))).toBe('128 ko');
    expect(plain(formatBytes(1.5 * 1024 * 1024, 'fr-FR'))).toBe('1,5 Mo');
    expect(plain(formatBytes(500 * 1024 * 1024, 'fr-FR'))).toBe('500 Mo');
    expect(plain(formatBytes(2.25 * 1024 ** 3, 'fr-FR'))).toBe('2,3 Go');
    expect(formatBytes(1.5 * 1024 * 1024, 'fr-FR')).not.toMatch(/MB|KB|\./);
  });

  it('writes English units with a decimal point', () => {
    expect(formatBytes(500, 'en-GB')).toBe('500 bytes');
    expect(formatBytes(1, 'en-GB')).toBe('1 byte');
    expect(formatBytes(128 * 1024, 'en-GB')).toBe('128 kB');
    expect(formatBytes(1.5 * 1024 * 1024, 'en-GB')).toBe('1.5 MB');
    expect(formatBytes(3 * 1024 ** 4, 'en-GB')).toBe('3 TB');
  });

  it('never shows a negative or invalid size', () => {
    expect(plain(formatBytes(-1, 'fr-FR'))).toBe('0 octet');
    expect(formatBytes(Number.NaN, 'en-GB')).toBe('0 bytes');
  });
});
