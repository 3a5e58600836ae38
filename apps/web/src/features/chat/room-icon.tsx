import './room-icon.css';
import { Avatar } from '@veza/ui';
import { useState } from 'react';

export interface RoomIconProps {
  /** The room's name (its initials and colour when it has no icon, or the icon fails to load). */
  name: string;
  iconUrl: string | null;
  size?: 'sm' | 'md' | 'lg';
}

/** A room's icon (256×256 WebP from the server), or its initials on a colour derived from its name. Decorative. */
export function RoomIcon({ name, iconUrl, size = 'sm' }: RoomIconProps) {
  const [failed, setFailed] = useState<string | null>(null);
  if (iconUrl && failed !== iconUrl) {
    return <img className={`vw-room-icon vz-avatar vz-avatar--${size}`} src={iconUrl} alt="" aria-hidden="true" loading="lazy" decoding="async" onError={() => setFailed(iconUrl)} />;
  }
  return <Avatar name={name} size={size} decorative className="vw-room-icon vw-room-icon--fallback" />;
}
