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
