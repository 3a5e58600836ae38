import type { PlaylistDetailDto } from '@veza/api';
import { Avatar, Badge, Button, LikeButton, LockIcon, MenuButton, type MenuButtonItem } from '@veza/ui';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { localeOf } from '../../i18n.ts';
import { errorMessage } from '../../lib/errors.ts';
import { usePlayer } from '../../stores/player.ts';
import { setShuffle, useQueue } from '../../stores/queue.ts';
import { useSession } from '../../stores/session.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import { loginHref } from '../session/require-auth.tsx';
import { RepostIcon } from '../social/repost-control.tsx';
import { displayNameOf, profileHref, toPlayerTrack } from '../tracks/track-model.ts';
import { PlaylistArtwork } from './playlist-artwork.tsx';
import { formatTotalDuration, profilePlaylistsHref } from './playlist-model.ts';
import { usePlaylistMarks } from './use-playlist-edits.ts';

// The owner's and collaborators' dialogs come in chunks of their own, when first opened.
const PlaylistEditDialog = lazy(() => import('./playlist-edit-dialog.tsx').then((m) => ({ default: m.PlaylistEditDialog })));
const CollaboratorsDialog = lazy(() => import('./collaborators-dialog.tsx').then((m) => ({ default: m.CollaboratorsDialog })));

/** Plays the playlist as the queue: from the first track, or shuffled from a random one. */
function startList(playlist: PlaylistDetailDto, shuffle: boolean) {
  const list = playlist.items.map((item) => toPlayerTrack(item.track));
  if (list.length === 0) return;
  useQueue.getState().update((q) => setShuffle(q, shuffle));
  const start = shuffle ? Math.floor(Math.random() * list.length) : 0;
  const player = usePlayer.getState();
  // Already the current track: keep it going with the playlist as its queue (playList would pause it).
  if (player.track?.id === list[start]?.id) {
    player.queueAround(list);
    if (!player.isPlaying) player.toggle();
  } else {
    player.playList(list, start);
  }
}

function ShuffleIcon() {
  return (
    <svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d="M16 3h5v5" /><path d="M4 20 21 3" /><path d="M21 16v5h-5" /><path d="M15 15l6 6" /><path d="M4 4l5 5" />
    </svg>
  );
}

type Open = 'edit' | 'collaborators' | 'delete' | null;

/**
 * The top of a playlist page: its mosaic, title, owner, Public or Private, description, track count and length, the
 * people editing it; Play all and Shuffle; Like and Repost (at once, undone with a toast on a refusal); the owner's
 * "⋯" menu (Edit, Collaborators, Delete) or a collaborator's Collaborators button.
 */
