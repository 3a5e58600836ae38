import type { PlaylistDetailDto } from '@veza/api';
import { Button, TextField } from '@veza/ui';
import { createPlaylistInput } from '@veza/validators';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { serverFieldErrors } from '../../lib/errors.ts';
import { useForm } from '../forms/use-form.ts';
import { trpc } from '../../trpc.ts';
import { playlistRefusal } from './playlist-model.ts';

interface NewPlaylistFormProps {
  /** The track it starts with (from a track's "Add to playlist…"). */
  trackId?: string;
  onCreated: (playlist: PlaylistDetailDto) => void;
  onCancel: () => void;
}

/** "New playlist": a title and a public switch (on by default); created with the track it was opened for, if any. */
export function NewPlaylistForm({ trackId, onCreated, onCancel }: NewPlaylistFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const utils = trpc.useUtils();
  const form = useForm({ title: '' }, 'playlist');
  const [isPublic, setIsPublic] = useState(true);
  const [refusal, setRefusal] = useState<string | null>(null);
  const create = trpc.playlists.create.useMutation({
    onSuccess: (playlist) => {
      void utils.playlists.editable.invalidate();
      void utils.playlists.ofUser.invalidate({ username: playlist.owner.username });
      onCreated(playlist);
    },
    onError: (error) => {
      form.fail(error);
      setRefusal(serverFieldErrors(error).title ? null : playlistRefusal(error, t));
    },
  });
  const submit = form.handleSubmit(() => {
    setRefusal(null);
    const input = form.validate(createPlaylistInput, t('playlists.form.invalid'), (v) => ({ title: v.title, isPublic, ...(trackId ? { trackIds: [trackId] } : {}) }));
    if (input && !create.isPending) create.mutate(input);
  });

  return (
    <form className="vw-playlist-form" onSubmit={submit} noValidate aria-labelledby={`${id}-legend`}>
      <h3 id={`${id}-legend`} className="vw-playlist-form__title">{t('playlists.new.title')}</h3>
      <TextField label={t('playlists.form.title')} {...form.field('title')} maxLength={100} autoComplete="off" required data-autofocus />
      <label className="vw-switch">
        <input type="checkbox" role="switch" checked={isPublic} onChange={(event) => setIsPublic(event.currentTarget.checked)} />
        <span>{t('playlists.form.public')}</span>
      </label>
      <p className="vw-muted vw-playlist-form__hint">{isPublic ? t('playlists.form.publicHint') : t('playlists.form.privateHint')}</p>
      {refusal && <p role="alert" className="vw-inline-error">{refusal}</p>}
      <div className="vw-form-actions vw-form-actions--end">
        <Button type="button" variant="secondary" onClick={onCancel} disabled={create.isPending}>{t('common.cancel')}</Button>
        <Button type="submit" loading={create.isPending}>{t('playlists.new.submit')}</Button>
      </div>
    </form>
  );
}
