import type { ListeningSessionDto } from '@veza/api';
import { Avatar, Button, Card, CoverArt } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { useListenSession } from '../../stores/listen.ts';
import { trpc } from '../../trpc.ts';
import { displayNameOf } from '../tracks/track-model.ts';
import { listenErrorMessage } from './listen-model.ts';

/** What a link holder sees before joining: who hosts, what plays, how many listen, and "Join". */
export function JoinScreen({ session }: { session: ListeningSessionDto }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const join = trpc.listen.join.useMutation({
    onSuccess: (next) => {
      utils.listen.byId.setData({ id: next.id }, next);
      // The click is the user gesture the browser wants before it plays: the driver starts the track right away.
      useListenSession.getState().enter(next.id);
    },
  });
  const host = displayNameOf(session.host);
  return (
    <Card className="vw-listen-join">
      <Avatar name={host} size="lg" decorative />
      <h2 className="vw-listen-join__title">{t('listen.invite', { name: host })}</h2>
      <p className="vw-muted">{t('listen.inviteBody')}</p>
      {session.track ? (
        <div className="vw-listen-join__track">
          <div className="vw-listen-queue__cover"><CoverArt seed={session.track.id} src={session.track.coverUrl} /></div>
          <div className="vw-listen-queue__text">
            <span>{session.track.title}</span>
            <span className="vw-muted">{displayNameOf(session.track.owner)}</span>
          </div>
        </div>
      ) : (
        <p className="vw-muted">{t('listen.nothing')}</p>
      )}
      <p className="vw-muted">{t('listen.people', { count: session.members.length })}</p>
      {join.isError && <p role="alert" className="vw-inline-error">{listenErrorMessage(join.error, t)}</p>}
      <Button type="button" loading={join.isPending} onClick={() => join.mutate({ id: session.id })}>{t('listen.join')}</Button>
    </Card>
  );
}
