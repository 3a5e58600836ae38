import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { trpc } from '../../trpc.ts';

/**
 * Counts the player's plays (play-counting.ts). Mounted once, with the player (PlayerHost); the counter's code comes
 * in a chunk of its own, right after the first load.
 */
export function usePlayCounting() {
  const utils = trpc.useUtils();
  const queryClient = useQueryClient();
  useEffect(() => {
    let stop: (() => void) | null = null;
    let cancelled = false;
    import('./play-counting.ts')
      .then(({ startPlayCounting }) => {
        if (!cancelled) stop = startPlayCounting(utils.client, queryClient);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [utils, queryClient]);
}
