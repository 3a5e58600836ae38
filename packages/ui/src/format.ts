const pad = (n: number): string => String(n).padStart(2, '0');

function formatSeconds(total: number): string {
  const whole = Math.floor(total);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** Formats a duration in milliseconds as m:ss or h:mm:ss; an unknown duration renders as '–:––'. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '–:––';
  return formatSeconds(ms / 1000);
}

/** Formats a playback position in seconds as m:ss or h:mm:ss; NaN, Infinity and negatives read 0:00. */
export function formatClock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '0:00';
  return formatSeconds(seconds);
}

const BYTE_UNITS = ['kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/**
 * Formats a size in bytes for `locale`, in powers of 1024, with the language's own units and decimal sign:
 * fr "1,5 Mo", "740 ko", "500 octets"; en "1.5 MB", "740 kB", "500 bytes". Invalid sizes read as 0.
 */
export function formatBytes(bytes: number, locale: string): string {
  let value = Number.isFinite(bytes) && bytes > 0 ? bytes : 0;
  if (value < 1024) {
    return new Intl.NumberFormat(locale, { style: 'unit', unit: 'byte', unitDisplay: 'long', maximumFractionDigits: 0 }).format(value);
  }
  let unit = 0;
  value /= 1024;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: BYTE_UNITS[unit], maximumFractionDigits: 1 }).format(value);
}
