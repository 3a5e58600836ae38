import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import { pushToast } from '../../stores/toasts.ts';
import { NewPlaylistForm } from './new-playlist-form.tsx';
import { playlistHref } from './playlist-model.ts';

/** "New playlist" from my profile's Playlists tab: once created, its page opens (to add tracks from there). */
export function NewPlaylistDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <ModalDialog open={open} title={t('playlists.new.title')} onClose={onClose} className="vw-playlist-dialog">
      <NewPlaylistForm
        onCancel={onClose}
        onCreated={(playlist) => {
          pushToast({ id: `playlist-created-${playlist.id}`, title: t('playlists.new.created', { title: playlist.title }), tone: 'success' });
          onClose();
          void navigate(playlistHref(playlist.id));
        }}
      />
    </ModalDialog>
  );
}
