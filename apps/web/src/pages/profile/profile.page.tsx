import type { ProfileDto } from '@veza/api';
import { Avatar, Badge, Button, EmptyState, ErrorState, LoadingState, LockIcon, Notice } from '@veza/ui';
import { imageAtSize } from '@veza/validators';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { MessageButton } from '../../features/chat/message-button.tsx';
import { ProfileMoreActions } from '../../features/chat/moderation/profile-actions.tsx';
import { ListeningTo, UserPresenceDot } from '../../features/presence/presence-dot.tsx';
import { ProfileBanner } from '../../features/profile/profile-banner.tsx';
import { ProfileLinks } from '../../features/profile/profile-links.tsx';
import { FollowButton } from '../../features/social/follow-button.tsx';
import { RequestAnswers } from '../../features/social/request-answers.tsx';
import { displayNameOf } from '../../features/tracks/track-model.ts';
import { localeOf } from '../../i18n.ts';
import { errorInfo, errorMessage } from '../../lib/errors.ts';
import { useSession } from '../../stores/session.ts';
import { trpc } from '../../trpc.ts';
import { ProfileEditForm } from './profile-edit-form.tsx';
import { profileTabOf, ProfileTabs } from './profile-tabs.tsx';

/**
 * Followers · following · tracks · likes: links to the lists and tabs, plain text when the profile is locked to me
 * (the lists would be refused).
 */
function FollowCounts({ profile }: { profile: ProfileDto }) {
  const { t } = useTranslation();
  const followers = t('social.followers', { count: profile.followerCount });
  const following = t('social.following', { count: profile.followingCount });
  const likes = t('common.likes', { count: profile.likeCount });
  return (
    <p className="vw-profile__counts">
      {profile.locked ? <span>{followers}</span> : <Link to={`/u/${profile.username}/followers`}>{followers}</Link>}
      <span aria-hidden="true"> · </span>
      {profile.locked ? <span>{following}</span> : <Link to={`/u/${profile.username}/following`}>{following}</Link>}
      <span aria-hidden="true"> · </span>
      <span>{t('common.tracks', { count: profile.trackCount })}</span>
      <span aria-hidden="true"> · </span>
      {profile.locked ? <span>{likes}</span> : <Link to={`/u/${profile.username}/likes`}>{likes}</Link>}
      {profile.followsYou && <span className="vz-badge vw-profile__follows-you">{t('social.followsYou')}</span>}
    </p>
  );
}

/** "@lea_m asks to follow you", with Approve and Decline, on the requester's profile. */
function RequestBanner({ profile, name }: { profile: ProfileDto; name: string }) {
  const { t } = useTranslation();
  const user = { id: profile.id, username: profile.username, displayName: profile.displayName };
  // The banner goes with the answer: the heading takes the focus its buttons had.
  const onAnswered = () => document.querySelector<HTMLElement>('h1')?.focus();
  return (
    <Notice className="vw-profile__request" title={t('social.requests.asksYou', { username: profile.username })} action={<RequestAnswers user={user} onAnswered={onAnswered} />}>
      {t('social.requests.asksYouText', { name })}
    </Notice>
  );
}

/** `/u/:username`, and its Reposts and Likes tabs (`/u/:username/reposts`, `/u/:username/likes`). */
export function ProfilePage() {
  const { t, i18n } = useTranslation();
  const { username = '' } = useParams();
  const tab = profileTabOf(useLocation().pathname);
  const viewerId = useSession((s) => s.user?.id);
  const [editing, setEditing] = useState(false);
  const query = trpc.users.byUsername.useQuery({ username: username.toLowerCase() });

  if (query.isPending) return <LoadingState label={t('profile.loading')} />;
  if (query.isError) {
    const missing = ['NOT_FOUND', 'BAD_REQUEST'].includes(errorInfo(query.error).code ?? '');
    return (
      <div className="vw-page">
        <PageHeading title={missing ? t('profile.notFoundTitle') : t('profile.errorTitle')} className="vz-sr-only" />
        {missing ? (
          <EmptyState
            titleAs="p"
            title={t('profile.notFoundTitle')}
            description={t('profile.notFoundDescription')}
            action={<Link className="vz-button vz-button--secondary" to="/">{t('common.goHome')}</Link>}
          />
        ) : (
          <ErrorState title={t('profile.errorTitle')} message={errorMessage(query.error)} onRetry={() => void query.refetch()} retryLabel={t('common.retry')} />
        )}
      </div>
    );
  }

  const profile = query.data;
  const name = displayNameOf(profile);
  const isOwner = viewerId === profile.id;
  const joined = new Intl.DateTimeFormat(localeOf(i18n.resolvedLanguage ?? 'en'), { dateStyle: 'long' }).format(new Date(profile.createdAt));

  return (
    <div className="vw-page">
      <div className="vw-profile-hero">
        <ProfileBanner url={profile.bannerUrl} name={name} />
        <header className="vw-profile">
          <span className="vw-avatar-presence">
            <Avatar name={name} size="xl" src={profile.avatarUrl ? imageAtSize(profile.avatarUrl, 256) : null} decorative />
            {viewerId && <UserPresenceDot userId={profile.id} />}
          </span>
          <div className="vw-profile__text">
            <div className="vw-profile__name">
              <PageHeading title={name} />
              {profile.isPrivate && (
                <Badge icon={<LockIcon />} className="vw-profile__private">
                  <span aria-hidden="true">{t('social.private.badge')}</span>
                  <span className="vz-sr-only">{t('social.private.badgeLabel')}</span>
                </Badge>
              )}
            </div>
            <p className="vw-muted">
              @{profile.username} · {t('common.tracks', { count: profile.trackCount })} · {t('profile.joined', { date: joined })}
            </p>
            {profile.location && (
              <p className="vw-muted vw-profile__location">
                <span className="vz-sr-only">{t('profile.locationLabel')}: </span>
                <svg viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="2">
                  <path d="M12 21s-7-6.2-7-11.5a7 7 0 0 1 14 0C19 14.8 12 21 12 21z" />
                  <circle cx="12" cy="9.5" r="2.5" />
                </svg>
                {profile.location}
              </p>
            )}
            <FollowCounts profile={profile} />
            {isOwner && profile.followRequestCount > 0 && (
              <p className="vw-profile__requests">
                <Link to="/follow-requests">{t('social.requests.link', { count: profile.followRequestCount })}</Link>
              </p>
            )}
            {viewerId && <ListeningTo userId={profile.id} />}
            {!editing && <p className={profile.bio ? 'vw-profile__bio' : 'vw-muted'}>{profile.bio ?? t('profile.noBio')}</p>}
            {!editing && <ProfileLinks links={profile.links} name={name} />}
          </div>
          {!isOwner && (
            <div className="vw-profile__actions">
              <FollowButton profile={profile} name={name} />
              <MessageButton username={profile.username} name={name} />
              {viewerId && <ProfileMoreActions username={profile.username} />}
            </div>
          )}
          {isOwner && !editing && (
            <Button variant="secondary" size="sm" onClick={() => setEditing(true)} className="vw-profile__edit">
              {t('profile.editProfile')}
            </Button>
          )}
        </header>
      </div>
      {profile.requestsYou && <RequestBanner profile={profile} name={name} />}
      {editing && <ProfileEditForm profile={profile} onDone={() => setEditing(false)} />}
      <ProfileTabs profile={profile} name={name} isOwner={isOwner} tab={tab} />
    </div>
  );
}
