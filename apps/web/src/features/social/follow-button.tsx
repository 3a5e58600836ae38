import type { ProfileDto } from '@veza/api';
import { Button } from '@veza/ui';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { errorInfo, errorMessage } from '../../lib/errors.ts';
import { useSession } from '../../stores/session.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import { loginHref } from '../session/require-auth.tsx';
import { reasonOf } from '../step-up/use-step-up.ts';

export interface FollowButtonProps {
  profile: Pick<ProfileDto, 'username' | 'followedByMe'>;
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
 * Follow / Following on someone else's profile: a toggle button (`aria-pressed`), whose answer updates the profile's
 * counts in place. Signed-out visitors get a link to sign in that comes back here; nothing for myself, nor while the
 * session is still unknown.
 */
export function FollowButton({ profile, name, className }: FollowButtonProps) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const status = useSession((s) => s.status);
  const me = useSession((s) => s.user?.username);
  const utils = trpc.useUtils();
  const { username } = profile;
  const onSuccess = (r: { followedByMe: boolean; followsYou: boolean; followerCount: number; followingCount: number }) => {
    utils.users.byUsername.setData({ username }, (old) => (old ? { ...old, followedByMe: r.followedByMe, followsYou: r.followsYou, followerCount: r.followerCount, followingCount: r.followingCount } : old));
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
  return (
    <Button
      type="button"
      variant={following ? 'secondary' : 'primary'}
      size="sm"
      className={classes}
      aria-pressed={following}
      aria-label={t('social.follow.name', { name })}
      title={following ? t('social.follow.unfollowName', { name }) : undefined}
      loading={follow.isPending || unfollow.isPending}
      onClick={() => (following ? unfollow.mutate({ username }) : follow.mutate({ username }))}
    >
      {following ? t('social.follow.following') : t('social.follow.label')}
    </Button>
  );
}
