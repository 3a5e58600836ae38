import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { screenStrings } from '../i18n.ts';

/** A component whose code is fetched on first render (React.lazy), or earlier with `preload()`. */
export type LazyScreen<P> = LazyExoticComponent<ComponentType<P>> & {
  /** Starts fetching the code (idempotent): on hover or focus of a link, so the click finds it ready. */
  preload: () => Promise<unknown>;
};

let loading = 0;
const listeners = new Set<() => void>();
function setLoading(count: number) {
  loading = count;
  for (const listener of listeners) listener();
}

/**
 * How many screens a render is waiting for (not counting prefetches), for useSyncExternalStore. A navigation runs in a
 * transition that keeps the current screen up until the next one's code is there; this is how to show that it is coming.
 */
export const screenLoads = {
  subscribe: (listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  count: () => loading,
};

/**
 * `React.lazy` for a named export: `lazyScreen(() => import('./home.page.tsx'), 'HomePage')`.
 * The module is requested once, whether by `preload()` or by the first render. The first render also waits for the
 * other screens' strings when they are still on their way (i18n.ts), except for a screen marked `core` (its strings
 * are in the first part of the language: the home page).
 */
export function lazyScreen<M, K extends keyof M>(load: () => Promise<M>, name: K, options: { core?: boolean } = {}): LazyScreen<M[K] extends ComponentType<infer P> ? P : never> {
  type P = M[K] extends ComponentType<infer Q> ? Q : never;
  let pending: Promise<M> | null = null;
  const preload = () => {
    pending ??= load().catch((error: unknown) => {
      // A failed fetch (offline, a deploy removed the chunk) is retried on the next attempt, not cached.
      pending = null;
      throw error;
    });
    return pending;
  };
  const Component = lazy(async () => {
    // Rendering waits for this code: the layout shows a progress bar while it does (screenLoads).
    setLoading(loading + 1);
    try {
      const [module] = await Promise.all([preload(), options.core ? undefined : screenStrings()]);
      return { default: module[name] as ComponentType<P> };
    } finally {
      setLoading(loading - 1);
    }
  });
  return Object.assign(Component, { preload });
}
