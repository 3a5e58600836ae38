import type { GroupInvitationDto } from '@veza/api';
import { Button, EmptyState, ErrorState, LoadingState, TextField, UserIcon } from '@veza/ui';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { GroupAvatar } from '../../features/groups/group-avatar.tsx';
import { GroupList } from '../../features/groups/group-list.tsx';
import { GROUPS_PAGE_SIZE, groupHref, groupRefusal } from '../../features/groups/group-model.ts';
import { useGroupSaved } from '../../features/groups/group-standing.tsx';
import { displayNameOf } from '../../features/tracks/track-model.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useSession } from '../../stores/session.ts';
import { trpc } from '../../trpc.ts';
import '../../features/groups/groups.css';

/** One invitation waiting for me: the group, who invited me, Accept and Decline. */
function Invitation({ invitation }: { invitation: GroupInvitationDto }) {
  const { t } = useTranslation();
  const saved = useGroupSaved();
  const utils = trpc.useUtils();
  const [error, setError] = useState<string | null>(null);
  const accept = trpc.groups.acceptInvite.useMutation({ onSuccess: saved, onError: (e) => setError(groupRefusal(e, t)) });
  const decline = trpc.groups.declineInvite.useMutation({ onSuccess: () => void utils.groups.invitations.invalidate(), onError: (e) => setError(groupRefusal(e, t)) });
  const { group } = invitation;
  return (
    <li className="vw-group-card">
      <GroupAvatar group={group} />
      <div className="vw-group-card__text">
        <Link to={groupHref(group)} className="vw-group-card__name">{group.name}</Link>
        <span className="vw-muted">{invitation.invitedBy ? t('groups.invitations.by', { name: displayNameOf(invitation.invitedBy) }) : t('groups.invitations.anonymous')}</span>
        {error && <p role="alert" className="vw-inline-error">{error}</p>}
      </div>
      <span className="vw-group-card__actions">
        <Button size="sm" onClick={() => accept.mutate({ id: group.id })} loading={accept.isPending} disabled={decline.isPending} aria-label={t('groups.invitations.acceptNamed', { name: group.name })}>
          {t('groups.invitations.accept')}
        </Button>
        <Button size="sm" variant="secondary" onClick={() => decline.mutate({ id: group.id })} loading={decline.isPending} disabled={accept.isPending} aria-label={t('groups.invitations.declineNamed', { name: group.name })}>
          {t('groups.invitations.decline')}
        </Button>
      </span>
    </li>
  );
}

function Invitations() {
  const { t } = useTranslation();
  const invitations = trpc.groups.invitations.useQuery();
  if (!invitations.data || invitations.data.length === 0) return null;
  return (
    <section className="vw-section" aria-labelledby="group-invitations-title">
      <h2 id="group-invitations-title" className="vw-section-title">{t('groups.invitations.title')}</h2>
      <ul className="vw-group-list" aria-label={t('groups.invitations.title')}>
        {invitations.data.map((invitation) => <Invitation key={invitation.group.id} invitation={invitation} />)}
      </ul>
    </section>
  );
}

function MyGroups() {
  const { t } = useTranslation();
  const mine = trpc.groups.mine.useInfiniteQuery({ limit: GROUPS_PAGE_SIZE }, { getNextPageParam: (last) => last.nextCursor });
  const items = mine.data?.pages.flatMap((p) => p.items) ?? [];
  const title = t('groups.mine.title');
  return (
    <section className="vw-section" aria-labelledby="my-groups-title">
      <h2 id="my-groups-title" className="vw-section-title">{title}</h2>
      {mine.isPending ? (
        <LoadingState label={t('groups.mine.loading')} />
      ) : mine.isError && !mine.data ? (
        <ErrorState title={t('groups.mine.error')} message={errorMessage(mine.error)} onRetry={() => void mine.refetch()} retryLabel={t('common.retry')} />
      ) : items.length === 0 ? (
        <EmptyState titleAs="p" icon={<UserIcon />} title={t('groups.mine.emptyTitle')} description={t('groups.mine.empty')} />
      ) : (
        <GroupList groups={items} label={title} />
      )}
      {mine.hasNextPage && (
        <div className="vw-load-more">
          <Button variant="secondary" onClick={() => void mine.fetchNextPage()} loading={mine.isFetchingNextPage}>{t('groups.more')}</Button>
        </div>
      )}
    </section>
  );
}

/** Public groups, newest first, filtered by name as one types (after a short pause). */
function Browse() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);
  const list = trpc.groups.list.useInfiniteQuery({ limit: GROUPS_PAGE_SIZE, ...(query ? { query } : {}) }, { getNextPageParam: (last) => last.nextCursor });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const title = t('groups.browse.title');
  return (
    <section className="vw-section" aria-labelledby="browse-groups-title">
      <h2 id="browse-groups-title" className="vw-section-title">{title}</h2>
      <form role="search" className="vw-group-search" onSubmit={(event) => { event.preventDefault(); setQuery(text.trim()); }}>
        <TextField label={t('groups.browse.search')} type="search" value={text} onChange={(event) => setText(event.target.value)} maxLength={80} autoComplete="off" />
      </form>
      {list.isPending ? (
        <LoadingState label={t('groups.browse.loading')} />
      ) : list.isError && !list.data ? (
        <ErrorState title={t('groups.browse.error')} message={errorMessage(list.error)} onRetry={() => void list.refetch()} retryLabel={t('common.retry')} />
      ) : items.length === 0 ? (
        <EmptyState titleAs="p" icon={<UserIcon />} title={query ? t('groups.browse.noMatch', { query }) : t('groups.browse.emptyTitle')} description={t('groups.browse.empty')} />
      ) : (
        <GroupList groups={items} label={title} />
      )}
      {list.isFetchNextPageError && <p role="alert" className="vw-inline-error">{t('groups.moreError')}</p>}
      {list.hasNextPage && (
        <div className="vw-load-more">
          <Button variant="secondary" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>{t('groups.more')}</Button>
        </div>
      )}
    </section>
  );
}

/** `/groups`: my invitations and groups (signed in), public groups to browse and search, and "New group". */
export function GroupsPage() {
  const { t } = useTranslation();
  const signedIn = useSession((s) => s.user !== null);
  return (
    <div className="vw-page vw-groups">
      <div className="vw-groups__head">
        <PageHeading title={t('groups.title')} />
        {signedIn && <Link to="/groups/new" className="vz-button vz-button--primary vz-button--md">{t('groups.create')}</Link>}
      </div>
      <p className="vw-muted">{t('groups.intro')}</p>
      {signedIn && <Invitations />}
      {signedIn && <MyGroups />}
      <Browse />
    </div>
  );
}
