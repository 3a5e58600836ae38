import { useEffect } from 'react';
import { lazyScreen } from '../lib/lazy-screen.ts';

/** The dock (controls, queue, settings menus) is not in the first load: nothing plays yet. */
export const LazyPlayerDock = lazyScreen(() => import('./player-dock.tsx'), 'PlayerDock');

/** Screens with play buttons call this: the dock's code comes after the screen shows, ready by the first click. */
export function usePreloadPlayerDock() {
  useEffect(() => {
    LazyPlayerDock.preload().catch(() => undefined);
  }, []);
}
