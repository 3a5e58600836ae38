import type { RouterOutputs } from '@veza/api';
import { Avatar } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { nameOf } from './chat-store.ts';
import { PresenceDot } from '../presence/presence-dot.tsx';
import type { PresenceItem } from '../presence/use-presence.ts';

export type RoomMemberDto = RouterOutputs['chat']['members']['list']['items'][number];

export interface MemberPanelProps {
  members: RoomMemberDto[];
  total: number;
  presence: Map<string, PresenceItem>;
  id?: string;
}

/** Who is in the room (owner, moderators, members), each with a presence dot. */
export function MemberPanel({ members, total, presence, id }: MemberPanelProps) {
  const { t } = useTranslation();
  return (
    <aside id={id} className="vw-chat-members" aria-label={t('chat.members.label')}>
      <h2 className="vw-chat-sidebar__title">{t('chat.members.title', { count: total })}</h2>
      <ul className="vw-chat-members__list">
        {members.map((m) => {
          const name = nameOf(m.user, m.user.username);
          return (
            <li key={m.user.id} className="vw-chat-member">
              <span className="vw-chat-member__avatar">
                <Avatar name={name} size="sm" decorative />
                <PresenceDot status={presence.get(m.user.id)?.status} />
              </span>
              <span className="vw-chat-member__name">
                {name}
                {m.user.displayName && <span className="vw-muted"> @{m.user.username}</span>}
              </span>
              {m.role !== 'member' && <span className="vw-chat-member__role">{t(`chat.members.role.${m.role}`)}</span>}
            </li>
          );
        })}
      </ul>
      {total > members.length && <p className="vw-muted">{t('chat.members.more', { count: total - members.length })}</p>}
    </aside>
  );
}
