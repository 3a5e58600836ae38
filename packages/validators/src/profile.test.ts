import { describe, expect, it } from 'vitest';
import { imageAtSize, linkKindOf, linkLabelOf, profileLinksSchema, updateProfileInput } from './index.ts';

describe('profile links', () => {
  it('knows platforms by host, subdomains included, and calls anything else a website', () => {
    expect(linkKindOf('https://soundcloud.com/ana')).toBe('soundcloud');
    expect(linkKindOf('https://ana.bandcamp.com/album/x')).toBe('bandcamp');
    expect(linkKindOf('https://open.spotify.com/artist/1')).toBe('spotify');
    expect(linkKindOf('https://music.apple.com/fr/artist/ana/1')).toBe('apple-music');
    expect(linkKindOf('https://youtu.be/abc')).toBe('youtube');
    expect(linkKindOf('https://www.instagram.com/ana')).toBe('instagram');
    expect(linkKindOf('https://twitter.com/ana')).toBe('x');
    expect(linkKindOf('https://x.com/ana')).toBe('x');
    expect(linkKindOf('https://www.mixcloud.com/ana/')).toBe('mixcloud');
    expect(linkKindOf('https://www.deezer.com/fr/artist/1')).toBe('deezer');
    expect(linkKindOf('https://mastodon.social/@ana')).toBe('mastodon');
    // Look-alikes are websites.
    expect(linkKindOf('https://soundcloud.com.evil.example/ana')).toBe('website');
    expect(linkKindOf('https://notsoundcloud.com/ana')).toBe('website');
    expect(linkKindOf('https://ana.fr')).toBe('website');
  });

  it('labels websites by host and path, platforms by name', () => {
    expect(linkLabelOf('https://www.ana.fr/shows/')).toBe('ana.fr/shows');
    expect(linkLabelOf('https://ana.fr')).toBe('ana.fr');
    expect(linkLabelOf('https://ana.bandcamp.com')).toBe('Bandcamp');
  });

  it('refuses other schemes with a clear message, keeps order and drops duplicates', () => {
    for (const bad of ['javascript:alert(1)', 'data:text/html,hi', 'ftp://ana.fr', 'mailto:ana@ana.fr']) {
      const result = profileLinksSchema.safeParse([bad]);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('Links must start with http:// or https://.');
    }
    expect(profileLinksSchema.safeParse(['ana.fr']).error?.issues[0]?.message).toMatch(/not a web address/);
    expect(profileLinksSchema.safeParse([`https://ana.fr/${'x'.repeat(300)}`]).error?.issues[0]?.message).toMatch(/at most 300/);
    expect(profileLinksSchema.safeParse(Array.from({ length: 9 }, (_, i) => `https://a${i}.fr`)).error?.issues[0]?.message).toBe('At most 8 links.');
    expect(profileLinksSchema.parse([' https://b.fr ', 'https://a.fr', 'https://b.fr'])).toEqual(['https://b.fr', 'https://a.fr']);
  });
});

describe('updateProfileInput (issue 11 fields)', () => {
  it('trims the location, turns empty into null, bounds it', () => {
    expect(updateProfileInput.parse({ location: '  Lyon, France ' })).toEqual({ location: 'Lyon, France' });
    expect(updateProfileInput.parse({ location: '   ' })).toEqual({ location: null });
    expect(updateProfileInput.parse({ location: null })).toEqual({ location: null });
    expect(updateProfileInput.safeParse({ location: 'x'.repeat(81) }).error?.issues[0]?.message).toBe('Location must be at most 80 characters.');
    expect(updateProfileInput.safeParse({ location: 'Ly\u0000on' }).success).toBe(false);
  });

  it('takes a track id or null to pin', () => {
    expect(updateProfileInput.parse({ pinnedTrackId: null })).toEqual({ pinnedTrackId: null });
    expect(updateProfileInput.safeParse({ pinnedTrackId: 'abc' }).error?.issues[0]?.message).toBe('Choose one of your tracks to pin.');
  });

  it('adds a size to a versioned image URL', () => {
    expect(imageAtSize('/api/users/1/avatar?v=ab', 64)).toBe('/api/users/1/avatar?v=ab&size=64');
  });
});
