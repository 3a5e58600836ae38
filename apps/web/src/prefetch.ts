import { matchRoutes, type RouteObject } from 'react-router';
import type { RouteHandle } from './routes.tsx';

const hasPreload = (handle: unknown): handle is RouteHandle =>
  typeof handle === 'object' && handle !== null && typeof (handle as Partial<RouteHandle>).preload === 'function';

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
    if (url.origin !== root.location.origin) return;
    for (const match of matchRoutes(routes, url.pathname) ?? []) {
      // A failed fetch is retried by the navigation itself, which shows the error if it fails again.
      if (hasPreload(match.route.handle)) match.route.handle.preload().catch(() => undefined);
    }
  };
  const events = ['pointerover', 'focusin', 'touchstart'] as const;
  for (const type of events) root.addEventListener(type, onIntent, { passive: true });
  return () => {
    for (const type of events) root.removeEventListener(type, onIntent);
  };
}
