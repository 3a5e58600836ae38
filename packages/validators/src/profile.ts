// Profiles (issue 11): location, links and their platform, pinned track, avatar and banner sizes. Shared by the API
// (what it accepts and the kind it reports) and the web (the editor's messages, the icons), so both agree.
import { z } from 'zod';
import { text } from './text.ts';

export const PROFILE_LOCATION_MAX = 80;
export const PROFILE_LINKS_MAX = 8;
export const PROFILE_LINK_MAX_LENGTH = 300;

/** Avatars and banners: at most this many bytes uploaded (refused 413 beyond). */
export const PROFILE_IMAGE_MAX_BYTES = 10 * 1024 * 1024;
/** The square sizes an avatar is stored at (`?size=` of its URL). */
export const AVATAR_SIZES = [64, 256, 512] as const;
export type AvatarSize = (typeof AVATAR_SIZES)[number];
/** The widths a banner is stored at (3:1, `?size=`). */
export const BANNER_SIZES = [1500, 750] as const;
export type BannerSize = (typeof BANNER_SIZES)[number];
export const BANNER_ASPECT = 3;
export type ProfileImageKind = 'avatar' | 'banner';
export const PROFILE_IMAGE_TOO_LARGE_MESSAGE = { avatar: 'Profile pictures must be at most 10 MB.', banner: 'Banners must be at most 10 MB.' } as const;

/** `url` (a versioned avatar/banner URL from the API) at one of its stored sizes. */
export function imageAtSize(url: string, size: number): string {
  return `${url}${url.includes('?') ? '&' : '?'}size=${size}`;
}

export const LINK_KINDS = [
  'website',
  'soundcloud',
  'bandcamp',
  'spotify',
  'apple-music',
  'youtube',
  'instagram',
  'tiktok',
  'x',
  'facebook',
  'mixcloud',
  'twitch',
  'beatport',
  'deezer',
  'tidal',
  'discogs',
  'github',
  'linktree',
  'patreon',
  'bluesky',
  'mastodon',
] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** Hosts (and their subdomains) of each known platform, as written in a profile link. */
const PLATFORM_HOSTS: Record<Exclude<LinkKind, 'website' | 'mastodon'>, string[]> = {
  soundcloud: ['soundcloud.com', 'on.soundcloud.com'],
  bandcamp: ['bandcamp.com'],
  spotify: ['spotify.com', 'spotify.link'],
  'apple-music': ['music.apple.com', 'itunes.apple.com'],
  youtube: ['youtube.com', 'youtu.be', 'music.youtube.com'],
  instagram: ['instagram.com', 'instagr.am'],
  tiktok: ['tiktok.com'],
  x: ['x.com', 'twitter.com'],
  facebook: ['facebook.com', 'fb.com', 'fb.me'],
  mixcloud: ['mixcloud.com'],
  twitch: ['twitch.tv'],
  beatport: ['beatport.com'],
  deezer: ['deezer.com', 'deezer.page.link'],
  tidal: ['tidal.com'],
  discogs: ['discogs.com'],
  github: ['github.com'],
  linktree: ['linktr.ee'],
  patreon: ['patreon.com'],
  bluesky: ['bsky.app'],
};

/** The names shown for each kind (brand names: the same in every language; `website` shows its host). */
export const LINK_KIND_NAMES: Record<Exclude<LinkKind, 'website'>, string> = {
  soundcloud: 'SoundCloud',
  bandcamp: 'Bandcamp',
  spotify: 'Spotify',
  'apple-music': 'Apple Music',
  youtube: 'YouTube',
  instagram: 'Instagram',
  tiktok: 'TikTok',
  x: 'X',
  facebook: 'Facebook',
  mixcloud: 'Mixcloud',
  twitch: 'Twitch',
  beatport: 'Beatport',
  deezer: 'Deezer',
  tidal: 'TIDAL',
  discogs: 'Discogs',
  github: 'GitHub',
  linktree: 'Linktree',
  patreon: 'Patreon',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
};

const hostOf = (url: string): string | null => {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '').replace(/\.$/, '');
  } catch {
    return null;
  }
};

/** The platform a link goes to, by its host (subdomains count: `artist.bandcamp.com`); `website` otherwise. */
export function linkKindOf(url: string): LinkKind {
  const host = hostOf(url);
  if (!host) return 'website';
  for (const [kind, hosts] of Object.entries(PLATFORM_HOSTS) as [LinkKind, string[]][]) {
    if (hosts.some((h) => host === h || host.endsWith(`.${h}`))) return kind;
  }
  // Mastodon has thousands of servers: its profile paths (`/@name`) on the best-known ones.
  if (/^(mastodon\.[a-z]+|mstdn\.[a-z]+|[a-z]+\.social)$/.test(host) && /^\/@[\w.]+/.test(new URL(url).pathname)) return 'mastodon';
  return 'website';
}

/** What a link reads as: the platform's name, or the website's host and path (`lea.fr/shows`). */
export function linkLabelOf(url: string): string {
  const kind = linkKindOf(url);
  if (kind !== 'website') return LINK_KIND_NAMES[kind];
  try {
    const u = new URL(url);
    const path = u.pathname === '/' ? '' : u.pathname.replace(/\/$/, '');
    const label = `${u.hostname.replace(/^www\./, '')}${path}`;
    return label.length > 60 ? `${label.slice(0, 59)}…` : label;
  } catch {
    return url;
  }
}

export const LINK_SCHEME_MESSAGE = 'Links must start with http:// or https://.';

/** One profile link: an absolute http(s) URL (no `javascript:`, `data:` or other schemes), at most 300 characters. */
export const profileLinkSchema = z
  .string('Each link must be text.')
  .trim()
  .min(1, 'A link cannot be empty.')
  .max(PROFILE_LINK_MAX_LENGTH, `Links must be at most ${PROFILE_LINK_MAX_LENGTH} characters.`)
  .superRefine((value, issue) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      issue.addIssue({ code: 'custom', message: /^[a-z][a-z0-9+.-]*:/i.test(value) ? LINK_SCHEME_MESSAGE : 'This is not a web address (like https://example.com).' });
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') issue.addIssue({ code: 'custom', message: LINK_SCHEME_MESSAGE });
    else if (!url.hostname.includes('.') && url.hostname !== 'localhost') issue.addIssue({ code: 'custom', message: 'This is not a web address (like https://example.com).' });
    else if (url.username || url.password) issue.addIssue({ code: 'custom', message: 'Links cannot carry a user name or password.' });
  });

/** Up to 8 links in the owner's order; the same address twice is kept once. */
export const profileLinksSchema = z
  .array(profileLinkSchema, 'Links must be a list.')
  .max(PROFILE_LINKS_MAX, `At most ${PROFILE_LINKS_MAX} links.`)
  .transform((links) => [...new Set(links)]);

/** Where the person is, as they write it; empty clears it. */
export const profileLocationSchema = text('Location')
  .max(PROFILE_LOCATION_MAX, `Location must be at most ${PROFILE_LOCATION_MAX} characters.`)
  .nullable()
  .transform((value) => (value ? value : null));
