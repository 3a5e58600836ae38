import { Button, TextField } from '@veza/ui';
import { createGroupInput, GROUP_DESCRIPTION_MAX, GROUP_NAME_MAX } from '@veza/validators';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { AvatarField, useAvatarUpload } from '../../features/groups/group-avatar-field.tsx';
import { groupHref } from '../../features/groups/group-model.ts';
import { useForm } from '../../features/forms/use-form.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import '../../features/groups/groups.css';

const PLACEHOLDER = { id: 'new-group', avatarUrl: null };

/**
 * `/groups/new` (signed in): name, description, avatar, public or private. The shared schema checks the fields first;
 * the API's field errors show under them. The avatar is sent once the group exists; if that fails the group is still
 * made, and its page opens with the reason.
 */
export function NewGroupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const form = useForm({ name: '', description: '' }, 'group');
  const [isPublic, setIsPublic] = useState(true);
  const [avatar, setAvatar] = useState<File | null>(null);
  const avatarUpload = useAvatarUpload();
  const create = trpc.groups.create.useMutation({ onError: (error) => form.fail(error) });
  const busy = create.isPending || avatarUpload.progress !== null;

  const submit = form.handleSubmit(async () => {
    const input = form.validate(createGroupInput, t('groups.form.invalid'), (v) => ({ name: v.name, description: v.description.trim() || null, isPublic }));
    if (!input || busy) return;
    let group;
    try {
      group = await create.mutateAsync(input);
    } catch {
      return;
    }
    if (avatar) {
      const sent = await avatarUpload.upload(group.id, avatar);
      if (!sent.ok) pushToast({ id: `group-avatar-${group.id}`, title: t('groups.avatar.failedAfterCreate'), description: sent.message, tone: 'error' });
    }
    void utils.groups.mine.invalidate();
    void utils.groups.list.invalidate();
    pushToast({ id: `group-created-${group.id}`, title: t('groups.form.created', { name: group.name }), tone: 'success' });
    void navigate(groupHref(group));
  });

  return (
    <div className="vw-page vw-groups">
      <p><Link to="/groups">{t('groups.back')}</Link></p>
      <PageHeading title={t('groups.form.newTitle')} />
      <form className="vw-group-form" onSubmit={submit} noValidate>
        <TextField label={t('groups.form.name')} {...form.field('name')} maxLength={GROUP_NAME_MAX} autoComplete="off" required />
        <TextField label={t('groups.form.description')} multiline rows={4} {...form.field('description')} maxLength={GROUP_DESCRIPTION_MAX} />
        <AvatarField group={PLACEHOLDER} file={avatar} onFile={setAvatar} progress={avatarUpload.progress} disabled={busy} />
        <label className="vw-switch">
          <input type="checkbox" role="switch" checked={isPublic} onChange={(event) => setIsPublic(event.currentTarget.checked)} />
          <span>{t('groups.form.public')}</span>
        </label>
        <p className="vw-muted">{isPublic ? t('groups.form.publicHint') : t('groups.form.privateHint')}</p>
        {form.formError && <p role="alert" className="vw-inline-error">{form.formError}</p>}
        <div className="vw-form-actions vw-form-actions--end">
          <Link to="/groups" className="vz-button vz-button--secondary vz-button--md">{t('common.cancel')}</Link>
          <Button type="submit" loading={busy}>{t('groups.form.create')}</Button>
        </div>
      </form>
    </div>
  );
}
