import type { GroupDto } from '@veza/api';
import { CoverArt } from '@veza/ui';

/** A group's avatar, or its generated placeholder (decorative: the name is written next to it). */
export function GroupAvatar({ group, className }: { group: Pick<GroupDto, 'id' | 'avatarUrl'>; className?: string }) {
  return <CoverArt seed={group.id} src={group.avatarUrl} className={['vw-group-avatar', className].filter(Boolean).join(' ')} />;
}
