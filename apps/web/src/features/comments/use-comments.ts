import type { CommentDto, CommentPageDto, ThreadCommentDto } from '@veza/api';
import type { InfiniteData } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import { commentRefusal } from './comment-format.ts';

/** The thread's query input (the API's page size); the replies' likewise. */
export const threadInput = (trackId: string) => ({ trackId });
export const repliesInput = (commentId: string) => ({ commentId });

type Thread = InfiniteData<CommentPageDto, string | null>;
/** A change to one comment: the new version, or null to drop it. */
type Change = (c: CommentDto) => CommentDto | null;

function changeOne(t: ThreadCommentDto, change: Change): ThreadCommentDto | null {
  const self = change(t);
  if (!self) return null;
  return { ...t, ...self, replies: t.replies.flatMap((r) => change(r) ?? []) };
}

/** The thread with `change` applied to every comment and reply it holds, the pinned one included. */
function changeAll(data: Thread | undefined, change: Change): Thread | undefined {
  if (!data) return data;
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.flatMap((t) => changeOne(t, change) ?? []),
      pinned: page.pinned ? changeOne(page.pinned, change) : null,
    })),
  };
}

/** The thread's comments, newest first, each once (the pinned one apart), from the loaded pages. */
export function threadComments(data: { pages: CommentPageDto[] } | undefined): { pinned: ThreadCommentDto | null; items: ThreadCommentDto[] } {
  const pinned = data?.pages[0]?.pinned ?? null;
  const seen = new Set(pinned ? [pinned.id] : []);
  const items: ThreadCommentDto[] = [];
  for (const page of data?.pages ?? []) {
    for (const item of page.items) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      items.push(item);
    }
  }
  return { pinned, items };
}

/**
 * The cached thread of a track (comments.list, every loaded page) and a comment's loaded replies (comments.replies),
 * changed in place after each action, so the page never reloads the thread to show what the viewer just did.
 */
export function useCommentCache(trackId: string) {
  const utils = trpc.useUtils();
  const input = threadInput(trackId);
  const changeThread = (mutate: (data: Thread) => Thread) => utils.comments.list.setInfiniteData(input, (data) => (data ? mutate(data) : data));
  return {
    /** Applies `change` to the comment `id` wherever it shows (the thread, the pinned one, its thread's loaded replies). */
    change(id: string, parentId: string | null, change: Change) {
      const only: Change = (c) => (c.id === id ? change(c) : c);
      changeThread((data) => changeAll(data, only)!);
      if (parentId) {
        utils.comments.replies.setInfiniteData(repliesInput(parentId), (data) =>
          data ? { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.flatMap((r) => only(r) ?? []) })) } : data,
        );
      }
    },
    /** Applies `change` to the top-level comment `id` with its shown replies (in the list and as the pinned one). */
    changeTop(id: string, change: (t: ThreadCommentDto) => ThreadCommentDto) {
      const only = (t: ThreadCommentDto) => (t.id === id ? change(t) : t);
      changeThread((data) => ({ ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.map(only), pinned: p.pinned ? only(p.pinned) : null })) }));
    },
    /** The thread with `mutate` applied to its pages (first page first). */
    pages(mutate: (pages: CommentPageDto[]) => CommentPageDto[]) {
      changeThread((data) => ({ ...data, pages: mutate(data.pages) }));
    },
    total: () => utils.comments.list.getInfiniteData(input)?.pages[0]?.total,
    setTotal(total: number) {
      changeThread((data) => ({ ...data, pages: data.pages.map((p) => ({ ...p, total })) }));
      utils.tracks.byId.setData({ id: trackId }, (track) => (track ? { ...track, commentCount: total } : track));
    },
    snapshot: () => utils.comments.list.getInfiniteData(input),
    restore: (snapshot: Thread | undefined) => utils.comments.list.setInfiniteData(input, snapshot),
    invalidateReplies: (parentId: string) => utils.comments.replies.invalidate(repliesInput(parentId)),
    invalidateTimeline: () => utils.comments.timeline.invalidate({ trackId }),
  };
}

/** Adds to a count or takes from it, never below 0. */
const step = (n: number, by: number) => Math.max(0, n + by);

/**
 * What the viewer does to the thread: comment, reply, edit, delete, like and pin, each reflected in the cached thread
 * once the API agrees (likes at once, put back if the API refuses). Errors of one-click actions show as toasts in the
 * reader's language; the composers show theirs themselves (`mutateAsync` rejects).
 */
