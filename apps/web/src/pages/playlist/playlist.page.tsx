import type { PlaylistDetailDto } from '@veza/api';
import { Button, EmptyState, ErrorState, LoadingState, Notice } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { PlaylistHeader } from '../../features/playlists/playlist-header.tsx';
import { playlistRefusal, profilePlaylistsHref } from '../../features/playlists/playlist-model.ts';
import { PlaylistTracks } from '../../features/playlists/playlist-tracks.tsx';
import { useMoveTrack, useRemoveTrack } from '../../features/playlists/use-playlist-edits.ts';
import { usePlaylistLive } from '../../features/playlists/use-playlist-live.ts';
import { displayNameOf } from '../../features/tracks/track-model.ts';
import { errorInfo, errorMessage } from '../../lib/errors.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import '../../features/playlists/playlists.css';

/** "Ana invited you to edit this playlist": Accept makes me a collaborator, Decline drops the invitation. */
function InviteBanner({ playlist }: { playlist: PlaylistDetailDto }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const accept = trpc.playlists.acceptInvite.useMutation({
    onSuccess: (detail) => {
      utils.playlists.byId.setData({ id: playlist.id }, detail);
      void utils.playlists.editable.invalidate();
      pushToast({ id: `playlist-joined-${playlist.id}`, title: t('playlists.invite.accepted', { title: playlist.title }), tone: 'success' });
    },
  });
  const decline = trpc.playlists.leave.useMutation({
    onSuccess: () => {
      pushToast({ id: `playlist-declined-${playlist.id}`, title: t('playlists.invite.declined'), tone: 'info' });
      void utils.playlists.byId.invalidate({ id: playlist.id });
    },
  });
  const failed = accept.error ?? decline.error;
  return (
    <Notice
      className="vw-playlist-invite-banner"
      title={t('playlists.invite.title', { name: displayNameOf(playlist.owner) })}
      action={
        <span className="vw-playlist-invite-banner__actions">
          <Button size="sm" onClick={() => accept.mutate({ id: playlist.id })} loading={accept.isPending} disabled={decline.isPending}>{t('playlists.invite.accept')}</Button>
          <Button size="sm" variant="secondary" onClick={() => decline.mutate({ id: playlist.id })} loading={decline.isPending} disabled={accept.isPending}>{t('playlists.invite.decline')}</Button>
        </span>
      }
    >
      {t('playlists.invite.text')}
      {failed && <span role="alert" className="vw-inline-error"> {playlistRefusal(failed, t)}</span>}
    </Notice>
  );
}

/** Who just changed the playlist, named from the people on it ("Someone" otherwise). */
function ChangeCue({ playlist, userId }: { playlist: PlaylistDetailDto; userId: string | null }) {
  const { t } = useTranslation();
  const person = userId ? [playlist.owner, ...playlist.collaborators.map((c) => c.user)].find((u) => u.id === userId) : undefined;
  return (
    <p role="status" className={userId ? 'vw-playlist-cue vw-playlist-cue--on' : 'vw-playlist-cue'}>
      {userId ? (person ? t('playlists.live.updatedBy', { name: displayNameOf(person) }) : t('playlists.live.updated')) : ''}
    </p>
  );
}

function PlaylistBody({ playlist }: { playlist: PlaylistDetailDto }) {
  const { t } = useTranslation();
  const move = useMoveTrack(playlist.id);
  const remove = useRemoveTrack(playlist.id);
  return (
    <section className="vw-section vw-playlist-body" aria-labelledby="playlist-tracks-title">
      <h2 id="playlist-tracks-title" className="vz-sr-only">{t('playlists.tracks.title')}</h2>
      {playlist.items.length === 0 ? (
        <EmptyState
          titleAs="h3"
          title={t('playlists.empty.title')}
          description={playlist.canEdit ? t('playlists.empty.editor') : t('playlists.empty.visitor')}
          action={playlist.canEdit ? <Link className="vz-button vz-button--secondary" to="/explore">{t('playlists.empty.action')}</Link> : undefined}
        />
      ) : (
        <PlaylistTracks playlist={playlist} onMove={move} onRemove={remove} />
      )}
    </section>
  );
}

/** `/playlists/:id`: a playlist, its tracks in order, live as its owner and collaborators change it. */
export function PlaylistPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = trpc.playlists.byId.useQuery({ id });
  const live = usePlaylistLive(id);
  const owner = query.data?.owner;

  if (live.deleted) {
    return (
      <div className="vw-page">
        <PageHeading title={t('playlists.deleted.title')} className="vz-sr-only" />
        <EmptyState
          titleAs="p"
          title={t('playlists.deleted.title')}
          description={t('playlists.deleted.description')}
          action={
            owner ? (
              <Link className="vz-button vz-button--secondary" to={profilePlaylistsHref(owner.username)}>{t('playlists.deleted.action', { name: displayNameOf(owner) })}</Link>
            ) : (
              <Link className="vz-button vz-button--secondary" to="/">{t('common.goHome')}</Link>
            )
          }
        />
      </div>
    );
  }
  if (query.isPending) return <LoadingState label={t('playlists.loading')} />;
  if (query.isError) {
    const missing = ['NOT_FOUND', 'BAD_REQUEST'].includes(errorInfo(query.error).code ?? '');
    return (
      <div className="vw-page">
        <PageHeading title={missing ? t('playlists.notFound.title') : t('playlists.errorTitle')} className="vz-sr-only" />
        {missing ? (
          <EmptyState
            titleAs="p"
            title={t('playlists.notFound.title')}
            description={t('playlists.notFound.description')}
            action={<Link className="vz-button vz-button--secondary" to="/">{t('common.goHome')}</Link>}
          />
        ) : (
          <ErrorState title={t('playlists.errorTitle')} message={errorMessage(query.error)} onRetry={() => void query.refetch()} retryLabel={t('common.retry')} />
        )}
      </div>
    );
  }

  const playlist = query.data;
  return (
    <div className="vw-page vw-playlist-page">
      <PlaylistHeader playlist={playlist} />
      {playlist.myRole === 'invited' && <InviteBanner playlist={playlist} />}
      <ChangeCue playlist={playlist} userId={live.changedBy} />
      <PlaylistBody playlist={playlist} />
    </div>
  );
}
