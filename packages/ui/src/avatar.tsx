import { useState } from 'react';
import { hueOf } from './color.ts';
import { cx } from './cx.ts';

export interface AvatarProps {
  name: string;
  size?: 'sm' | 'md' | 'lg' | 'xl';
  /** The person's picture; the initials show while there is none, or when it fails to load. */
  src?: string | null | undefined;
  /** Hide from assistive technology when the name is already written next to the avatar. */
  decorative?: boolean;
  className?: string;
}

/** Up to two initials: first letters of the first and last words. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '?';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

export function Avatar({ name, size = 'md', src, decorative = false, className }: AvatarProps) {
  // The source that failed: a new picture gets its chance.
  const [failed, setFailed] = useState<string | null>(null);
  const image = src && failed !== src ? src : null;
  return (
    <span
      className={cx('vz-avatar', `vz-avatar--${size}`, image && 'vz-avatar--image', className)}
      style={{ backgroundColor: `hsl(${hueOf(name)} 45% 30%)` }}
      role={decorative ? undefined : 'img'}
      aria-label={decorative ? undefined : name}
      aria-hidden={decorative || undefined}
    >
      {image ? (
        <img className="vz-avatar__img" src={image} alt="" loading="lazy" decoding="async" onError={() => setFailed(image)} />
      ) : (
        <span aria-hidden="true">{initialsOf(name)}</span>
      )}
    </span>
  );
}
