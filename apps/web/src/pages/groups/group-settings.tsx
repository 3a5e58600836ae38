import type { GroupDto, GroupLinkDto } from '@veza/api';
import { Button, EmptyState, ErrorState, LoadingState, Select, TextField } from '@veza/ui';
import { GROUP_DESCRIPTION_MAX, GROUP_NAME_MAX, groupInviteInput, updateGroupInput } from '@veza/validators';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { AvatarField, removeAvatar, useAvatarUpload } from '../../features/groups/group-avatar-field.tsx';
import { groupRefusal } from '../../features/groups/group-model.ts';
import { useGroupSaved } from '../../features/groups/group-standing.tsx';
import { useForm } from '../../features/forms/use-form.ts';
import { PersonItem } from '../../features/social/person-item.tsx';
import { copyText } from '../../features/share/share-model.ts';
import { displayNameOf } from '../../features/tracks/track-model.ts';
import { errorMessage, serverFieldErrors } from '../../lib/errors.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import { formatDate } from '../settings/settings-format.ts';

/** Name, description, avatar, public or private. */
function DetailsForm({ group }: { group: GroupDto }) {
  const { t } = useTranslation();
  const saved = useGroupSaved();
  const form = useForm({ name: group.name, description: group.description ?? '' }, 'group');
  const [isPublic, setIsPublic] = useState(group.isPublic);
  const [avatar, setAvatar] = useState<File | null>(null);
  const [avatarError, setAvatarError] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);
  const avatarUpload = useAvatarUpload();
  const update = trpc.groups.update.useMutation({ onError: (error) => form.fail(error) });
  const busy = update.isPending || avatarUpload.progress !== null || removing;

  const submit = form.handleSubmit(async () => {
    const input = form.validate(updateGroupInput, t('groups.form.invalid'), (v) => ({ id: group.id, name: v.name, description: v.description.trim() || null, isPublic }));
    if (!input || busy) return;
    setAvatarError(null);
    // The avatar first: if it is refused, nothing else has changed.
    if (avatar) {
      const sent = await avatarUpload.upload(group.id, avatar);
      if (!sent.ok) return setAvatarError(sent.message);
      setAvatar(null);
    }
    try {
      saved(await update.mutateAsync(input));
      pushToast({ id: `group-saved-${group.id}`, title: t('groups.settings.saved'), tone: 'success' });
    } catch {
      // form.fail shows why.
    }
  });
  const dropAvatar = async () => {
    setRemoving(true);
    setAvatarError(null);
    const result = await removeAvatar(group.id);
    setRemoving(false);
    if (!result.ok) return setAvatarError(result.message);
    saved({ ...group, avatarUrl: null });
  };

  return (
    <section className="vw-group-settings__section" aria-labelledby="group-details-title">
      <h3 id="group-details-title">{t('groups.settings.details')}</h3>
      <form className="vw-group-form" onSubmit={submit} noValidate>
        <TextField label={t('groups.form.name')} {...form.field('name')} maxLength={GROUP_NAME_MAX} autoComplete="off" required />
        <TextField label={t('groups.form.description')} multiline rows={4} {...form.field('description')} maxLength={GROUP_DESCRIPTION_MAX} />
        <AvatarField group={group} file={avatar} onFile={(file) => { setAvatarError(null); setAvatar(file); }} progress={avatarUpload.progress} error={avatarError} disabled={busy} />
        {group.avatarUrl && !avatar && (
          <Button type="button" variant="ghost" size="sm" onClick={() => void dropAvatar()} loading={removing}>{t('groups.avatar.remove')}</Button>
        )}
        <label className="vw-switch">
          <input type="checkbox" role="switch" checked={isPublic} onChange={(event) => setIsPublic(event.currentTarget.checked)} />
          <span>{t('groups.form.public')}</span>
        </label>
        <p className="vw-muted">{isPublic ? t('groups.form.publicHint') : t('groups.form.privateHint')}</p>
        {form.formError && <p role="alert" className="vw-inline-error">{form.formError}</p>}
        <div className="vw-form-actions vw-form-actions--end">
          <Button type="submit" loading={busy}>{t('common.save')}</Button>
        </div>
      </form>
    </section>
  );
}

