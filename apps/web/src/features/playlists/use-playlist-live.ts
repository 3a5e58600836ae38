import type { PlaylistChangeEvent } from '@veza/api';
import { useEffect, useRef, useState } from 'react';
import { isUnauthorized } from '../../lib/errors.ts';
import { refreshSession } from '../../lib/session-refresh.ts';
import { useSession } from '../../stores/session.ts';
import { trpc } from '../../trpc.ts';

type Listener = (event: PlaylistChangeEvent) => void;
const fed = new Set<Listener>();

/**
 * Mock mode (stories, tests, dev:mock): msw-trpc answers no subscriptions, so MockPlaylistFeed passes the mock back
 * end's changes in here, and they reach the open playlist as `playlists.onChange` events would.
 */
export function feedPlaylistChange(event: PlaylistChangeEvent) {
  for (const listener of fed) listener(event);
}

/** How long "Ana updated this playlist" stays. */
export const CUE_MS = 6000;

export interface PlaylistLive {
  /** The playlist was deleted while shown. */
  deleted: boolean;
  /** Someone else just changed it: their user id (the cue names them), until the cue goes. */
  changedBy: string | null;
}

/**
 * Live changes of a playlist (`playlists.onChange`): on each event newer than the version shown, `byId` is fetched
 * again; a deletion is reported. The subscription's first event is the current version: it refetches (quietly) only
 * when the playlist changed between loading and listening. A change by someone else raises a short cue.
 */
export function usePlaylistLive(id: string): PlaylistLive {
  const utils = trpc.useUtils();
  const me = useSession((s) => s.user?.id);
  const [deleted, setDeleted] = useState(false);
  const [changedBy, setChangedBy] = useState<{ userId: string; at: number } | null>(null);
  const first = useRef(true);

  const handle = useRef<(event: PlaylistChangeEvent, quiet: boolean) => void>(() => undefined);
  handle.current = (event, quiet) => {
    if (event.id !== id) return;
    if (event.change === 'deleted') {
      setDeleted(true);
      return;
    }
    const shown = utils.playlists.byId.getData({ id })?.version ?? 0;
    if (event.version <= shown) return;
    void utils.playlists.byId.invalidate({ id });
    if (!quiet && event.byUserId !== me) setChangedBy({ userId: event.byUserId, at: Date.now() });
  };

  useEffect(() => {
    const listener: Listener = (event) => handle.current(event, false);
    fed.add(listener);
    return () => void fed.delete(listener);
  }, []);

  useEffect(() => {
    setDeleted(false);
    setChangedBy(null);
  }, [id]);

  useEffect(() => {
    if (!changedBy) return;
    const timer = setTimeout(() => setChangedBy(null), CUE_MS);
    return () => clearTimeout(timer);
  }, [changedBy]);

  const subscription = trpc.playlists.onChange.useSubscription(
    { id },
    {
      onStarted: () => {
        first.current = true;
      },
      onData: ({ data }) => {
        const quiet = first.current;
        first.current = false;
        handle.current(data, quiet);
      },
      onError: (error) => {
        // The socket was opened with an expired access cookie: refresh, then subscribe again.
        if (isUnauthorized(error)) {
          void refreshSession().then((ok) => {
            if (ok) subscription.reset();
          });
        }
      },
    },
  );

  return { deleted, changedBy: changedBy?.userId ?? null };
}