export function useCommentActions(trackId: string) {
  const { t, i18n } = useTranslation();
  const cache = useCommentCache(trackId);
  // The thread of each comment acted on (a reply's parent), for the answers, which carry only the id.
  const parents = useRef(new Map<string, string | null>());
  const parentOf = (id: string) => parents.current.get(id) ?? null;
  const toastError = (id: string, error: unknown, title: string) =>
    pushToast({ id, title, description: commentRefusal(error, t, i18n.resolvedLanguage), tone: 'error' });

  const create = trpc.comments.create.useMutation({
    onSuccess: (comment) => {
      const { parentId } = comment;
      if (parentId) {
        cache.changeTop(parentId, (c) => ({ ...c, replyCount: c.replyCount + 1, replies: [...c.replies, comment] }));
        void cache.invalidateReplies(parentId);
      } else {
        cache.pages(([first, ...rest]) => (first ? [{ ...first, items: [{ ...comment, replies: [] }, ...first.items] }, ...rest] : []));
        void cache.invalidateTimeline();
      }
      const total = cache.total();
      if (total !== undefined) cache.setTotal(total + 1);
    },
  });

  const edit = trpc.comments.edit.useMutation({
    onSuccess: (comment) => {
      cache.change(comment.id, comment.parentId, (c) => ({ ...c, body: comment.body, mentions: comment.mentions, editedAt: comment.editedAt }));
      if (!comment.parentId) void cache.invalidateTimeline();
    },
  });

  const remove = trpc.comments.delete.useMutation({
    onSuccess: ({ total }, { id }) => {
      const parentId = parentOf(id);
      cache.change(id, parentId, () => null);
      if (parentId) cache.changeTop(parentId, (c) => ({ ...c, replyCount: step(c.replyCount, -1) }));
      cache.setTotal(total);
      pushToast({ id: `comment-deleted-${id}`, title: t('comments.delete.deleted'), tone: 'success' });
      if (!parentId) void cache.invalidateTimeline();
    },
  });

  const likeOptions = (liked: boolean) => ({
    onMutate: ({ id }: { id: string }) => {
      const snapshot = cache.snapshot();
      cache.change(id, parentOf(id), (c) => (c.likedByMe === liked ? c : { ...c, likedByMe: liked, likeCount: step(c.likeCount, liked ? 1 : -1) }));
      return { snapshot };
    },
    onError: (error: unknown, { id }: { id: string }, context: { snapshot: Thread | undefined } | undefined) => {
      if (context) cache.restore(context.snapshot);
      const parentId = parentOf(id);
      // A reply shown from comments.replies: put back as the API has it.
      if (parentId) void cache.invalidateReplies(parentId);
      toastError(`comment-like-error-${id}`, error, t('comments.likeError'));
    },
    onSuccess: (result: { liked: boolean; likeCount: number }, { id }: { id: string }) => {
      cache.change(id, parentOf(id), (c) => ({ ...c, likedByMe: result.liked, likeCount: result.likeCount }));
    },
  });
  const like = trpc.comments.like.useMutation(likeOptions(true));
  const unlike = trpc.comments.unlike.useMutation(likeOptions(false));

  const pin = trpc.comments.pin.useMutation({
    onSuccess: ({ pinnedCommentId }) => {
      cache.pages((pages) => {
        const all = pages.flatMap((p) => [...(p.pinned ? [p.pinned] : []), ...p.items]);
        const chosen = pinnedCommentId ? all.find((c) => c.id === pinnedCommentId) : undefined;
        const mark = (c: ThreadCommentDto) => ({ ...c, pinned: c.id === pinnedCommentId });
        return pages.map((p, i) => ({ ...p, items: p.items.map(mark), pinned: i === 0 && chosen ? mark(chosen) : null }));
      });
      pushToast({ id: `comment-pin-${pinnedCommentId ?? 'none'}`, title: t(pinnedCommentId ? 'comments.pin.pinned' : 'comments.pin.unpinned'), tone: 'success' });
    },
    onError: (error) => toastError('comment-pin-error', error, t('comments.pin.error')),
  });

  return {
    create,
    edit,
    /** Deletes (after the confirmation); rejects with the API's error for the dialog to show. */
    remove: (comment: CommentDto) => {
      parents.current.set(comment.id, comment.parentId);
      return remove.mutateAsync({ id: comment.id });
    },
    removing: remove.isPending,
    pin: (commentId: string | null) => pin.mutate({ trackId, commentId }),
    /** Likes or unlikes; ignored while the previous answer is awaited. */
    toggleLike(comment: CommentDto) {
      const busy = (m: typeof like) => m.isPending && m.variables?.id === comment.id;
      if (busy(like) || busy(unlike)) return;
      parents.current.set(comment.id, comment.parentId);
      (comment.likedByMe ? unlike : like).mutate({ id: comment.id });
    },
  };
}
