import type { RelationshipDto } from '@veza/api';
import { useTranslation } from 'react-i18next';
import { errorInfo, errorMessage } from '../../lib/errors.ts';
import { useSession } from '../../stores/session.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import { reasonOf } from '../step-up/use-step-up.ts';
import { displayNameOf } from '../tracks/track-model.ts';

/** How many follow requests the requests page loads at a time (its query input: the answers below update that list). */
export const REQUESTS_PAGE_SIZE = 20;

/**
 * Approve or decline someone's request to follow me. The answer updates their profile where it is loaded, my own
 * profile (its count of requests, its followers) and the list of requests, which the person leaves at once; a toast
 * says what happened, since the buttons pressed go away with the request.
 */
export function useAnswerRequest(onAnswered?: () => void) {
  const { t, i18n } = useTranslation();
  const utils = trpc.useUtils();
  const me = useSession((s) => s.user?.username);

  const refresh = (username: string) => {
    void utils.social.requests.invalidate();
    void utils.social.followers.invalidate();
    if (me) void utils.users.byUsername.invalidate({ username: me });
    void utils.users.byUsername.invalidate({ username });
  };

  const settle = (r: RelationshipDto, approved: boolean) => {
    const { username } = r.user;
    utils.users.byUsername.setData({ username }, (old) =>
      old ? { ...old, followsYou: r.followsYou, requestsYou: r.requestsYou, followedByMe: r.followedByMe, requested: r.requested, followerCount: r.followerCount, followingCount: r.followingCount } : old,
    );
    utils.social.requests.setInfiniteData({ limit: REQUESTS_PAGE_SIZE }, (data) =>
      data
        ? {
            ...data,
            pages: data.pages.map((page) => {
              const items = page.items.filter((item) => item.user.username !== username);
              return { ...page, items, total: Math.max(0, page.total - (page.items.length - items.length)) };
            }),
          }
        : data,
    );
    refresh(username);
    const name = displayNameOf(r.user);
    pushToast({ id: `follow-request-${username}`, title: approved ? t('social.requests.approved', { name }) : t('social.requests.declined', { name }), tone: approved ? 'success' : 'info' });
    onAnswered?.();
  };

  const onError = (error: unknown, { username }: { username: string }) => {
    // Withdrawn, or answered in another tab: say so, and show the requests as they are now.
    const gone = reasonOf(error) === 'no_request';
    const { message } = errorInfo(error);
    const title = gone ? (i18n.resolvedLanguage === 'en' && message ? message : t('social.requests.noRequest', { username })) : errorMessage(error);
    pushToast({ id: `follow-request-${username}`, title, tone: 'error' });
    if (gone) refresh(username);
  };

  const approve = trpc.social.approveRequest.useMutation({ onSuccess: (r) => settle(r, true), onError });
  const decline = trpc.social.declineRequest.useMutation({ onSuccess: (r) => settle(r, false), onError });
  return { approve, decline, busy: approve.isPending || decline.isPending };
}
