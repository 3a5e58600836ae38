import { useCallback, useEffect, useState } from 'react';
import { errorInfo } from '../../lib/errors.ts';
import { trpc } from '../../trpc.ts';
import { pushBrowser, PushDeniedError, PushServiceError, type PushSupport } from './push-client.ts';

/**
 * Web push on this browser: 'unavailable' (the server does not send push), 'unsupported' (no Push API here),
 * 'denied' (blocked in the browser), 'off', 'on', or 'checking' while the browser and the server answer.
 */
export type PushState = 'checking' | 'unavailable' | 'unsupported' | 'denied' | 'off' | 'on';

export function usePush() {
  const utils = trpc.useUtils();
  const status = trpc.push.status.useQuery(undefined, { staleTime: 10 * 60_000 });
  const [support, setSupport] = useState<PushSupport>(() => pushBrowser().support());
  const [endpoint, setEndpoint] = useState<string | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const subscribe = trpc.push.subscribe.useMutation();
  const unsubscribe = trpc.push.unsubscribe.useMutation();

  useEffect(() => {
    let live = true;
    pushBrowser()
      .current()
      .then(
        (sub) => live && setEndpoint(sub?.endpoint ?? null),
        () => live && setEndpoint(null),
      );
    return () => {
      live = false;
    };
  }, []);

  const state: PushState =
    status.isPending || endpoint === undefined ? 'checking'
    : !status.data?.available || !status.data.publicKey ? 'unavailable'
    : support === 'unsupported' ? 'unsupported'
    : support === 'denied' ? 'denied'
    : endpoint && support === 'granted' ? 'on'
    : 'off';

  /** Asks the browser (a click only), subscribes it and tells the server. */
  const enable = useCallback(async (): Promise<'on' | 'denied' | 'failed'> => {
    const key = status.data?.publicKey;
    if (!key) return 'failed';
    setBusy(true);
    setError(null);
    try {
      const sub = await pushBrowser().subscribe(key);
      await subscribe.mutateAsync(sub);
      setEndpoint(sub.endpoint);
      void utils.push.devices.invalidate();
      return 'on';
    } catch (failure) {
      if (failure instanceof PushDeniedError) return 'denied';
      setError(failure);
      return 'failed';
    } finally {
      setSupport(pushBrowser().support());
      setBusy(false);
    }
  }, [status.data?.publicKey, subscribe, utils]);

  /** Stops push on this browser, at the push service and on the server. */
  const disable = useCallback(async () => {
    setBusy(true);
    setError(null);
    try {
      const gone = await pushBrowser().unsubscribe();
      if (gone) {
        // Already forgotten by the server (signed out elsewhere, pruned): nothing left to stop.
        await unsubscribe.mutateAsync({ endpoint: gone }).catch((failure: unknown) => {
          if (errorInfo(failure).code !== 'NOT_FOUND') throw failure;
        });
      }
      setEndpoint(null);
      void utils.push.devices.invalidate();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }, [unsubscribe, utils]);

  return { state, busy, error, endpoint: endpoint ?? null, enable, disable };
}

/** What went wrong, for people: the browser's push service, or the server's answer. */
export function pushErrorMessage(t: (key: string) => string, error: unknown, serverMessage: (error: unknown) => string): string {
  return error instanceof PushServiceError ? t('notifications.push.browserFailed') : serverMessage(error);
}
