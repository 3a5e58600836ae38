import type { PlaylistDetailDto } from '@veza/api';
import { Avatar, Badge, Button, TextField } from '@veza/ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import { displayNameOf, profileHref } from '../tracks/track-model.ts';
import { playlistRefusal } from './playlist-model.ts';

interface CollaboratorsDialogProps {
  open: boolean;
  playlist: PlaylistDetailDto;
  onClose: () => void;
}

function Collaborators({ playlist, onClose }: Omit<CollaboratorsDialogProps, 'open'>) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const isOwner = playlist.myRole === 'owner';
  const [username, setUsername] = useState('');
  const [said, setSaid] = useState<{ text: string; error: boolean } | null>(null);
  const put = (detail: PlaylistDetailDto) => utils.playlists.byId.setData({ id: playlist.id }, detail);
  const invite = trpc.playlists.invite.useMutation({
    onSuccess: (detail, input) => {
      put(detail);
      setUsername('');
      setSaid({ text: t('playlists.collaborators.invited', { username: input.username }), error: false });
    },
    onError: (error, input) => setSaid({ text: playlistRefusal(error, t, { username: input.username }), error: true }),
  });
  const remove = trpc.playlists.removeCollaborator.useMutation({
    onSuccess: (detail, input) => {
      put(detail);
      setSaid({ text: t('playlists.collaborators.removed', { username: input.username }), error: false });
    },
    onError: (error) => setSaid({ text: playlistRefusal(error, t), error: true }),
  });
  const leave = trpc.playlists.leave.useMutation({
    onSuccess: () => {
      void utils.playlists.invalidate();
      pushToast({ id: `playlist-left-${playlist.id}`, title: t('playlists.collaborators.left', { title: playlist.title }), tone: 'success' });
      onClose();
      if (!playlist.isPublic) void navigate('/', { replace: true });
    },
    onError: (error) => setSaid({ text: playlistRefusal(error, t), error: true }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = username.trim().replace(/^@/, '').toLowerCase();
    if (!name) {
      setSaid({ text: t('playlists.collaborators.nameNeeded'), error: true });
      return;
    }
    if (!invite.isPending) invite.mutate({ id: playlist.id, username: name });
  };

  return (
    <>
      <p className="vw-muted">{isOwner ? t('playlists.collaborators.ownerText') : t('playlists.collaborators.memberText', { name: displayNameOf(playlist.owner) })}</p>
      {playlist.collaborators.length === 0 ? (
        <p className="vw-playlist-people__none">{t('playlists.collaborators.none')}</p>
      ) : (
        <ul className="vw-playlist-people" aria-label={t('playlists.collaborators.listLabel')}>
          {playlist.collaborators.map(({ user, status }) => {
            const name = displayNameOf(user);
            return (
              <li key={user.id} className="vw-playlist-people__row">
                <Avatar name={name} size="sm" decorative />
                <Link to={profileHref(user.username)} className="vw-playlist-people__name" onClick={onClose}>
                  {name}
                </Link>
                <Badge tone={status === 'active' ? 'success' : 'neutral'}>{t(`playlists.collaborators.status.${status}`)}</Badge>
                {isOwner && (
                  <Button
                    type="button"
                    size="sm"
                    variant="secondary"
                    onClick={() => remove.mutate({ id: playlist.id, username: user.username })}
                    loading={remove.isPending && remove.variables?.username === user.username}
                    aria-label={t('playlists.collaborators.removeName', { name })}
                  >
                    {t('playlists.collaborators.remove')}
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {isOwner && (
        <form className="vw-playlist-invite" onSubmit={submit} noValidate>
          <TextField
            label={t('playlists.collaborators.inviteLabel')}
            hint={t('playlists.collaborators.inviteHint')}
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            data-autofocus
          />
          <Button type="submit" loading={invite.isPending}>{t('playlists.collaborators.invite')}</Button>
        </form>
      )}
      <p role={said?.error ? 'alert' : 'status'} className={said?.error ? 'vw-inline-error' : 'vw-muted'}>{said?.text ?? ''}</p>
      <div className="vw-form-actions vw-form-actions--end">
        {playlist.myRole === 'collaborator' && (
          <Button type="button" variant="danger" loading={leave.isPending} onClick={() => leave.mutate({ id: playlist.id })}>{t('playlists.collaborators.leave')}</Button>
        )}
        <Button type="button" variant="secondary" onClick={onClose}>{t('playlists.collaborators.close')}</Button>
      </div>
    </>
  );
}

/**
 * Collaborators: the owner invites people by username (each refusal said plainly), sees who is invited and who edits,
 * and removes them; a collaborator sees the list and may leave.
 */
export function CollaboratorsDialog({ open, playlist, onClose }: CollaboratorsDialogProps) {
  const { t } = useTranslation();
  return (
    <ModalDialog open={open} title={t('playlists.collaborators.title')} onClose={onClose} className="vw-playlist-dialog">
      <Collaborators playlist={playlist} onClose={onClose} />
    </ModalDialog>
  );
}
