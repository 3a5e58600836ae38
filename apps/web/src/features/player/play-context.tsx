import type { TrackDto } from '@veza/api';
import type { LinkLikeProps } from '@veza/ui';
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { usePlayer, type PlayerTrack } from '../../stores/player.ts';
import { useQueue } from '../../stores/queue.ts';
import { trpc } from '../../trpc.ts';
import { toPlayerTrack } from '../tracks/track-model.ts';

/**
 * "Play context": the list a track page was opened from (a home or profile list), so that playing from the
 * track page queues that list and Next works. Lists are kept in memory under a key that travels in the
 * router state of the link; a reload or a direct visit has no key and falls back to the artist's tracks.
 */
const MAX_LISTS = 20;
const lists = new Map<string, PlayerTrack[]>();

export function rememberList(key: string, tracks: PlayerTrack[]) {
  lists.delete(key);
  lists.set(key, tracks);
  for (const oldest of lists.keys()) {
    if (lists.size <= MAX_LISTS) break;
    lists.delete(oldest);
  }
}

let listCount = 0;
/** A key for a list, unique for the life of the page (useId repeats across routes at the same tree position). */
export function useListKey(): string {
  const [key] = useState(() => `list-${(listCount += 1)}`);
  return key;
}

/** The router state a link into a track page carries. */
export interface PlayContextState {
  playContext: string;
}

/** The list remembered for a location's router state, if any. */
export function listFromState(state: unknown): PlayerTrack[] | null {
  if (typeof state !== 'object' || state === null) return null;
  const key = (state as Partial<PlayContextState>).playContext;
  return typeof key === 'string' ? (lists.get(key) ?? null) : null;
}

interface ListContextValue {
  key: string;
  tracks: readonly TrackDto[];
}

const ListContext = createContext<ListContextValue | null>(null);

/** Makes the links rendered inside (e.g. track cards) carry `tracks` as the play context of the page they open. */
export function PlayContextProvider({ contextKey, tracks, children }: { contextKey: string; tracks: readonly TrackDto[]; children: ReactNode }) {
  return <ListContext.Provider value={{ key: contextKey, tracks }}>{children}</ListContext.Provider>;
}

/** A react-router link for @veza/ui components that remembers the surrounding list when followed. */
export function PlayContextLink({ href: _href, to, ...rest }: LinkLikeProps) {
  const list = useContext(ListContext);
  if (!list) return <Link to={to} {...rest} />;
  const state: PlayContextState = { playContext: list.key };
  return <Link to={to} state={state} onClick={() => rememberList(list.key, list.tracks.filter(playable).map(toPlayerTrack))} {...rest} />;
}

/** A failed upload has nothing to play; tracks still processing play their original. */
const playable = (t: TrackDto) => t.status !== 'failed';

/** `list` with `track`'s fresh copy at its position, or `track` first when the list does not hold it. */
function around(list: readonly PlayerTrack[], track: PlayerTrack): { tracks: PlayerTrack[]; index: number } {
  const index = list.findIndex((t) => t.id === track.id);
  if (index < 0) return { tracks: [track, ...list], index: 0 };
  return { tracks: list.map((t, i) => (i === index ? track : t)), index };
}

/**
 * The track page's play button. The queue becomes the list the page was opened from or, without one, the
 * artist's tracks (the profile list's query, so it is shared with the profile page), with this track at its
 * position; a track already in the queue, opened from no list, plays where it is. When the artist's list has not
 * arrived by the time Play is pressed, the track starts alone and the list is queued around it as soon as it arrives.
 */
export function useTrackPagePlay(track: TrackDto) {
  const location = useLocation();
  const fromList = listFromState(location.state);
  const artist = trpc.tracks.list.useInfiniteQuery(
    { username: track.owner.username, limit: 20 },
    { getNextPageParam: (last) => last.nextCursor, enabled: fromList === null, staleTime: 60_000 },
  );
  const artistTracks = useMemo(
    () => (artist.data ? artist.data.pages.flatMap((p) => p.items).filter(playable).map(toPlayerTrack) : null),
    [artist.data],
  );
  const context = fromList ?? artistTracks;
  const waiting = useRef(false);

  useEffect(() => {
    if (!waiting.current || !context) return;
    waiting.current = false;
    const player = usePlayer.getState();
    const q = useQueue.getState();
    // Only if the listener has not moved on or built another queue meanwhile.
    if (player.track?.id === track.id && q.entries.length === 1) player.queueAround(around(context, player.track).tracks);
  }, [context, track.id]);

  /** Plays this track in its context (at `startAt` seconds when given); on the current track, toggles or seeks. */
  return (startAt?: number) => {
    const player = usePlayer.getState();
    const item = toPlayerTrack(track);
    if (player.track?.id === track.id) return startAt === undefined ? player.toggle() : player.seek(startAt);
    // Opened from no list and already queued (e.g. "Play next"): keep the listener's queue and jump to it.
    const queued = useQueue.getState().entries.some((e) => e.track.id === track.id);
    if (!fromList && queued) return player.play(item, startAt);
    if (!context) {
      waiting.current = true;
      return player.play(item, startAt);
    }
    const { tracks, index } = around(context, item);
    player.playList(tracks, index, startAt);
  };
}
