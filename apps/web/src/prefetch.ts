import { matchRoutes, type RouteObject } from 'react-router';
import type { RouteHandle } from './routes.tsx';

const hasPreload = (handle: unknown): handle is RouteHandle =>
  typeof handle === 'object' && handle !== null && typeof (handle as Partial<RouteHandle>).preload === 'function';

/** Starts fetching the code of the screens `pathname` shows (a failed fetch is retried by the render, which reports it). */
export function preloadPath(routes: RouteObject[], pathname: string) {
  for (const match of matchRoutes(routes, pathname) ?? []) {
    if (hasPreload(match.route.handle)) match.route.handle.preload().catch(() => undefined);
  }
}

/**
 * Fetches the code of the screen a link leads to as soon as the pointer rests on the link, a finger touches it or the
 * keyboard focuses it: by the click, the chunk is usually there and navigation does not wait. Returns the cleanup.
 */
export function prefetchOnIntent(routes: RouteObject[], root: Document = document): () => void {
  let last = '';
  const onIntent = (event: Event) => {
    const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!(link instanceof HTMLAnchorElement) || link.href === last) return;
    last = link.href;
    const url = new URL(link.href);
    if (url.origin === root.location.origin) preloadPath(routes, url.pathname);
  };
  const events = ['pointerover', 'focusin', 'touchstart'] as const;
  for (const type of events) root.addEventListener(type, onIntent, { passive: true });
  return () => {
    for (const type of events) root.removeEventListener(type, onIntent);
  };
}
