import type { ProfileDto, RelationshipDto } from '@veza/api';
import { Button } from '@veza/ui';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { errorInfo, errorMessage } from '../../lib/errors.ts';
import { useSession } from '../../stores/session.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import { loginHref } from '../session/require-auth.tsx';
import { reasonOf } from '../step-up/use-step-up.ts';

export interface FollowButtonProps {
  /** `requested` and `isPrivate` when known (a profile); a list's people have neither, the button then remembers its own answer. */
  profile: Pick<ProfileDto, 'username' | 'followedByMe'> & Partial<Pick<ProfileDto, 'requested' | 'isPrivate'>>;
  /** Their display name (or username), for the accessible name: "Follow Ana Lima". */
  name: string;
  className?: string;
}

/** Why social.follow refused, in the current language (English shows the API's words). */
function refusalMessage(error: unknown, username: string, t: TFunction, language: string | undefined): string {
  const { code, message } = errorInfo(error);
  const reason = reasonOf(error);
  const key = reason === 'blocked_by_me' ? 'blockedByMe' : reason === 'blocked' ? 'blockedByThem' : reason === 'too_many_follows' ? 'tooMany' : code === 'NOT_FOUND' ? 'unknown' : null;
  if (!key) return errorMessage(error);
  return language === 'en' && message ? message : t(`social.follow.refused.${key}`, { username });
}

/**
 * Follow / Requested / Following on someone else's profile: a toggle button (`aria-pressed`), whose answer updates the
 * profile in place (counts, and for a private profile whether I asked and whether I now see its tracks). On a private
 * profile Follow asks; "Requested" (pressed) withdraws the request. Signed-out visitors get a link to sign in that comes
 * back here; nothing for myself, nor while the session is still unknown.
 */
export function FollowButton({ profile, name, className }: FollowButtonProps) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const status = useSession((s) => s.status);
  const me = useSession((s) => s.user?.username);
  const utils = trpc.useUtils();
  const { username } = profile;
  const [answer, setAnswer] = useState<RelationshipDto | null>(null);
  const onSuccess = (r: RelationshipDto) => {
    setAnswer(r);
    const before = utils.users.byUsername.getData({ username });
    utils.users.byUsername.setData({ username }, (old) =>
      old
        ? {
            ...old,
            isPrivate: r.isPrivate,
            followedByMe: r.followedByMe,
            requested: r.requested,
            followsYou: r.followsYou,
            requestsYou: r.requestsYou,
            locked: r.locked,
            followerCount: r.followerCount,
            followingCount: r.followingCount,
          }
        : old,
    );
    // Their tracks show (or hide) now: the profile's list loads afresh.
    if (before && before.locked !== r.locked) void utils.tracks.list.invalidate({ username });
    // Lists showing this person (whoever's followers or following they are in) refetch with the new state.
    void utils.social.invalidate();
  };
  const onError = (error: unknown) => pushToast({ id: `follow-refused-${username}`, title: refusalMessage(error, username, t, i18n.resolvedLanguage), tone: 'error' });
  const follow = trpc.social.follow.useMutation({ onSuccess, onError });
  const unfollow = trpc.social.unfollow.useMutation({ onSuccess, onError });

  const classes = ['vw-follow-button', className].filter(Boolean).join(' ');
  if (status === 'unknown' || me === username) return null;
  if (status === 'signed-out') {
    return (
      <Link className={`vz-button vz-button--primary vz-button--sm ${classes}`} to={loginHref(`${location.pathname}${location.search}`)} aria-label={t('social.follow.name', { name })}>
        {t('social.follow.label')}
      </Link>
    );
  }
  const following = profile.followedByMe;
  // A list's people carry no `requested`: this button's own answer says whether it asked.
  const requested = !following && (profile.requested ?? (answer?.user.username === username && answer.requested));
  const isPrivate = profile.isPrivate ?? answer?.isPrivate ?? false;
  const pressed = following || requested;
  const title = following ? t('social.follow.unfollowName', { name }) : requested ? t('social.follow.cancelRequestName', { name }) : isPrivate ? t('social.follow.askName', { name }) : undefined;
  return (
    <Button
      type="button"
      variant={pressed ? 'secondary' : 'primary'}
      size="sm"
      className={classes}
      aria-pressed={pressed}
      aria-label={t('social.follow.name', { name })}
      title={title}
      loading={follow.isPending || unfollow.isPending}
      onClick={() => (pressed ? unfollow.mutate({ username }) : follow.mutate({ username }))}
    >
      {following ? t('social.follow.following') : requested ? t('social.follow.requested') : t('social.follow.label')}
    </Button>
  );
}