/** Invite someone by username: they get a notification and accept or decline. */
function InviteForm({ group }: { group: GroupDto }) {
  const { t } = useTranslation();
  const form = useForm({ username: '' }, 'groupInvite');
  const [refusal, setRefusal] = useState<string | null>(null);
  const invite = trpc.groups.invite.useMutation({
    onSuccess: (result) => {
      form.setValues({ username: '' });
      const name = displayNameOf(result.user);
      pushToast({ id: `group-invited-${group.id}`, title: result.status === 'member' ? t('groups.invite.already', { name }) : t('groups.invite.sent', { name }), tone: 'success' });
    },
    onError: (error) => {
      const fields = serverFieldErrors(error);
      if (fields.username) form.fail(error);
      else setRefusal(groupRefusal(error, t, { username: form.values.username.trim() }));
    },
  });
  const submit = form.handleSubmit(() => {
    setRefusal(null);
    const input = form.validate(groupInviteInput, t('groups.invite.invalid'), (v) => ({ id: group.id, username: v.username.trim().replace(/^@/, '') }));
    if (input) invite.mutate(input);
  });
  return (
    <section className="vw-group-settings__section" aria-labelledby="group-invite-title">
      <h3 id="group-invite-title">{t('groups.invite.title')}</h3>
      <form className="vw-group-invite" onSubmit={submit} noValidate>
        <TextField label={t('groups.invite.username')} {...form.field('username')} autoComplete="off" autoCapitalize="none" spellCheck={false} />
        <Button type="submit" loading={invite.isPending}>{t('groups.invite.send')}</Button>
      </form>
      {(refusal ?? form.formError) && <p role="alert" className="vw-inline-error">{refusal ?? form.formError}</p>}
    </section>
  );
}

const EXPIRIES = [
  { value: '', seconds: undefined },
  { value: '86400', seconds: 86_400 },
  { value: '604800', seconds: 604_800 },
  { value: '2592000', seconds: 2_592_000 },
] as const;

