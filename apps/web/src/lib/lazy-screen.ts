import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** A component whose code is fetched on first render (React.lazy), or earlier with `preload()`. */
export type LazyScreen<P> = LazyExoticComponent<ComponentType<P>> & {
  /** Starts fetching the code (idempotent): on hover or focus of a link, so the click finds it ready. */
  preload: () => Promise<unknown>;
};

/**
 * `React.lazy` for a named export: `lazyScreen(() => import('./home.page.tsx'), 'HomePage')`.
 * The module is requested once, whether by `preload()` or by the first render.
 */
export function lazyScreen<M, K extends keyof M>(load: () => Promise<M>, name: K): LazyScreen<M[K] extends ComponentType<infer P> ? P : never> {
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
  const Component = lazy(async () => ({ default: (await preload())[name] as ComponentType<P> }));
  return Object.assign(Component, { preload });
}
