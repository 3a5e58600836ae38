import type { UserSummaryDto } from '@veza/api';
import { Avatar } from '@veza/ui';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { displayNameOf, profileHref } from '../tracks/track-model.ts';

interface PersonItemProps {
  user: UserSummaryDto;
  /** After the name and @username: badges ("Follows you"), a date. */
  children?: ReactNode;
  /** At the end of the row: Follow, or Approve and Decline. */
  actions?: ReactNode;
  className?: string;
}

/** One person in a list of people (followers, following, follow requests): avatar, name linking to the profile, @username. */
export function PersonItem({ user, children, actions, className }: PersonItemProps) {
  const name = displayNameOf(user);
  return (
    <li className={['vw-person', className].filter(Boolean).join(' ')}>
      <Avatar name={name} decorative />
      <div className="vw-person__text">
        <Link to={profileHref(user.username)} className="vw-person__name">{name}</Link>
        <span className="vw-muted">@{user.username}</span>
        {children}
      </div>
      {actions}
    </li>
  );
}
