import '../../features/listen/listen.css';
import { listenSessionIdSchema } from '@veza/validators';
import { EmptyState, ErrorState, LoadingState } from '@veza/ui';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { JoinScreen } from '../../features/listen/join-screen.tsx';
import { useListenLive } from '../../features/listen/listen-live.ts';
import { NowPlaying } from '../../features/listen/now-playing.tsx';
import { SessionActions, SessionChat, SessionMembers, SessionNotice, SessionQueue } from '../../features/listen/session-panels.tsx';
import { displayNameOf } from '../../features/tracks/track-model.ts';
import { errorMessage, isNotFound } from '../../lib/errors.ts';
import { useListenSession } from '../../stores/listen.ts';
import { trpc } from '../../trpc.ts';

/**
 * `/listen/:id`, a listening session (issue 11): the join screen for a link holder; for a member, what plays (with the
 * host's controls or the listener's own pause), the shared queue, who is in it, the session's chat, Copy link, Leave
 * and (host) End. The session itself runs in the shell (features/listen/listen-driver.tsx), so it keeps playing on
 * other screens; this screen enters it when the viewer is a member.
 */
export function ListenPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const valid = listenSessionIdSchema.safeParse(id).success;
  const session = trpc.listen.byId.useQuery({ id }, { enabled: valid, staleTime: 30_000 });
  const data = session.data;
  const active = useListenSession((s) => s.activeId === id);
  const notice = useListenLive((s) => s.notice);
  const member = data?.joined === true && !data.ended;

  // A member (the host after "Listen together", a reload, back from another screen) follows the session here.
  useEffect(() => {
    if (member && !active) useListenSession.getState().enter(id);
  }, [member, active, id]);

  const title = data ? t('listen.with', { name: displayNameOf(data.host) }) : t('listen.title');
  let body;
  if (!valid || (session.isError && isNotFound(session.error))) {
    body = <ErrorState title={t('listen.notFound')} message={t('listen.notFoundBody')} />;
  } else if (session.isError) {
    body = <ErrorState title={t('listen.loadError')} message={errorMessage(session.error)} onRetry={() => void session.refetch()} retryLabel={t('listen.retry')} />;
  } else if (!data) {
    body = <LoadingState label={t('listen.loading')} />;
  } else if (data.ended) {
    body = (
      <EmptyState
        title={t('listen.ended')}
        description={t('listen.endedBody')}
        action={<Link className="vz-button vz-button--secondary" to="/">{t('listen.home')}</Link>}
      />
    );
  } else if (!data.joined) {
    body = <JoinScreen session={data} />;
  } else {
    body = (
      <div className="vw-listen__grid">
        <div className="vw-listen__main">
          <NowPlaying session={data} />
          <SessionQueue session={data} />
        </div>
        <div className="vw-listen__side">
          <SessionMembers session={data} />
          {data.roomId && <SessionChat roomId={data.roomId} />}
        </div>
      </div>
    );
  }

  return (
    <div className="vw-listen">
      <div className="vw-listen__head">
        <PageHeading title={title} />
        {member && data && <SessionActions session={data} />}
      </div>
      <SessionNotice notice={notice} />
      {body}
    </div>
  );
}
