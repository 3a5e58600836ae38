import type { TrackDto } from '@veza/api';
import { LikeButton } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { localeOf } from '../../i18n.ts';
import { useSession } from '../../stores/session.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import { loginHref } from '../session/require-auth.tsx';

interface Snapshot {
  previous: TrackDto | undefined;
}

/**
 * Like / unlike with an optimistic update of the cached track: the heart and count change at once,
 * the server's answer then sets the real count, and an error puts the previous state back.
 */
export function useToggleLike(trackId: string) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const key = { id: trackId };

  const options = (liked: boolean) => ({
    onMutate: async (): Promise<Snapshot> => {
      await utils.tracks.byId.cancel(key);
      const previous = utils.tracks.byId.getData(key);
      if (previous && previous.likedByMe !== liked) {
        utils.tracks.byId.setData(key, { ...previous, likedByMe: liked, likeCount: Math.max(0, previous.likeCount + (liked ? 1 : -1)) });
      }
      return { previous };
    },
    onError: (_error: unknown, _input: unknown, snapshot: Snapshot | undefined) => {
      if (snapshot?.previous) utils.tracks.byId.setData(key, snapshot.previous);
      pushToast({ id: `like-error-${trackId}`, title: t('track.likeError'), tone: 'error' });
    },
    onSuccess: (result: { liked: boolean; likeCount: number }) => {
      utils.tracks.byId.setData(key, (old) => (old ? { ...old, likedByMe: result.liked, likeCount: result.likeCount } : old));
    },
    onSettled: () => {
      void utils.tracks.list.invalidate();
      // A profile's Likes tab (mine among them) follows.
      void utils.social.likes.invalidate();
    },
  });

  const like = trpc.tracks.like.useMutation(options(true));
  const unlike = trpc.tracks.unlike.useMutation(options(false));
  return {
    toggle: (currentlyLiked: boolean) => (currentlyLiked ? unlike : like).mutate(key),
    pending: like.isPending || unlike.isPending,
  };
}

/** The like button of the track page and the player dock (same query cache). Signed-out visitors are sent to log in first. */
export function LikeControl({ track, size }: { track: TrackDto; size?: 'sm' | 'md' }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const status = useSession((s) => s.status);
  const { toggle, pending } = useToggleLike(track.id);

  return (
    <LikeButton
      liked={track.likedByMe}
      count={track.likeCount}
      likeLabel={t('track.like')}
      unlikeLabel={t('track.unlike')}
      locale={localeOf(i18n.resolvedLanguage ?? 'en')}
      size={size}
      onToggle={() => {
        if (status !== 'signed-in') return void navigate(loginHref(location.pathname));
        // Keep the button focusable while a request is in flight; ignore clicks until it settles.
        if (!pending) toggle(track.likedByMe);
      }}
    />
  );
}
