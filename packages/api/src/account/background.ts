/**
 * Work deliberately done after the answer is sent (a password reset request answers at once, the same
 * way whether or not the account exists). Kept here so tests and shutdown can wait for it.
 */
const pending = new Set<Promise<void>>();

export function runInBackground(work: () => Promise<void>): void {
  const promise: Promise<void> = work()
    // The caller already answered; a failure here (mail server down) cannot be reported to anyone but the log.
    .catch(() => undefined)
    .finally(() => pending.delete(promise));
  pending.add(promise);
}

/** Resolves once every piece of background work started so far has finished. */
export async function settleBackgroundWork(): Promise<void> {
  while (pending.size) await Promise.all([...pending]);
}
