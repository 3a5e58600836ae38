import { Avatar, Button, EmptyState, ErrorState, LoadingState } from '@veza/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { MessageButton } from '../../features/chat/message-button.tsx';
import { ProfileMoreActions } from '../../features/chat/moderation/profile-actions.tsx';
import { ListeningTo, UserPresenceDot } from '../../features/presence/presence-dot.tsx';
import { FollowButton } from '../../features/social/follow-button.tsx';
import { displayNameOf } from '../../features/tracks/track-model.ts';
import { localeOf } from '../../i18n.ts';
import { errorInfo, errorMessage } from '../../lib/errors.ts';
import { useSession } from '../../stores/session.ts';
import { trpc } from '../../trpc.ts';
import { ProfileEditForm } from './profile-edit-form.tsx';
import { ProfileTracks } from './profile-tracks.tsx';

/** `/u/:username`. */
export function ProfilePage() {
  const { t, i18n } = useTranslation();
  const { username = '' } = useParams();
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
      <header className="vw-profile">
        <span className="vw-avatar-presence">
          <Avatar name={name} size="lg" decorative />
          {viewerId && <UserPresenceDot userId={profile.id} />}
        </span>
        <div className="vw-profile__text">
          <PageHeading title={name} />
          <p className="vw-muted">
            @{profile.username} · {t('common.tracks', { count: profile.trackCount })} · {t('profile.joined', { date: joined })}
          </p>
          <p className="vw-profile__counts">
            <Link to={`/u/${profile.username}/followers`}>{t('social.followers', { count: profile.followerCount })}</Link>
            <span aria-hidden="true"> · </span>
            <Link to={`/u/${profile.username}/following`}>{t('social.following', { count: profile.followingCount })}</Link>
            {profile.followsYou && <span className="vz-badge vw-profile__follows-you">{t('social.followsYou')}</span>}
          </p>
          {viewerId && <ListeningTo userId={profile.id} />}
          {!editing && <p className={profile.bio ? 'vw-profile__bio' : 'vw-muted'}>{profile.bio ?? t('profile.noBio')}</p>}
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
      {editing && <ProfileEditForm profile={profile} onDone={() => setEditing(false)} />}
      <ProfileTracks username={profile.username} name={name} isOwner={isOwner} />
    </div>
  );
}
