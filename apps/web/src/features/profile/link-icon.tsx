// Platform icons of profile links: brand marks from simple-icons (CC0, pinned; only the ones named here end up in the
// profile's lazy chunk), and a globe of our own for websites.
import type { LinkKind } from '@veza/validators';
import {
  siApplemusic,
  siBandcamp,
  siBeatport,
  siBluesky,
  siDeezer,
  siDiscogs,
  siFacebook,
  siGithub,
  siInstagram,
  siLinktree,
  siMastodon,
  siMixcloud,
  siPatreon,
  siSoundcloud,
  siSpotify,
  siTidal,
  siTiktok,
  siTwitch,
  siX,
  siYoutube,
} from 'simple-icons';

const BRANDS: Record<Exclude<LinkKind, 'website'>, { path: string }> = {
  soundcloud: siSoundcloud,
  bandcamp: siBandcamp,
  spotify: siSpotify,
  'apple-music': siApplemusic,
  youtube: siYoutube,
  instagram: siInstagram,
  tiktok: siTiktok,
  x: siX,
  facebook: siFacebook,
  mixcloud: siMixcloud,
  twitch: siTwitch,
  beatport: siBeatport,
  deezer: siDeezer,
  tidal: siTidal,
  discogs: siDiscogs,
  github: siGithub,
  linktree: siLinktree,
  patreon: siPatreon,
  bluesky: siBluesky,
  mastodon: siMastodon,
};

/** A 24×24 mark in the text's colour, decorative (the link's text says where it goes). */
export function LinkIcon({ kind, className }: { kind: LinkKind; className?: string }) {
  if (kind === 'website') {
    return (
      <svg className={className} viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
        <circle cx="12" cy="12" r="9" />
        <path d="M3 12h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9S9.5 5.6 12 3z" />
      </svg>
    );
  }
  return (
    <svg className={className} viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false" fill="currentColor">
      <path d={BRANDS[kind].path} />
    </svg>
  );
}
