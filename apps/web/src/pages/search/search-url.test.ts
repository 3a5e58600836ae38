import { describe, expect, it } from 'vitest';
import { queryProblem, groupSuggestions, resultsHref } from '../../features/search/search-query.ts';
import { NO_FILTERS, readSearchView, searchHref, searchParamsOf, toggled, tracksInputOf } from './search-url.ts';

const read = (query: string) => readSearchView(new URLSearchParams(query));

describe('search URL', () => {
  it('reads the query, the tab, the facets and the sort', () => {
    expect(read('q=lofi+-rain&genre=lo-fi&genre=ambient&key=A+minor&tag=Night&bpm=90-110&duration=2-5m&uploaded=week&sort=newest')).toEqual({
      q: 'lofi -rain',
      type: 'tracks',
      filters: { genres: ['lo-fi', 'ambient'], keys: ['A minor'], tags: ['night'], bpm: '90-110', duration: '2-5m', uploaded: 'week' },
      sort: 'newest',
    });
    expect(read('q=ana&type=people').type).toBe('people');
    expect(read('q=club&type=groups').type).toBe('groups');
  });

  it('reads anything unknown as the default, and keeps at most 5 valid tags', () => {
    expect(read('type=songs&genre=polka&key=H+major&bpm=fast&duration=1h&uploaded=decade&sort=random&tag=%23no')).toEqual({ q: '', type: 'tracks', filters: NO_FILTERS, sort: 'relevance' });
    expect(read('tag=a&tag=b&tag=c&tag=d&tag=e&tag=f&tag=a').filters.tags).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('writes a view back to the same query string, defaults left out', () => {
    const query = 'q=lofi+-rain&genre=lo-fi&key=A+minor&tag=night&bpm=90-110&duration=2-5m&uploaded=week&sort=newest';
    expect(searchParamsOf(read(query)).toString()).toBe(query);
    expect(searchParamsOf(read('q=x&sort=relevance')).toString()).toBe('q=x');
    // Facets and sort belong to the tracks tab.
    expect(searchParamsOf({ ...read(query), type: 'playlists' }).toString()).toBe('q=lofi+-rain&type=playlists');
    expect(searchHref({ q: '"exact phrase"' })).toBe('/search?q=%22exact+phrase%22');
    expect(searchHref({ q: '' })).toBe('/search');
    expect(resultsHref('a b')).toBe('/search?q=a+b');
  });

  it('turns buckets into the bounds search.tracks takes', () => {
    expect(tracksInputOf(read('q=+lofi+&bpm=90-110&duration=gte30m&genre=lo-fi&uploaded=day&sort=plays'), 20)).toEqual({
      q: 'lofi',
      genres: ['lo-fi'],
      bpmMin: 90,
      bpmMax: 110,
      durationMin: 1800,
      uploadedWithin: 'day',
      sort: 'plays',
      limit: 20,
    });
    expect(tracksInputOf(read('bpm=lt90'), 10)).toEqual({ q: '', bpmMax: 90, sort: 'relevance', limit: 10 });
  });

  it('toggles a facet value', () => {
    expect(toggled(['a'], 'b')).toEqual(['a', 'b']);
    expect(toggled(['a', 'b'], 'a')).toEqual(['b']);
  });
});

describe('search query', () => {
  it('says what the API would refuse before asking', () => {
    expect(queryProblem('lofi -rain')).toBeNull();
    expect(queryProblem('a')).toBe('empty');
    expect(queryProblem('-only')).toBe('empty');
    expect(queryProblem('x'.repeat(201))).toBe('tooLong');
    expect(queryProblem(Array.from({ length: 13 }, (_, i) => `word${i}`).join(' '))).toBe('tooManyClauses');
  });

  it('groups suggestions by kind, tracks first, with their links', () => {
    const owner = { id: 'u1', username: 'ana', displayName: 'Ana Lima' };
    const groups = groupSuggestions([
      { kind: 'user', id: 'u1', username: 'ana', displayName: null, avatarUrl: null, isPrivate: false },
      { kind: 'track', id: 't1', title: 'Night Drive', owner, coverUrl: null },
      { kind: 'group', id: 'g1', slug: 'lofi-club', name: 'Lo-fi Club', avatarUrl: null, memberCount: 3, isPublic: true },
      { kind: 'playlist', id: 'p1', title: 'Late night', owner, coverUrl: null },
    ]);
    expect(groups.map((g) => [g.kind, g.options.map((o) => o.href)])).toEqual([
      ['track', ['/tracks/t1']],
      ['user', ['/u/ana']],
      ['playlist', ['/playlists/p1']],
      ['group', ['/groups/lofi-club']],
    ]);
  });
});