export function PlaylistHeader({ playlist }: { playlist: PlaylistDetailDto }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const utils = trpc.useUtils();
  const status = useSession((s) => s.status);
  const marks = usePlaylistMarks(playlist);
  const [open, setOpen] = useState<Open>(null);
  // Each dialog mounts from its first opening on (closing it then returns the focus to its opener).
  const [used, setUsed] = useState<ReadonlySet<Open>>(new Set());
  const show = (which: Open) => {
    setUsed((s) => new Set([...s, which]));
    setOpen(which);
  };
  const close = () => setOpen(null);
  const remove = trpc.playlists.delete.useMutation({
    onSuccess: () => {
      pushToast({ id: `playlist-deleted-${playlist.id}`, title: t('playlists.delete.done', { title: playlist.title }), tone: 'success' });
      setOpen(null);
      void utils.playlists.ofUser.invalidate({ username: playlist.owner.username });
      void utils.playlists.editable.invalidate();
      void navigate(profilePlaylistsHref(playlist.owner.username), { replace: true });
      utils.playlists.byId.setData({ id: playlist.id }, undefined);
    },
  });

  const ownerName = displayNameOf(playlist.owner);
  const signedIn = status === 'signed-in';
  const toLogin = () => void navigate(loginHref(`${location.pathname}${location.search}`));
  const locale = localeOf(i18n.resolvedLanguage ?? 'en');
  const canRepost = playlist.isPublic && playlist.myRole !== 'owner';
  const activeCollaborators = playlist.collaborators.filter((c) => c.status === 'active');
  const empty = playlist.items.length === 0;
  const ownerItems: MenuButtonItem[] = [
    { id: 'edit', label: t('playlists.menu.edit'), onSelect: () => show('edit') },
    { id: 'collaborators', label: t('playlists.menu.collaborators'), onSelect: () => show('collaborators') },
    { id: 'delete', label: t('playlists.menu.delete'), onSelect: () => { remove.reset(); show('delete'); } },
  ];

  return (
    <header className="vw-playlist-head">
      <PlaylistArtwork seed={playlist.id} cover={playlist.coverUrl} urls={playlist.artworkUrls} size="lg" />
      <div className="vw-playlist-head__text">
        <p className="vw-playlist-head__kind">{t('playlists.kind')}</p>
        <PageHeading title={playlist.title} />
        <p className="vw-playlist-head__owner">
          {t('playlists.by')} <Link to={profileHref(playlist.owner.username)}>{ownerName}</Link>
          {activeCollaborators.length > 0 && (
            <span className="vw-playlist-head__people">
              <span className="vw-playlist-head__avatars" aria-hidden="true">
                {activeCollaborators.slice(0, 5).map(({ user }) => <Avatar key={user.id} name={displayNameOf(user)} size="sm" decorative />)}
              </span>
              {t('playlists.with', { count: activeCollaborators.length, names: activeCollaborators.map(({ user }) => displayNameOf(user)).join(', ') })}
            </span>
          )}
        </p>
        <p className="vw-playlist-head__meta">
          {playlist.isPublic ? (
            <Badge>{t('playlists.public')}</Badge>
          ) : (
            <Badge icon={<LockIcon />}>{t('playlists.private')}</Badge>
          )}
          <span>{t('common.tracks', { count: playlist.trackCount })}</span>
          {playlist.trackCount > 0 && (
            <>
              <span aria-hidden="true">·</span>
              <span>{formatTotalDuration(playlist.durationMs, t)}</span>
            </>
          )}
        </p>
        {playlist.description && <p className="vw-playlist-head__description">{playlist.description}</p>}
        <div className="vw-playlist-head__actions">
          <Button onClick={() => startList(playlist, false)} disabled={empty}>{t('playlists.playAll')}</Button>
          <Button variant="secondary" onClick={() => startList(playlist, true)} disabled={empty}>
            <ShuffleIcon /> {t('playlists.shuffle')}
          </Button>
          <LikeButton
            liked={playlist.likedByMe}
            count={playlist.likeCount}
            likeLabel={t('playlists.marks.like')}
            unlikeLabel={t('playlists.marks.unlike')}
            locale={locale}
            onToggle={() => {
              if (!signedIn) return toLogin();
              if (!marks.likePending) marks.toggleLike();
            }}
          />
          {canRepost && (
            <button
              type="button"
              className={`vz-like vz-like--md vw-repost__toggle${playlist.repostedByMe ? ' vz-like--on' : ''}`}
              aria-pressed={playlist.repostedByMe}
              aria-busy={marks.repostPending || undefined}
              title={playlist.repostedByMe ? t('playlists.marks.unrepost') : t('playlists.marks.repost')}
              onClick={() => {
                if (!signedIn) return toLogin();
                if (!marks.repostPending) marks.toggleRepost();
              }}
            >
              <RepostIcon className="vz-like__icon" />
              <span className="vz-sr-only">{t('playlists.marks.repost')}</span>{' '}
              <span className="vz-like__count">{new Intl.NumberFormat(locale, { notation: 'compact' }).format(playlist.repostCount)}</span>
            </button>
          )}
          {playlist.myRole === 'owner' && <MenuButton label={t('playlists.menu.label', { title: playlist.title })} items={ownerItems} />}
          {playlist.myRole === 'collaborator' && (
            <Button variant="secondary" onClick={() => show('collaborators')} aria-haspopup="dialog">{t('playlists.menu.collaborators')}</Button>
          )}
        </div>
      </div>
      {used.has('edit') && (
        <Suspense fallback={null}>
          <PlaylistEditDialog open={open === 'edit'} playlist={playlist} onClose={close} />
        </Suspense>
      )}
      {used.has('collaborators') && (
        <Suspense fallback={null}>
          <CollaboratorsDialog open={open === 'collaborators'} playlist={playlist} onClose={close} />
        </Suspense>
      )}
      <ConfirmDialog
        open={open === 'delete'}
        title={t('playlists.delete.title')}
        body={t('playlists.delete.body', { title: playlist.title })}
        confirmLabel={t('playlists.delete.confirm')}
        cancelLabel={t('common.cancel')}
        pending={remove.isPending}
        error={remove.isError ? `${t('playlists.delete.error')} ${errorMessage(remove.error)}` : null}
        onConfirm={() => remove.mutate({ id: playlist.id })}
        onCancel={close}
      />
    </header>
  );
}
