import type { EditablePlaylistDto, TrackDto } from '@veza/api';
import { Badge, Button, ErrorState, LockIcon, Spinner } from '@veza/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import { NewPlaylistForm } from './new-playlist-form.tsx';
import { PlaylistArtwork } from './playlist-artwork.tsx';
import { playlistRefusal } from './playlist-model.ts';
import './playlists.css';

interface AddToPlaylistDialogProps {
  open: boolean;
  track: Pick<TrackDto, 'id' | 'title'>;
  onClose: () => void;
}

/** Puts the track in a playlist or takes it out, at once (the box shows it), then says so; a refusal puts it back. */
function useToggle(trackId: string) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const key = { containing: trackId };
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const [said, setSaid] = useState<{ text: string; error: boolean } | null>(null);
  const mark = (id: string, contains: boolean) =>
    utils.playlists.editable.setData(key, (list) => list?.map((p) => (p.id === id ? { ...p, contains, trackCount: Math.max(0, p.trackCount + (contains ? 1 : -1)) } : p)));
  const settle = (id: string) => {
    setPending((s) => new Set([...s].filter((x) => x !== id)));
    void utils.playlists.byId.invalidate({ id });
    void utils.playlists.ofUser.invalidate();
  };
  const add = trpc.playlists.addTracks.useMutation();
  const remove = trpc.playlists.removeTrack.useMutation();

  const toggle = (playlist: EditablePlaylistDto) => {
    if (pending.has(playlist.id)) return;
    const adding = !playlist.contains;
    setPending((s) => new Set([...s, playlist.id]));
    setSaid(null);
    mark(playlist.id, adding);
    const done = {
      onSuccess: () => setSaid({ text: t(adding ? 'playlists.add.added' : 'playlists.add.removed', { playlist: playlist.title }), error: false }),
      onError: (error: unknown) => {
        mark(playlist.id, !adding);
        setSaid({ text: playlistRefusal(error, t), error: true });
      },
      onSettled: () => settle(playlist.id),
    };
    if (adding) add.mutate({ id: playlist.id, trackIds: [trackId] }, done);
    else remove.mutate({ id: playlist.id, trackId }, done);
  };
  return { toggle, pending, said };
}

function PlaylistChoices({ track, onClose }: Omit<AddToPlaylistDialogProps, 'open'>) {
  const { t } = useTranslation();
  const query = trpc.playlists.editable.useQuery({ containing: track.id });
  const { toggle, pending, said } = useToggle(track.id);
  const [creating, setCreating] = useState(false);

  if (query.isPending) {
    return (
      <div role="status" className="vw-add-playlist__loading">
        <Spinner /> {t('playlists.add.loading')}
      </div>
    );
  }
  if (query.isError) {
    return <ErrorState title={t('playlists.add.errorTitle')} message={playlistRefusal(query.error, t)} onRetry={() => void query.refetch()} retryLabel={t('common.retry')} />;
  }
  const playlists = query.data;
  if (creating || playlists.length === 0) {
    return (
      <>
        {playlists.length === 0 && <p className="vw-muted">{t('playlists.add.none')}</p>}
        <NewPlaylistForm
          trackId={track.id}
          onCancel={playlists.length === 0 ? onClose : () => setCreating(false)}
          onCreated={(playlist) => {
            pushToast({ id: `playlist-created-${playlist.id}`, title: t('playlists.add.created', { playlist: playlist.title, title: track.title }), tone: 'success' });
            onClose();
          }}
        />
      </>
    );
  }
  return (
    <>
      <ul className="vw-add-playlist__list" aria-label={t('playlists.add.listLabel')}>
        {playlists.map((playlist) => (
          <li key={playlist.id}>
            <label className="vw-add-playlist__row" aria-busy={pending.has(playlist.id) || undefined}>
              <input type="checkbox" className="vw-add-playlist__check" checked={playlist.contains} onChange={() => toggle(playlist)} />
              <PlaylistArtwork seed={playlist.id} cover={playlist.coverUrl} urls={playlist.artworkUrls} size="sm" />
              <span className="vw-add-playlist__text">
                <span className="vw-add-playlist__name">{playlist.title}</span>
                <span className="vw-add-playlist__meta">
                  {t('common.tracks', { count: playlist.trackCount })}
                  {playlist.myRole === 'collaborator' && ` · ${t('playlists.add.collaborative')}`}
                </span>
              </span>
              {!playlist.isPublic && <Badge icon={<LockIcon />}>{t('playlists.private')}</Badge>}
            </label>
          </li>
        ))}
      </ul>
      <p role={said?.error ? 'alert' : 'status'} className={said?.error ? 'vw-inline-error' : 'vw-muted vw-add-playlist__said'}>{said?.text ?? ''}</p>
      <div className="vw-form-actions vw-add-playlist__actions">
        <Button type="button" variant="secondary" onClick={() => setCreating(true)}>{t('playlists.new.button')}</Button>
        <Button type="button" onClick={onClose}>{t('playlists.add.done')}</Button>
      </div>
    </>
  );
}

/**
 * "Add to playlist…": my playlists and those I edit with others, each with a box checked where the track already is
 * (checking adds it, unchecking takes it out, at once), and "New playlist", which creates one with the track.
 */
export function AddToPlaylistDialog({ open, track, onClose }: AddToPlaylistDialogProps) {
  const { t } = useTranslation();
  return (
    <ModalDialog open={open} title={t('playlists.add.title', { title: track.title })} onClose={onClose} className="vw-add-playlist">
      <PlaylistChoices track={track} onClose={onClose} />
    </ModalDialog>
  );
}
