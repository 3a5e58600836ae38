import type { PlaylistDetailDto } from '@veza/api';
import { Button, TextField } from '@veza/ui';
import { updatePlaylistInput } from '@veza/validators';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import { CoverPicker, KEEP_COVER, useCoverSave, type CoverChange } from '../../pages/track/cover-picker.tsx';
import { serverFieldErrors } from '../../lib/errors.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import { useForm } from '../forms/use-form.ts';
import { playlistRefusal } from './playlist-model.ts';

interface PlaylistEditDialogProps {
  open: boolean;
  playlist: PlaylistDetailDto;
  onClose: () => void;
}

function EditForm({ playlist, onClose }: Omit<PlaylistEditDialogProps, 'open'>) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const form = useForm({ title: playlist.title, description: playlist.description ?? '' }, 'playlist');
  const [isPublic, setIsPublic] = useState(playlist.isPublic);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [cover, setCover] = useState<CoverChange>(KEEP_COVER);
  const coverSave = useCoverSave(playlist.id, 'playlists');
  const update = trpc.playlists.update.useMutation({
    onSuccess: (saved) => {
      utils.playlists.byId.setData({ id: playlist.id }, (p) => (p ? { ...p, ...saved, items: p.items, collaborators: p.collaborators } : p));
      void utils.playlists.ofUser.invalidate({ username: playlist.owner.username });
      void utils.playlists.editable.invalidate();
      pushToast({ id: `playlist-saved-${playlist.id}`, title: t('playlists.edit.saved'), tone: 'success' });
      onClose();
    },
    onError: (error) => {
      form.fail(error);
      const fields = serverFieldErrors(error);
      setRefusal(fields.title || fields.description ? null : playlistRefusal(error, t));
    },
  });
  const submit = form.handleSubmit(async () => {
    setRefusal(null);
    const input = form.validate(updatePlaylistInput, t('playlists.form.invalid'), (v) => ({ id: playlist.id, title: v.title, description: v.description.trim() || null, isPublic }));
    if (!input || update.isPending || coverSave.busy) return;
    // The cover first: if it is refused, nothing else has changed and the dialog stays as it was.
    if (!(await coverSave.save(cover))) return;
    setCover(KEEP_COVER);
    update.mutate(input);
  });

  return (
    <form className="vw-playlist-form" onSubmit={submit} noValidate>
      <TextField label={t('playlists.form.title')} {...form.field('title')} maxLength={100} autoComplete="off" required data-autofocus />
      <TextField label={t('playlists.form.description')} multiline {...form.field('description')} maxLength={1000} rows={4} />
      <CoverPicker
        track={playlist}
        change={cover}
        onChange={(change) => {
          coverSave.setError(undefined);
          setCover(change);
        }}
        progress={coverSave.progress}
        error={coverSave.error}
        disabled={update.isPending || coverSave.busy}
      />
      <label className="vw-switch">
        <input type="checkbox" role="switch" checked={isPublic} onChange={(event) => setIsPublic(event.currentTarget.checked)} />
        <span>{t('playlists.form.public')}</span>
      </label>
      <p className="vw-muted vw-playlist-form__hint">{isPublic ? t('playlists.form.publicHint') : t('playlists.form.privateHint')}</p>
      {refusal && <p role="alert" className="vw-inline-error">{refusal}</p>}
      <div className="vw-form-actions vw-form-actions--end">
        <Button type="button" variant="secondary" onClick={onClose} disabled={update.isPending}>{t('common.cancel')}</Button>
        <Button type="submit" loading={update.isPending || coverSave.busy}>{t('common.save')}</Button>
      </div>
    </form>
  );
}

/**
 * The owner's "Edit playlist": title, description, cover, public or private; the API's field errors show under the
 * fields. A chosen cover is staged and sent by Save, before the other fields.
 */
export function PlaylistEditDialog({ open, playlist, onClose }: PlaylistEditDialogProps) {
  const { t } = useTranslation();
  return (
    <ModalDialog open={open} title={t('playlists.edit.title')} onClose={onClose} className="vw-playlist-dialog">
      <EditForm playlist={playlist} onClose={onClose} />
    </ModalDialog>
  );
}
