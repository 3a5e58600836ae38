import type { PlaylistDto } from '@veza/api';
import { Badge, LockIcon } from '@veza/ui';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { displayNameOf } from '../tracks/track-model.ts';
import { PlaylistArtwork } from './playlist-artwork.tsx';
import { formatTotalDuration, playlistHref } from './playlist-model.ts';
import './playlists.css';

/** One playlist in a grid: its mosaic, title (the link), owner, track count and length; "Private" on private ones. */
export function PlaylistCard({ playlist, showOwner = false }: { playlist: PlaylistDto; showOwner?: boolean }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <article className="vw-playlist-card" aria-labelledby={titleId}>
      <PlaylistArtwork seed={playlist.id} cover={playlist.coverUrl} urls={playlist.artworkUrls} />
      <h3 className="vw-playlist-card__title">
        <Link id={titleId} to={playlistHref(playlist.id)} className="vw-playlist-card__link">{playlist.title}</Link>
      </h3>
      {showOwner && <p className="vw-playlist-card__meta">{displayNameOf(playlist.owner)}</p>}
      <p className="vw-playlist-card__meta">
        {!playlist.isPublic && (
          <Badge icon={<LockIcon />} className="vw-playlist-card__private">{t('playlists.private')}</Badge>
        )}
        <span>{t('common.tracks', { count: playlist.trackCount })}</span>
        {playlist.trackCount > 0 && <span aria-hidden="true"> · </span>}
        {playlist.trackCount > 0 && <span>{formatTotalDuration(playlist.durationMs, t)}</span>}
      </p>
    </article>
  );
}

/** A responsive grid of playlist cards (a list: its count is announced). */
export function PlaylistGrid({ playlists, label, showOwner = false }: { playlists: PlaylistDto[]; label: string; showOwner?: boolean }) {
  return (
    <ul role="list" className="vw-playlist-grid" aria-label={label}>
      {playlists.map((playlist) => (
        <li key={playlist.id}>
          <PlaylistCard playlist={playlist} showOwner={showOwner} />
        </li>
      ))}
    </ul>
  );
}
