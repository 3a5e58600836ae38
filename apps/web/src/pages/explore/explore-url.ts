import { GENRES, TRENDING_WINDOWS, type Genre, type TrendingWindow } from '@veza/validators';

/** What /explore shows, read from its query (`?window=month&genre=hip-hop`); anything unknown reads as the default. */
export interface ExploreView {
  window: TrendingWindow;
  genre: Genre | null;
}

export function readExploreView(params: URLSearchParams): ExploreView {
  const window = params.get('window');
  const genre = params.get('genre');
  return {
    window: (TRENDING_WINDOWS as readonly string[]).includes(window ?? '') ? (window as TrendingWindow) : 'week',
    genre: (GENRES as readonly string[]).includes(genre ?? '') ? (genre as Genre) : null,
  };
}

/** The URL of a view: the defaults (this week, every genre) are left out. */
export function exploreHref({ window, genre }: ExploreView): string {
  const params = new URLSearchParams();
  if (window !== 'week') params.set('window', window);
  if (genre) params.set('genre', genre);
  const query = params.toString();
  return query ? `/explore?${query}` : '/explore';
}
