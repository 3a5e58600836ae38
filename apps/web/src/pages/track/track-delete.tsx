import type { TrackDto } from '@veza/api';
import { Button } from '@veza/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { usePlayer } from '../../stores/player.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';

/** "Delete" for the owner, behind a confirmation; then back to the owner's profile. */
export function TrackDelete({ track }: { track: TrackDto }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const [open, setOpen] = useState(false);
  const remove = trpc.tracks.delete.useMutation({
    onSuccess: () => {
      if (usePlayer.getState().track?.id === track.id) usePlayer.getState().stop();
      void utils.tracks.list.invalidate();
      void utils.users.byUsername.invalidate({ username: track.owner.username });
      pushToast({ title: t('track.deleted', { title: track.title }), tone: 'success' });
      setOpen(false);
      void navigate(`/u/${track.owner.username}`, { replace: true });
      utils.tracks.byId.setData({ id: track.id }, undefined);
    },
  });

  return (
    <>
      <Button variant="danger" size="sm" onClick={() => { remove.reset(); setOpen(true); }}>
        {t('common.delete')}
      </Button>
      <ConfirmDialog
        open={open}
        title={t('track.deleteTitle')}
        body={t('track.deleteBody', { title: track.title })}
        confirmLabel={t('track.deleteConfirm')}
        cancelLabel={t('common.cancel')}
        pending={remove.isPending}
        error={remove.isError ? `${t('track.deleteError')} ${errorMessage(remove.error)}` : null}
        onConfirm={() => remove.mutate({ id: track.id })}
        onCancel={() => setOpen(false)}
      />
    </>
  );
}
