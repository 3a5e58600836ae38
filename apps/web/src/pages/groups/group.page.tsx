import type { GroupDto } from '@veza/api';
import { Badge, EmptyState, ErrorState, LoadingState, LockIcon } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { Tabs, type TabItem } from '../../components/tabs.tsx';
import { GroupAvatar } from '../../features/groups/group-avatar.tsx';
import { StandingBadge } from '../../features/groups/group-list.tsx';
import { groupHref, isGroupTab, type GroupTab } from '../../features/groups/group-model.ts';
import { GroupStandingActions } from '../../features/groups/group-standing.tsx';
import { displayNameOf, profileHref } from '../../features/tracks/track-model.ts';
import { errorMessage, isNotFound } from '../../lib/errors.ts';
import { trpc } from '../../trpc.ts';
import { GroupFeed } from './group-feed.tsx';
import { GroupMembers } from './group-members.tsx';
import { GroupRequests } from './group-requests.tsx';
import { GroupSettings } from './group-settings.tsx';
import '../../features/groups/groups.css';

/** The about tab: the description, who owns it, how many are in it, my place in it, and the chat for members. */
function About({ group }: { group: GroupDto }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="vw-group-about">
      {group.description ? <p className="vw-group-about__description">{group.description}</p> : <p className="vw-muted">{t('groups.about.noDescription')}</p>}
      <dl className="vw-group-about__facts">
        <div><dt>{t('groups.about.owner')}</dt><dd><Link to={profileHref(group.owner.username)}>{displayNameOf(group.owner)}</Link></dd></div>
        <div><dt>{t('groups.about.members')}</dt><dd>{t('groups.memberCount', { count: group.memberCount })}</dd></div>
        <div><dt>{t('groups.about.since')}</dt><dd><time dateTime={group.createdAt}>{new Date(group.createdAt).toLocaleDateString(i18n.resolvedLanguage ?? 'en', { dateStyle: 'long' })}</time></dd></div>
      </dl>
      {!group.canRead && (
        <EmptyState titleAs="p" icon={<LockIcon />} title={t('groups.about.privateTitle')} description={t('groups.about.privateText')} />
      )}
      <GroupStandingActions group={group} />
      {group.roomId && (
        <p>
          <Link to={`/chat/${group.roomId}`} className="vz-button vz-button--secondary vz-button--md">{t('groups.about.chat')}</Link>
        </p>
      )}
    </div>
  );
}

/**
 * `/groups/:ref` (id or slug) and its tabs `/groups/:ref/feed|members|requests|settings`. Anyone sees the about card
 * (private groups too, with "Request to join"); the feed and members are for those who may read the group, the
 * requests and settings for its owner and admins. A tab one may not see opens the about tab instead.
 */
export function GroupPage() {
  const { t } = useTranslation();
  const { ref = '', tab: tabParam } = useParams();
  const query = trpc.groups.get.useQuery({ ref });

  if (query.isPending) return <LoadingState label={t('groups.loading')} />;
  if (query.isError) {
    return (
      <div className="vw-page">
        <PageHeading title={t('groups.title')} />
        {isNotFound(query.error) ? (
          <EmptyState title={t('groups.notFoundTitle')} description={t('groups.notFound')} action={<Link to="/groups">{t('groups.back')}</Link>} />
        ) : (
          <ErrorState title={t('groups.errorTitle')} message={errorMessage(query.error)} onRetry={() => void query.refetch()} retryLabel={t('common.retry')} />
        )}
      </div>
    );
  }
  const group = query.data;
  const available: GroupTab[] = ['about', ...(group.canRead ? (['feed', 'members'] as const) : []), ...(group.canManage ? (['requests', 'settings'] as const) : [])];
  const wanted = tabParam === undefined ? 'about' : tabParam;
  if (!isGroupTab(wanted) || !available.includes(wanted)) return <Navigate to={groupHref(group)} replace />;
  const tabs: TabItem<GroupTab>[] = available.map((key) => ({ key, label: t(`groups.tabs.${key}`), to: groupHref(group, key) }));

  return (
    <div className="vw-page vw-groups">
      <p><Link to="/groups">{t('groups.back')}</Link></p>
      <header className="vw-group-header">
        <GroupAvatar group={group} className="vw-group-avatar--lg" />
        <div className="vw-group-header__text">
          <PageHeading title={group.name} />
          <p className="vw-group-header__meta">
            <Badge tone={group.isPublic ? 'info' : 'neutral'} icon={group.isPublic ? undefined : <LockIcon />}>{group.isPublic ? t('groups.public') : t('groups.private')}</Badge>
            <span className="vw-muted">{t('groups.memberCount', { count: group.memberCount })}</span>
            <StandingBadge group={group} />
          </p>
        </div>
      </header>
      <Tabs label={t('groups.tabs.label', { name: group.name })} tabs={tabs} selected={wanted}>
        {wanted === 'about' && <About group={group} />}
        {wanted === 'feed' && <GroupFeed group={group} />}
        {wanted === 'members' && <GroupMembers group={group} />}
        {wanted === 'requests' && <GroupRequests group={group} />}
        {wanted === 'settings' && <GroupSettings group={group} />}
      </Tabs>
    </div>
  );
}
