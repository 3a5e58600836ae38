import { describe, expect, it } from 'vitest';
import { groupHref, isGroupTab, parseItemRef } from './group-model.ts';

const ID = '7a000000-0000-4000-8000-000000000003';

describe('group paths', () => {
  it('links a group by its slug, by its id when the slug names a screen, with the tab when not "about"', () => {
    expect(groupHref({ id: ID, slug: 'tape-club' })).toBe('/groups/tape-club');
    expect(groupHref({ id: ID, slug: 'tape-club' }, 'members')).toBe('/groups/tape-club/members');
    expect(groupHref({ id: ID, slug: 'tape-club' }, 'about')).toBe('/groups/tape-club');
    expect(groupHref({ id: ID, slug: 'new' })).toBe(`/groups/${ID}`);
    expect(groupHref({ id: ID, slug: 'join' }, 'feed')).toBe(`/groups/${ID}/feed`);
  });

  it('knows its tabs', () => {
    expect(['about', 'feed', 'members', 'requests', 'settings'].every(isGroupTab)).toBe(true);
    expect(isGroupTab('admin')).toBe(false);
    expect(isGroupTab(undefined)).toBe(false);
  });
});

describe('a pasted track or playlist', () => {
  it('reads a bare id or a Veza link of the right kind', () => {
    expect(parseItemRef(` ${ID.toUpperCase()} `, 'track')).toBe(ID);
    expect(parseItemRef(`https://veza.example/playlists/${ID}`, 'playlist')).toBe(ID);
    expect(parseItemRef(`https://veza.example/tracks/${ID}?t=12`, 'track')).toBe(ID);
    expect(parseItemRef(`/tracks/${ID}/`, 'track')).toBe(ID);
  });

  it('refuses anything else', () => {
    expect(parseItemRef(`https://veza.example/playlists/${ID}`, 'track')).toBeNull();
    expect(parseItemRef(`https://veza.example/tracks/${ID}extra`, 'track')).toBeNull();
    expect(parseItemRef('night drive', 'track')).toBeNull();
    expect(parseItemRef('', 'playlist')).toBeNull();
  });
});
