import type { ReactNode } from 'react';
import { hueOf } from './color.ts';
import { cx } from './cx.ts';
import './cover-art.css';

/** A second, independent hash of the seed (FNV-1a), so the pattern does not move in step with the hue. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * The generated artwork for a track without a cover: a two-colour gradient plus one of four soft shapes, all derived
 * from `seed` (the track id), so a track looks the same on every screen and every visit.
 */
export function placeholderArt(seed: string): string {
  const hue = hueOf(seed);
  const bits = fnv1a(seed);
  const second = (hue + 30 + (bits % 90)) % 360;
  const angle = (bits >>> 8) % 360;
  const x = 20 + ((bits >>> 16) % 60);
  const y = 20 + ((bits >>> 22) % 60);
  const light = `hsl(${second} 70% 62% / 0.55)`;
  const base = `linear-gradient(${angle}deg, hsl(${hue} 60% 40%), hsl(${second} 55% 20%))`;
  switch ((bits >>> 28) % 4) {
    case 0: // a sun
      return `radial-gradient(circle at ${x}% ${y}%, ${light} 0 22%, transparent 23%), ${base}`;
    case 1: // rings
      return `repeating-radial-gradient(circle at ${x}% ${y}%, ${light} 0 6%, transparent 6% 14%), ${base}`;
    case 2: // stripes
      return `repeating-linear-gradient(${(angle + 90) % 360}deg, ${light} 0 8%, transparent 8% 18%), ${base}`;
    default: // a horizon
      return `linear-gradient(180deg, transparent ${y}%, ${light} ${y}%), ${base}`;
  }
}

export interface CoverArtProps {
  /** Seeds the generated placeholder; use the track id. */
  seed: string;
  /** The cover image; the generated placeholder shows without it. */
  src?: string | null | undefined;
  /** Text alternative of the image; "" (decorative, the default) when the title is written next to it. */
  alt?: string;
  /** Overlaid on the art (e.g. a play button). */
  children?: ReactNode;
  className?: string;
}

/** A square track cover, or its generated placeholder (decorative, hidden from assistive technology). */
export function CoverArt({ seed, src, alt = '', children, className }: CoverArtProps) {
  return (
    <div className={cx('vz-cover-art', className)}>
      {src ? (
        <img className="vz-cover-art__image" src={src} alt={alt} loading="lazy" decoding="async" />
      ) : (
        <span className="vz-cover-art__placeholder" aria-hidden="true" data-placeholder-art="" style={{ backgroundImage: placeholderArt(seed) }} />
      )}
      {children}
    </div>
  );
}
