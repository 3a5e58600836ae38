import { placeholderArt } from '@veza/ui';

interface PlaylistArtworkProps {
  /** Seeds the gradient shown without covers: the playlist id. */
  seed: string;
  /** Its own cover (PlaylistDto.coverUrl), shown alone when set. */
  cover?: string | null;
  /** Covers of its first tracks (PlaylistDto.artworkUrls, up to 4). */
  urls: string[];
  size?: 'sm' | 'md' | 'lg';
  className?: string;
}

/**
 * A playlist's artwork: its own cover when it has one, else the covers of its first tracks, one filling the square or
 * four in a 2×2 mosaic, or a gradient from the playlist id without any. Decorative: the title is written beside it.
 */
export function PlaylistArtwork({ seed, cover = null, urls, size = 'md', className }: PlaylistArtworkProps) {
  const tiles = cover ? [cover] : urls.length >= 4 ? urls.slice(0, 4) : urls.slice(0, 1);
  const classes = ['vw-playlist-art', `vw-playlist-art--${size}`, tiles.length === 4 ? 'vw-playlist-art--mosaic' : '', className].filter(Boolean).join(' ');
  return (
    <div className={classes} aria-hidden="true" data-tiles={tiles.length}>
      {tiles.length === 0 ? (
        <span className="vw-playlist-art__placeholder" style={{ backgroundImage: placeholderArt(seed) }} />
      ) : (
        tiles.map((url, index) => <img key={`${index}-${url}`} className="vw-playlist-art__tile" src={url} alt="" loading="lazy" decoding="async" />)
      )}
    </div>
  );
}
