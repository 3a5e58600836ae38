import type { PlaylistDetailDto, PlaylistMarkDto } from '@veza/api';
import { useTranslation } from 'react-i18next';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import { playlistRefusal } from './playlist-model.ts';

/** The cached playlist, its edits applied at once and undone on a refusal (`byId`'s cache is what the page shows). */
function usePlaylistCache(id: string) {
  const utils = trpc.useUtils();
  const key = { id };
  return {
    get: () => utils.playlists.byId.getData(key),
    set: (change: (p: PlaylistDetailDto) => PlaylistDetailDto) => utils.playlists.byId.setData(key, (p) => (p ? change(p) : p)),
    restore: (p: PlaylistDetailDto | undefined) => p && utils.playlists.byId.setData(key, p),
    cancel: () => utils.playlists.byId.cancel(key),
    /** The server's version after my edit: the live event of my own change then asks for nothing more. */
    seen: (version: number) => utils.playlists.byId.setData(key, (p) => (p && p.version < version ? { ...p, version } : p)),
  };
}

/**
 * Reordering: the list takes the new order at once, then `moveTrack` puts the track right after its new previous
 * neighbour (null: first); a refusal puts the previous order back with a toast saying why.
 */
export function useMoveTrack(id: string) {
  const { t } = useTranslation();
  const cache = usePlaylistCache(id);
  const move = trpc.playlists.moveTrack.useMutation();
  return (trackId: string, newOrder: string[]) => {
    const at = newOrder.indexOf(trackId);
    if (at < 0) return;
    const afterTrackId = newOrder[at - 1] ?? null;
    void cache.cancel();
    const previous = cache.get();
    cache.set((p) => {
      const byId = new Map(p.items.map((item) => [item.track.id, item]));
      return { ...p, items: newOrder.flatMap((tid) => (byId.has(tid) ? [byId.get(tid)!] : [])) };
    });
    move.mutate(
      { id, trackId, afterTrackId },
      {
        onSuccess: (result) => cache.seen(result.version),
        onError: (error) => {
          cache.restore(previous);
          pushToast({ id: `playlist-move-${id}`, title: t('playlists.tracks.moveError'), description: playlistRefusal(error, t), tone: 'error' });
        },
      },
    );
  };
}

/** Takes a track out at once; a refusal puts it back with a toast. */
export function useRemoveTrack(id: string) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const cache = usePlaylistCache(id);
  const remove = trpc.playlists.removeTrack.useMutation();
  return (trackId: string, title: string) => {
    void cache.cancel();
    const previous = cache.get();
    cache.set((p) => {
      const items = p.items.filter((item) => item.track.id !== trackId);
      const gone = p.items.find((item) => item.track.id === trackId);
      return { ...p, items, trackCount: items.length, durationMs: Math.max(0, p.durationMs - (gone?.track.durationMs ?? 0)) };
    });
    remove.mutate(
      { id, trackId },
      {
        onSuccess: (result) => {
          cache.seen(result.version);
          pushToast({ id: `playlist-removed-${id}-${trackId}`, title: t('playlists.tracks.removed', { title }), tone: 'success' });
          void utils.playlists.editable.invalidate();
        },
        onError: (error) => {
          cache.restore(previous);
          pushToast({ id: `playlist-remove-${id}`, title: t('playlists.tracks.removeError', { title }), description: playlistRefusal(error, t), tone: 'error' });
        },
      },
    );
  };
}

/** Like / repost of a playlist: the button and count change at once, the answer sets the real counts, a refusal undoes. */
export function usePlaylistMarks(playlist: PlaylistDetailDto) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const cache = usePlaylistCache(playlist.id);
  const settle = (result: PlaylistMarkDto) => {
    cache.set((p) => ({ ...p, ...result, id: p.id }));
    void utils.playlists.ofUser.invalidate();
  };
  const options = (kind: 'like' | 'repost', on: boolean) => ({
    onMutate: () => {
      const previous = cache.get();
      cache.set((p) =>
        kind === 'like'
          ? { ...p, likedByMe: on, likeCount: Math.max(0, p.likeCount + (on ? 1 : -1)) }
          : { ...p, repostedByMe: on, repostCount: Math.max(0, p.repostCount + (on ? 1 : -1)) },
      );
      return { previous };
    },
    onError: (error: unknown, _input: unknown, snapshot: { previous: PlaylistDetailDto | undefined } | undefined) => {
      cache.restore(snapshot?.previous);
      pushToast({ id: `playlist-${kind}-${playlist.id}`, title: t(kind === 'like' ? 'playlists.marks.likeError' : 'playlists.marks.repostError'), description: playlistRefusal(error, t), tone: 'error' });
    },
    onSuccess: settle,
  });
  const like = trpc.playlists.like.useMutation(options('like', true));
  const unlike = trpc.playlists.unlike.useMutation(options('like', false));
  const repost = trpc.playlists.repost.useMutation(options('repost', true));
  const unrepost = trpc.playlists.unrepost.useMutation(options('repost', false));
  const input = { id: playlist.id };
  return {
    likePending: like.isPending || unlike.isPending,
    repostPending: repost.isPending || unrepost.isPending,
    toggleLike: () => (playlist.likedByMe ? unlike : like).mutate(input),
    toggleRepost: () => (playlist.repostedByMe ? unrepost : repost).mutate(input),
  };
}
