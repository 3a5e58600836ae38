import type { RouterOutputs } from '@veza/api';
import { Badge, Button, Select, TextField, UserIcon } from '@veza/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { isStepUpCancelled, useStepUp } from '../../../features/step-up/use-step-up.ts';
import { errorMessage } from '../../../lib/errors.ts';
import { useSession } from '../../../stores/session.ts';
import { pushToast } from '../../../stores/toasts.ts';
import { trpc } from '../../../trpc.ts';
import { formatDate } from '../../settings/settings-format.ts';
import { useDebounced } from '../../settings/use-debounced.ts';
import { canChangeRoles } from '../admin-access.ts';
import { AdminTable, adminTableTexts } from '../admin-table.tsx';
import { USER_ROLES, type UserRole } from './role-options.ts';

type AdminUser = RouterOutputs['admin']['users']['list']['items'][number];
type Pending = { kind: 'role'; user: AdminUser; role: UserRole } | { kind: 'lock'; user: AdminUser; locked: boolean } | null;

const PAGE_SIZE = 20;

/** `/admin/users`: search, filter by role, page through accounts; admins change roles, moderators and admins lock. */
export function AdminUsersPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'en';
  const viewer = useSession((s) => s.user);
  const mayChangeRoles = canChangeRoles(viewer);
  const utils = trpc.useUtils();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<UserRole | ''>('');
  const query = useDebounced(search.trim());
  // Cursor of each page visited so far (the first page has none), for the current search and role only.
  const filterKey = `${query}\u0000${role}`;
  const [paging, setPaging] = useState<{ key: string; cursors: Array<string | undefined> }>({ key: filterKey, cursors: [undefined] });
  const cursors = paging.key === filterKey ? paging.cursors : [undefined];
  const setCursors = (update: (current: Array<string | undefined>) => Array<string | undefined>) => setPaging({ key: filterKey, cursors: update(cursors) });
  const cursor = cursors[cursors.length - 1];
  const input = { query: query || undefined, role: role || undefined, cursor, limit: PAGE_SIZE };
  const list = trpc.admin.users.list.useQuery(input, { placeholderData: (previous) => previous });
  const [pending, setPending] = useState<Pending>(null);
  const setRoleMutation = trpc.admin.users.setRole.useMutation();
  const setLocked = trpc.admin.users.setLocked.useMutation();
  const stepUp = useStepUp();
  const [actionError, setActionError] = useState<string | null>(null);

  const roleLabel = (r: string) => t(`admin.roles.${r}`, { defaultValue: r });

  const confirm = async () => {
    if (!pending) return;
    setActionError(null);
    try {
      // Changing someone else's account needs a recent sign-in: the step-up dialog asks when it is due.
      const updated = await stepUp.run(() =>
        pending.kind === 'role'
          ? setRoleMutation.mutateAsync({ userId: pending.user.id, role: pending.role })
          : setLocked.mutateAsync({ userId: pending.user.id, locked: pending.locked }),
      );
      utils.admin.users.list.setData(input, (old) => old && { ...old, items: old.items.map((u) => (u.id === updated.id ? updated : u)) });
      void utils.admin.users.list.invalidate();
      pushToast({
        title: pending.kind === 'role'
          ? t('admin.users.roleChanged', { username: updated.username, role: roleLabel(updated.role) })
          : t(updated.locked ? 'admin.users.lockedToast' : 'admin.users.unlockedToast', { username: updated.username }),
        tone: 'success',
      });
      setPending(null);
    } catch (error) {
      setActionError(isStepUpCancelled(error) ? null : errorMessage(error));
    }
  };

  const open = (next: Pending) => {
    setActionError(null);
    setPending(next);
  };

  const body = (
    <AdminTable
      query={list}
      rows={list.data?.items ?? []}
      rowKey={(user) => user.id}
      texts={adminTableTexts(t, 'admin.users', { paged: false })}
      emptyIcon={<UserIcon />}
      columns={[
        ...['user', 'email', 'role', 'status', 'joined'].map((key) => ({ label: t(`admin.users.${key}`) })),
        { label: t('admin.users.actions'), hidden: true },
      ]}
      row={(user) => {
        const self = user.id === viewer?.id;
        return (
          <>
            <th scope="row">
              <div>@{user.username}</div>
              {user.displayName && <div className="vw-cell-muted">{user.displayName}</div>}
            </th>
            <td>
              <div>{user.email}</div>
              {!user.emailVerified && <Badge tone="warning">{t('account.email.unverified')}</Badge>}
            </td>
            <td>
              {mayChangeRoles && !self ? (
                <Select
                  label={t('admin.users.roleOf', { username: user.username })}
                  className="vw-compact-select"
                  value={user.role}
                  options={USER_ROLES.map((r) => ({ value: r, label: roleLabel(r) }))}
                  onChange={(event) => open({ kind: 'role', user, role: event.target.value as UserRole })}
                />
              ) : (
                <Badge tone={user.role === 'admin' || user.role === 'moderator' ? 'accent' : 'neutral'}>{roleLabel(user.role)}</Badge>
              )}
            </td>
            <td>
              <div className="vw-row">
                {user.locked ? <Badge tone="danger">{t('admin.users.locked')}</Badge> : <Badge tone="success">{t('admin.users.active')}</Badge>}
                {user.twoFactorEnabled && <Badge tone="info">{t('admin.users.twoFactor')}</Badge>}
              </div>
            </td>
            <td className="vw-cell-muted">{formatDate(user.createdAt, lng)}</td>
            <td>
              {!self && (
                <Button type="button" size="sm" variant={user.locked ? 'secondary' : 'danger'} onClick={() => open({ kind: 'lock', user, locked: !user.locked })}>
                  {user.locked ? t('admin.users.unlock') : t('admin.users.lock')}
                  <span className="vz-sr-only"> @{user.username}</span>
                </Button>
              )}
            </td>
          </>
        );
      }}
    />
  );

  const dialog = pending?.kind === 'role'
    ? {
        title: t('admin.users.roleTitle'),
        body: t('admin.users.roleBody', { username: pending.user.username, from: roleLabel(pending.user.role), to: roleLabel(pending.role) }),
        confirm: t('admin.users.roleConfirm'),
      }
    : pending?.kind === 'lock' && !pending.locked
      ? { title: t('admin.users.unlockTitle'), body: t('admin.users.unlockBody', { username: pending.user.username }), confirm: t('admin.users.unlock') }
      : { title: t('admin.users.lockTitle'), body: t('admin.users.lockBody', { username: pending?.user.username ?? '' }), confirm: t('admin.users.lock') };

  return (
    <>
      <header className="vw-page-header">
        <PageHeading title={t('admin.users.title')} />
        <p className="vw-page-subtitle">{mayChangeRoles ? t('admin.users.subtitle') : t('admin.users.subtitleModerator')}</p>
      </header>
      <div className="vw-filters" role="search" aria-label={t('admin.users.filters')}>
        <TextField label={t('admin.users.search')} type="search" value={search} onChange={(event) => setSearch(event.target.value)} placeholder={t('admin.users.searchPlaceholder')} />
        <Select
          label={t('admin.users.roleFilter')}
          value={role}
          onChange={(event) => setRole(event.target.value as UserRole | '')}
          options={[{ value: '', label: t('admin.users.allRoles') }, ...USER_ROLES.map((r) => ({ value: r, label: roleLabel(r) }))]}
        />
      </div>
      {body}
      {list.isSuccess && (cursors.length > 1 || list.data.nextCursor) && (
        <nav className="vw-form-actions vw-form-actions--end" aria-label={t('admin.users.pagination')}>
          <Button type="button" variant="secondary" size="sm" disabled={cursors.length <= 1 || list.isFetching} onClick={() => setCursors((c) => c.slice(0, -1))}>
            {t('admin.users.previous')}
          </Button>
          <span className="vw-muted" aria-live="polite">{t('admin.users.page', { page: cursors.length })}</span>
          <Button
            type="button"
            variant="secondary"
            size="sm"
            disabled={!list.data.nextCursor || list.isFetching}
            onClick={() => { const next = list.data.nextCursor; if (next) setCursors((c) => [...c, next]); }}
          >
            {t('admin.users.next')}
          </Button>
        </nav>
      )}
      <ConfirmDialog
        open={pending !== null}
        title={dialog.title}
        body={dialog.body}
        confirmLabel={dialog.confirm}
        cancelLabel={t('common.cancel')}
        pending={setRoleMutation.isPending || setLocked.isPending}
        error={actionError}
        onConfirm={() => void confirm()}
        onCancel={() => setPending(null)}
      />
    </>
  );
}
