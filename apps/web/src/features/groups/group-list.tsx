import type { GroupDto } from '@veza/api';
import { Badge } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { GroupAvatar } from './group-avatar.tsx';
import { groupHref } from './group-model.ts';
import './groups.css';

/** What a list says about the viewer's standing ("Owner", "Request sent"…), if anything. */
export function StandingBadge({ group }: { group: Pick<GroupDto, 'myStanding'> }) {
  const { t } = useTranslation();
  if (!group.myStanding) return null;
  return <Badge tone={group.myStanding === 'requested' || group.myStanding === 'invited' ? 'neutral' : 'accent'}>{t(`groups.standing.${group.myStanding}`)}</Badge>;
}

/** Groups as a list of cards: avatar, name (a link), member count, public or private, the viewer's standing. */
export function GroupList({ groups, label }: { groups: GroupDto[]; label: string }) {
  const { t } = useTranslation();
  return (
    <ul className="vw-group-list" aria-label={label}>
      {groups.map((group) => (
        <li key={group.id} className="vw-group-card">
          <GroupAvatar group={group} />
          <div className="vw-group-card__text">
            <Link to={groupHref(group)} className="vw-group-card__name">{group.name}</Link>
            <span className="vw-muted">
              {t('groups.memberCount', { count: group.memberCount })} · {group.isPublic ? t('groups.public') : t('groups.private')}
            </span>
            {group.description && <p className="vw-group-card__description">{group.description}</p>}
          </div>
          <StandingBadge group={group} />
        </li>
      ))}
    </ul>
  );
}
