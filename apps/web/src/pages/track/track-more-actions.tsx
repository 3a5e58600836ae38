import type { TrackDto } from '@veza/api';
import { MenuButton } from '@veza/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useCommentsSwitch } from '../../features/comments/use-comments-switch.ts';
import { useQueueMenuItems } from '../../features/player/track-queue-menu.tsx';
import { useAddToPlaylist } from '../../features/playlists/add-to-playlist.tsx';
import { usePlayer } from '../../stores/player.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';

/**
 * The owner's "…" (More actions) menu: the queue actions everyone has, "Add to playlist…", "Turn comments off" (or on), then "Delete", which
 * opens a confirmation and, once deleted, goes back to the owner's profile. Delete lives here so that the page's
 * loudest control is Play.
 */
export function TrackMoreActions({ track }: { track: TrackDto }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const [open, setOpen] = useState(false);
  const queueItems = useQueueMenuItems(track);
  const playlist = useAddToPlaylist(track);
  const commentsSwitch = useCommentsSwitch(track);
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
      <MenuButton
        label={t('player.trackActions', { title: track.title })}
        items={[
          ...queueItems,
          ...(playlist.item ? [playlist.item] : []),
          { id: 'comments', label: commentsSwitch.label, onSelect: commentsSwitch.toggle },
          { id: 'delete', label: t('common.delete'), onSelect: () => { remove.reset(); setOpen(true); } },
        ]}
      />
      {playlist.dialog}
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
