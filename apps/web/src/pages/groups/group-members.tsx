import type { GroupDto, GroupMemberDto } from '@veza/api';
import { Badge, Button, ErrorState, LoadingState, MenuButton, type MenuButtonItem } from '@veza/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { GROUPS_PAGE_SIZE, groupRefusal } from '../../features/groups/group-model.ts';
import { useGroupSaved } from '../../features/groups/group-standing.tsx';
import { PersonItem } from '../../features/social/person-item.tsx';
import { displayNameOf } from '../../features/tracks/track-model.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useSession } from '../../stores/session.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';

type Action = 'promote' | 'demote' | 'remove' | 'ban' | 'transfer';
/** Actions that need a confirmation (they are hard to undo). */
const CONFIRMED: ReadonlySet<Action> = new Set(['remove', 'ban', 'transfer']);

/** What the viewer may do to a member: admins act on plain members; the owner on everyone else, and names admins. */
function actionsFor(group: GroupDto, member: GroupMemberDto, meId: string | undefined): Action[] {
  if (!group.canManage || member.user.id === meId || member.role === 'owner') return [];
  const owner = group.myStanding === 'owner';
  if (!owner && member.role !== 'member') return [];
  return [...(owner ? [member.role === 'admin' ? ('demote' as const) : ('promote' as const)] : []), 'remove', 'ban', ...(owner ? (['transfer'] as const) : [])];
}

/** The members tab: everyone in the group with their role, longest-standing first; the admins' actions on each. */
export function GroupMembers({ group }: { group: GroupDto }) {
  const { t } = useTranslation();
  const meId = useSession((s) => s.user?.id);
  const utils = trpc.useUtils();
  const saved = useGroupSaved();
  const members = trpc.groups.members.useInfiniteQuery({ id: group.id, limit: GROUPS_PAGE_SIZE }, { getNextPageParam: (last) => last.nextCursor });
  const [pending, setPending] = useState<{ action: Action; member: GroupMemberDto } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const done = (message: string) => {
    setPending(null);
    setError(null);
    void utils.groups.members.invalidate({ id: group.id });
    void utils.groups.get.invalidate();
    pushToast({ id: `group-member-${group.id}`, title: message, tone: 'success' });
  };
  const fail = (e: unknown) => setError(groupRefusal(e, t));
  const setRole = trpc.groups.setRole.useMutation({ onSuccess: (m) => done(t(m.role === 'admin' ? 'groups.members.promoted' : 'groups.members.demoted', { name: displayNameOf(m.user) })), onError: fail });
  const remove = trpc.groups.removeMember.useMutation({ onSuccess: () => done(t('groups.members.removed', { name: pending ? displayNameOf(pending.member.user) : '' })), onError: fail });
  const ban = trpc.groups.ban.useMutation({
    onSuccess: () => {
      void utils.groups.bans.invalidate({ id: group.id });
      done(t('groups.members.banned', { name: pending ? displayNameOf(pending.member.user) : '' }));
    },
    onError: fail,
  });
  const transfer = trpc.groups.transferOwnership.useMutation({
    onSuccess: (g) => {
      saved(g);
      done(t('groups.members.transferred', { name: pending ? displayNameOf(pending.member.user) : '' }));
    },
    onError: fail,
  });
  const busy = setRole.isPending || remove.isPending || ban.isPending || transfer.isPending;

  const run = (action: Action, member: GroupMemberDto) => {
    const input = { id: group.id, userId: member.user.id };
    setError(null);
    if (action === 'promote' || action === 'demote') setRole.mutate({ ...input, role: action === 'promote' ? 'admin' : 'member' });
    else if (action === 'remove') remove.mutate(input);
    else if (action === 'ban') ban.mutate(input);
    else transfer.mutate(input);
  };
  const choose = (action: Action, member: GroupMemberDto) => {
    if (CONFIRMED.has(action)) {
      setError(null);
      setPending({ action, member });
    } else {
      setPending({ action, member });
      run(action, member);
    }
  };

  if (members.isPending) return <LoadingState label={t('groups.members.loading')} />;
  if (members.isError && !members.data) {
    return <ErrorState title={t('groups.members.error')} message={errorMessage(members.error)} onRetry={() => void members.refetch()} retryLabel={t('common.retry')} />;
  }
  const items = members.data.pages.flatMap((p) => p.items);
  const title = t('groups.members.title');
  const confirming = pending && CONFIRMED.has(pending.action) ? pending : null;
  const name = confirming ? displayNameOf(confirming.member.user) : '';

  return (
    <section aria-label={title}>
      <ul className="vw-people" aria-label={title}>
        {items.map((member) => {
          const actions = actionsFor(group, member, meId);
          const menu: MenuButtonItem[] = actions.map((action) => ({ id: action, label: t(`groups.members.actions.${action}`), onSelect: () => choose(action, member) }));
          return (
            <PersonItem
              key={member.user.id}
              user={member.user}
              actions={menu.length > 0 ? <MenuButton label={t('groups.members.actionsFor', { name: displayNameOf(member.user) })} items={menu} align="end" /> : undefined}
            >
              {member.role !== 'member' && <Badge tone={member.role === 'owner' ? 'accent' : 'info'}>{t(`groups.roles.${member.role}`)}</Badge>}
            </PersonItem>
          );
        })}
      </ul>
      {error && !confirming && <p role="alert" className="vw-inline-error">{error}</p>}
      {members.hasNextPage && (
        <div className="vw-load-more">
          <Button variant="secondary" onClick={() => void members.fetchNextPage()} loading={members.isFetchingNextPage}>{t('groups.more')}</Button>
        </div>
      )}
      <ConfirmDialog
        open={confirming !== null}
        title={confirming ? t(`groups.members.confirm.${confirming.action}.title`, { name }) : ''}
        body={confirming ? t(`groups.members.confirm.${confirming.action}.body`, { name, group: group.name }) : ''}
        confirmLabel={confirming ? t(`groups.members.actions.${confirming.action}`) : ''}
        cancelLabel={t('common.cancel')}
        onConfirm={() => confirming && run(confirming.action, confirming.member)}
        onCancel={() => setPending(null)}
        pending={busy}
        error={error}
      />
    </section>
  );
}