/** Invite links: make one (optionally expiring) and copy it, see them with their uses, revoke them. */
function InviteLinks({ group }: { group: GroupDto }) {
  const { t, i18n } = useTranslation();
  const utils = trpc.useUtils();
  const links = trpc.groups.links.useQuery({ id: group.id });
  const [expiry, setExpiry] = useState('');
  const [made, setMade] = useState<GroupLinkDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);
  const language = i18n.resolvedLanguage ?? 'en';
  const create = trpc.groups.createLink.useMutation({
    onSuccess: (link) => {
      setMade(link);
      void utils.groups.links.invalidate({ id: group.id });
    },
    onError: (e) => setError(groupRefusal(e, t)),
  });
  const revoke = trpc.groups.revokeLink.useMutation({
    onSuccess: () => {
      setRevoking(null);
      void utils.groups.links.invalidate({ id: group.id });
      pushToast({ id: `group-link-revoked-${group.id}`, title: t('groups.links.revoked'), tone: 'info' });
    },
    onError: (e) => setError(groupRefusal(e, t)),
  });
  const url = made ? new URL(made.path, window.location.origin).toString() : '';
  const copy = async () => {
    const ok = await copyText(url);
    pushToast({ id: `group-link-copied-${group.id}`, title: ok ? t('groups.links.copied') : t('groups.links.copyFailed'), tone: ok ? 'success' : 'error' });
  };
  const seconds = EXPIRIES.find((e) => e.value === expiry)?.seconds;

  return (
    <section className="vw-group-settings__section" aria-labelledby="group-links-title">
      <h3 id="group-links-title">{t('groups.links.title')}</h3>
      <p className="vw-muted">{t('groups.links.intro')}</p>
      <div className="vw-group-invite">
        <Select label={t('groups.links.expiry')} value={expiry} onChange={(event) => setExpiry(event.target.value)} options={EXPIRIES.map((e) => ({ value: e.value, label: t(`groups.links.expiries.${e.value || 'never'}`) }))} />
        <Button onClick={() => { setError(null); create.mutate({ id: group.id, ...(seconds ? { expiresInSeconds: seconds } : {}) }); }} loading={create.isPending}>{t('groups.links.create')}</Button>
      </div>
      {made && (
        <div className="vw-group-link-made" role="status">
          <TextField label={t('groups.links.new')} value={url} readOnly onFocus={(event) => event.currentTarget.select()} />
          <Button variant="secondary" onClick={() => void copy()}>{t('groups.links.copy')}</Button>
          <p className="vw-muted">{t('groups.links.once')}</p>
        </div>
      )}
      {error && <p role="alert" className="vw-inline-error">{error}</p>}
      {links.isPending ? (
        <LoadingState label={t('groups.links.loading')} />
      ) : links.isError ? (
        <ErrorState title={t('groups.links.error')} message={errorMessage(links.error)} onRetry={() => void links.refetch()} retryLabel={t('common.retry')} />
      ) : links.data.length === 0 ? (
        <p className="vw-muted">{t('groups.links.empty')}</p>
      ) : (
        <ul className="vw-group-links" aria-label={t('groups.links.title')}>
          {links.data.map((link) => (
            <li key={link.id} className="vw-group-links__row">
              <span>
                {t('groups.links.made', { date: formatDate(link.createdAt, language), name: link.createdBy ? displayNameOf(link.createdBy) : '—' })}
                {' · '}
                {t('groups.links.uses', { count: link.uses })}
                {' · '}
                {link.revokedAt ? t('groups.links.statusRevoked') : !link.active ? t('groups.links.statusExpired') : link.expiresAt ? t('groups.links.expires', { date: formatDate(link.expiresAt, language, true) }) : t('groups.links.noExpiry')}
              </span>
              {link.active && (
                <Button size="sm" variant="ghost" onClick={() => { setError(null); setRevoking(link.id); }} aria-label={t('groups.links.revokeNamed', { date: formatDate(link.createdAt, language, true) })}>{t('groups.links.revoke')}</Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={t('groups.links.revokeTitle')}
        body={t('groups.links.revokeBody')}
        confirmLabel={t('groups.links.revoke')}
        cancelLabel={t('common.cancel')}
        onConfirm={() => revoking && revoke.mutate({ linkId: revoking })}
        onCancel={() => setRevoking(null)}
        pending={revoke.isPending}
        error={revoking ? error : null}
      />
    </section>
  );
}

/** Who is banned, by whom; Unban lets them join or ask again. */
function Bans({ group }: { group: GroupDto }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const bans = trpc.groups.bans.useQuery({ id: group.id });
  const [error, setError] = useState<string | null>(null);
  const unban = trpc.groups.unban.useMutation({
    onSuccess: () => {
      void utils.groups.bans.invalidate({ id: group.id });
      pushToast({ id: `group-unbanned-${group.id}`, title: t('groups.bans.unbanned'), tone: 'success' });
    },
    onError: (e) => setError(groupRefusal(e, t)),
  });
  return (
    <section className="vw-group-settings__section" aria-labelledby="group-bans-title">
      <h3 id="group-bans-title">{t('groups.bans.title')}</h3>
      {bans.isPending ? (
        <LoadingState label={t('groups.bans.loading')} />
      ) : bans.isError ? (
        <ErrorState title={t('groups.bans.error')} message={errorMessage(bans.error)} onRetry={() => void bans.refetch()} retryLabel={t('common.retry')} />
      ) : bans.data.length === 0 ? (
        <EmptyState titleAs="p" title={t('groups.bans.emptyTitle')} description={t('groups.bans.empty')} />
      ) : (
        <ul className="vw-people" aria-label={t('groups.bans.title')}>
          {bans.data.map((ban) => (
            <PersonItem
              key={ban.user.id}
              user={ban.user}
              actions={
                <Button size="sm" variant="secondary" onClick={() => { setError(null); unban.mutate({ id: group.id, userId: ban.user.id }); }} loading={unban.isPending && unban.variables.userId === ban.user.id} aria-label={t('groups.bans.unbanNamed', { name: displayNameOf(ban.user) })}>
                  {t('groups.bans.unban')}
                </Button>
              }
            >
              {ban.bannedBy && <span className="vw-muted">{t('groups.bans.by', { name: displayNameOf(ban.bannedBy) })}</span>}
            </PersonItem>
          ))}
        </ul>
      )}
      {error && <p role="alert" className="vw-inline-error">{error}</p>}
    </section>
  );
}

/** The owner deletes the group (its feed and chat room go with it), after a confirmation. */
function DeleteGroup({ group }: { group: GroupDto }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = trpc.groups.delete.useMutation({
    onSuccess: () => {
      setOpen(false);
      void utils.groups.mine.invalidate();
      void utils.groups.list.invalidate();
      pushToast({ id: `group-deleted-${group.id}`, title: t('groups.delete.done', { name: group.name }), tone: 'info' });
      void navigate('/groups');
    },
    onError: (e) => setError(groupRefusal(e, t)),
  });
  return (
    <section className="vw-group-settings__section vw-group-settings__danger" aria-labelledby="group-delete-title">
      <h3 id="group-delete-title">{t('groups.delete.title')}</h3>
      <p className="vw-muted">{t('groups.delete.text')}</p>
      <Button variant="danger" onClick={() => { setError(null); setOpen(true); }}>{t('groups.delete.action')}</Button>
      <ConfirmDialog
        open={open}
        title={t('groups.delete.confirmTitle', { name: group.name })}
        body={t('groups.delete.confirmBody')}
        confirmLabel={t('groups.delete.action')}
        cancelLabel={t('common.cancel')}
        onConfirm={() => remove.mutate({ id: group.id })}
        onCancel={() => setOpen(false)}
        pending={remove.isPending}
        error={error}
      />
    </section>
  );
}

/** The settings tab (owner and admins): details and avatar, invitations, invite links, bans; deletion for the owner. */
export function GroupSettings({ group }: { group: GroupDto }) {
  return (
    <div className="vw-group-settings">
      <DetailsForm key={group.id} group={group} />
      <InviteForm group={group} />
      <InviteLinks group={group} />
      <Bans group={group} />
      {group.myStanding === 'owner' && <DeleteGroup group={group} />}
    </div>
  );
}
