import type { ProfileDto } from '@veza/api';
import { PROFILE_LOCATION_MAX, updateProfileInput } from '@veza/validators';
import { Button, Card, TextField } from '@veza/ui';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useForm } from '../../features/forms/use-form.ts';
import { LinksEditor } from '../../features/profile/links-editor.tsx';
import { PinnedTrackPicker } from '../../features/profile/pinned-track-picker.tsx';
import { ProfileImageField } from '../../features/profile/profile-image-field.tsx';
import { displayNameOf } from '../../features/tracks/track-model.ts';
import { useSession } from '../../stores/session.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import { FormAlert } from '../auth/form-alert.tsx';

/**
 * The owner's editor: avatar and banner (sent as soon as they are chosen, with their progress, or removed), then
 * display name, bio, location, links, pinned track and whether the account is private, saved together. Empty fields
 * clear the value. Turning "Private account" off approves everyone waiting (the API does): the counts are loaded again.
 */
export function ProfileEditForm({ profile, onDone }: { profile: ProfileDto; onDone: () => void }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const update = trpc.users.updateProfile.useMutation();
  const form = useForm({ displayName: profile.displayName ?? '', bio: profile.bio ?? '', location: profile.location ?? '', pinnedTrackId: profile.pinnedTrack?.id ?? '' }, 'profile');
  const [isPrivate, setIsPrivate] = useState(profile.isPrivate);
  const [links, setLinks] = useState(() => profile.links.map((link) => link.url));
  const hintId = useId();
  const name = displayNameOf(profile);

  /** An image is saved as soon as it is sent: the profile (and the account menu, for the avatar) show it at once. */
  const imageChanged = (kind: 'avatar' | 'banner') => (url: string | null) => {
    utils.users.byUsername.setData({ username: profile.username }, (old) => (old ? { ...old, [kind === 'avatar' ? 'avatarUrl' : 'bannerUrl']: url } : old));
    if (kind === 'avatar') useSession.getState().update({ avatarUrl: url });
  };

  const submit = form.handleSubmit(async () => {
    const input = form.validate(updateProfileInput, t('auth.formError'), (v) => ({
      displayName: v.displayName.trim() || null,
      bio: v.bio.trim() || null,
      location: v.location,
      links,
      pinnedTrackId: v.pinnedTrackId || null,
      isPrivate,
    }));
    if (!input) return;
    try {
      const me = await update.mutateAsync(input);
      useSession.getState().update(me);
      // Links come back with their platform, the pinned track as a card: the profile is read again.
      await utils.users.byUsername.invalidate({ username: profile.username });
      if (me.isPrivate !== profile.isPrivate) void utils.social.invalidate();
      void utils.tracks.invalidate();
      pushToast({ title: t('profile.saved'), tone: 'success' });
      onDone();
    } catch (error) {
      form.fail(error);
    }
  });

  return (
    <Card title={t('profile.editProfile')}>
      <ProfileImageField kind="banner" url={profile.bannerUrl} name={name} onChange={imageChanged('banner')} />
      <ProfileImageField kind="avatar" url={profile.avatarUrl} name={name} onChange={imageChanged('avatar')} />
      <form onSubmit={submit} noValidate>
        <FormAlert message={form.formError} />
        <TextField label={t('profile.displayName')} hint={t('profile.displayNameHint')} maxLength={80} autoComplete="nickname" {...form.field('displayName')} />
        <TextField label={t('profile.bio')} multiline rows={4} maxLength={1000} {...form.field('bio')} />
        <TextField label={t('profile.locationLabel')} hint={t('profile.locationHint')} maxLength={PROFILE_LOCATION_MAX} autoComplete="address-level2" {...form.field('location')} />
        <LinksEditor links={links} onChange={setLinks} error={form.errors.links} disabled={update.isPending} />
        <PinnedTrackPicker
          username={profile.username}
          value={form.values.pinnedTrackId}
          onChange={(pinnedTrackId) => form.setValues({ ...form.values, pinnedTrackId })}
          error={form.errors.pinnedTrackId}
          disabled={update.isPending}
        />
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
