import { playlistsMock } from '@veza/mocks';
import { useEffect, type ReactNode } from 'react';
import { feedPlaylistChange } from './use-playlist-live.ts';

/**
 * The mocked live playlist for stories and tests: msw-trpc answers no subscriptions (the app's mock mode leaves
 * playlists.onChange idle), so what the mock back end publishes (playlistsMock.onChange) reaches the open playlist
 * as playlists.onChange would.
 */
export function MockPlaylistFeed({ children }: { children: ReactNode }) {
  useEffect(() => playlistsMock.onChange(feedPlaylistChange), []);
  return children;
}
