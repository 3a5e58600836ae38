import { useSession } from '../stores/session.ts';
import { maybeSignedIn } from './session-hint.ts';

type Listener = () => void;

const refreshedListeners = new Set<Listener>();
let inflight: Promise<boolean> | null = null;
let refreshUrl = '/trpc/auth.refresh';

/** Where `auth.refresh` lives (tests use an absolute URL). */
export function configureRefresh(trpcBaseUrl: string) {
  refreshUrl = `${trpcBaseUrl}/auth.refresh`;
}

/** Called after every successful refresh: the WebSocket reconnects so its handshake carries the new cookie. */
export function onSessionRefreshed(listener: Listener): () => void {
  refreshedListeners.add(listener);
  return () => refreshedListeners.delete(listener);
}

async function doRefresh(): Promise<boolean> {
  // No session flag: the session ended (log-out elsewhere, revocation); there is nothing to refresh.
  if (!maybeSignedIn()) {
    useSession.getState().signOut();
    return false;
  }
  try {
    const response = await fetch(refreshUrl, {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    if (!response.ok) {
      useSession.getState().signOut();
      return false;
    }
    for (const listener of refreshedListeners) listener();
    return true;
  } catch {
    // Offline: keep the session as it is; the next request will try again.
    return false;
  }
}

/**
 * Rotates the session with the refresh cookie. Concurrent callers share one request, so a burst of
 * 401s causes a single refresh. Resolves to whether the session is usable again; when the server
 * says the session has ended, the session store is cleared.
 */
export function refreshSession(): Promise<boolean> {
  inflight ??= doRefresh().finally(() => {
    inflight = null;
  });
  return inflight;
}
