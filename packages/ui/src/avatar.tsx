import { hueOf } from './color.ts';
import { cx } from './cx.ts';

export interface AvatarProps {
  name: string;
  size?: 'sm' | 'md' | 'lg';
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

export function Avatar({ name, size = 'md', decorative = false, className }: AvatarProps) {
  return (
    <span
      className={cx('vz-avatar', `vz-avatar--${size}`, className)}
      style={{ backgroundColor: `hsl(${hueOf(name)} 45% 30%)` }}
      role={decorative ? undefined : 'img'}
      aria-label={decorative ? undefined : name}
      aria-hidden={decorative || undefined}
    >
      <span aria-hidden="true">{initialsOf(name)}</span>
    </span>
  );
}
