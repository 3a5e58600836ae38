import { useEffect, useState, type ComponentType } from 'react';
import { useSession } from '../stores/session.ts';

/** When the first attempt to fetch the calls layer fails (offline, a deploy in between), how long until the next. */
export const CALL_LAYER_RETRY_MS = 15_000;

type Layer = ComponentType<Record<string, never>>;
type LoadLayer = () => Promise<{ CallLayer: Layer }>;

const loadCallLayer: LoadLayer = () => import('../features/calls/call-layer.tsx');

/** Runs `run` once the browser is idle after the first render (at most ~2 s later), or on the next task without requestIdleCallback. */
function whenIdle(run: () => void): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(run, { timeout: 2_000 });
    return () => window.cancelIdleCallback(id);
  }
  const timer = setTimeout(run, 0);
  return () => clearTimeout(timer);
}

/**
 * Mounts the calls layer (<CallLayer />: incoming-call ringing, the call bar, the remote audio) without putting it in
 * the first load: its code (WebRTC engine, controller, ringtone, dialogs) is fetched once someone is signed in and the
 * browser is idle after the first paint, so an incoming call rings a moment after sign-in, not only after a click.
 * Once loaded it stays mounted: signing out is handled by the layer itself (it hangs up and stops listening).
 */
export function CallLayerLoader({ load = loadCallLayer }: { load?: LoadLayer }) {
  const signedIn = useSession((s) => s.status === 'signed-in');
  const [Layer, setLayer] = useState<Layer | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!signedIn || Layer) return;
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const cancelIdle = whenIdle(() => {
      load().then(
        (module) => {
          if (!cancelled) setLayer(() => module.CallLayer);
        },
        () => {
          if (!cancelled) retry = setTimeout(() => setAttempt((n) => n + 1), CALL_LAYER_RETRY_MS);
        },
      );
    });
    return () => {
      cancelled = true;
      cancelIdle();
      clearTimeout(retry);
    };
  }, [signedIn, Layer, attempt, load]);

  return Layer ? <Layer /> : null;
}
