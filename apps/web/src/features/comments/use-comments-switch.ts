import type { TrackDto } from '@veza/api';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import { threadInput } from './use-comments.ts';

/**
 * The track owner's switch for comments (tracks.update `commentsEnabled`): off, nobody can comment and the thread stays
 * readable; the track and its thread follow at once.
 */
export function useCommentsSwitch(track: Pick<TrackDto, 'id' | 'title' | 'commentsEnabled'>) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const update = trpc.tracks.update.useMutation({
    onSuccess: (updated) => {
      utils.tracks.byId.setData({ id: track.id }, (old) => (old ? { ...old, commentsEnabled: updated.commentsEnabled } : old));
      utils.comments.list.setInfiniteData(threadInput(track.id), (data) =>
        data ? { ...data, pages: data.pages.map((p) => ({ ...p, commentsEnabled: updated.commentsEnabled })) } : data,
      );
      void utils.comments.list.invalidate(threadInput(track.id));
      pushToast({
        id: `comments-switch-${track.id}`,
        title: t(updated.commentsEnabled ? 'comments.switch.turnedOn' : 'comments.switch.turnedOff', { title: track.title }),
        tone: 'success',
      });
    },
    onError: (error) => pushToast({ id: `comments-switch-error-${track.id}`, title: t('comments.switch.error'), description: errorMessage(error), tone: 'error' }),
  });
  return {
    /** "Turn comments off" or "Turn comments on", as the track stands. */
    label: t(track.commentsEnabled ? 'comments.switch.turnOff' : 'comments.switch.turnOn'),
    toggle: () => update.mutate({ id: track.id, commentsEnabled: !track.commentsEnabled }),
    pending: update.isPending,
  };
}
