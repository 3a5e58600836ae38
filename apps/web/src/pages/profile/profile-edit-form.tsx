import type { ProfileDto } from '@veza/api';
import { updateProfileInput } from '@veza/validators';
import { Button, Card, TextField } from '@veza/ui';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useForm } from '../../features/forms/use-form.ts';
import { useSession } from '../../stores/session.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import { FormAlert } from '../auth/form-alert.tsx';

/**
 * The owner's editor for display name, bio and whether the account is private. Empty fields clear the value. Turning
 * "Private account" off approves everyone waiting (the API does): the profile's counts are loaded again.
 */
export function ProfileEditForm({ profile, onDone }: { profile: ProfileDto; onDone: () => void }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const update = trpc.users.updateProfile.useMutation();
  const form = useForm({ displayName: profile.displayName ?? '', bio: profile.bio ?? '' }, 'profile');
  const [isPrivate, setIsPrivate] = useState(profile.isPrivate);
  const hintId = useId();

  const submit = form.handleSubmit(async () => {
    const input = form.validate(updateProfileInput, t('auth.formError'), (v) => ({
      displayName: v.displayName.trim() || null,
      bio: v.bio.trim() || null,
      isPrivate,
    }));
    if (!input) return;
    try {
      const me = await update.mutateAsync(input);
      useSession.getState().update(me);
      utils.users.byUsername.setData({ username: profile.username }, (old) => (old ? { ...old, displayName: me.displayName, bio: me.bio, isPrivate: me.isPrivate } : old));
      if (me.isPrivate !== profile.isPrivate) {
        // Requests approved (turned public): the counts and lists change.
        void utils.users.byUsername.invalidate({ username: profile.username });
        void utils.social.invalidate();
      }
      void utils.tracks.invalidate();
      pushToast({ title: t('profile.saved'), tone: 'success' });
      onDone();
    } catch (error) {
      form.fail(error);
    }
  });

  return (
    <Card title={t('profile.editProfile')}>
      <form onSubmit={submit} noValidate>
        <FormAlert message={form.formError} />
        <TextField label={t('profile.displayName')} hint={t('profile.displayNameHint')} maxLength={80} autoComplete="nickname" {...form.field('displayName')} />
        <TextField label={t('profile.bio')} multiline rows={4} maxLength={1000} {...form.field('bio')} />
        <div className="vw-private-setting">
          <label className="vw-private-setting__label">
            <input type="checkbox" role="switch" name="isPrivate" checked={isPrivate} onChange={(event) => setIsPrivate(event.target.checked)} aria-describedby={hintId} />
            {t('social.private.setting')}
          </label>
          <p id={hintId} className="vw-muted vw-private-setting__hint">{t('social.private.settingHint')}</p>
        </div>
        <div className="vw-form-actions">
          <Button type="submit" loading={update.isPending}>{t('common.save')}</Button>
          <Button type="button" variant="ghost" onClick={onDone} disabled={update.isPending}>{t('common.cancel')}</Button>
        </div>
      </form>
    </Card>
  );
}
