// The header's small panels (status picker, notification bell) fetch their content's code on hover, focus or open.

/** A module fetched once, on first need; a failed fetch (offline, a deploy removed the chunk) is retried next time. */
export function onceModule<T>(load: () => Promise<T>): () => Promise<T> {
  let module: Promise<T> | null = null;
  return () =>
    (module ??= load().catch((error: unknown) => {
      module = null;
      throw error;
    }));
}
