import { LoadingState } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.ts';
import { trpc } from '../../trpc.ts';
import { RoomIcon } from './room-icon.tsx';

/** What an invite leads to, before accepting it: the room's icon (or initials), name, topic and size. */
export function InvitePreview({ code }: { code: string }) {
  const { t } = useTranslation();
  const preview = trpc.chat.invites.preview.useQuery({ code }, { retry: false, staleTime: 60_000 });
  if (preview.isPending) return <LoadingState label={t('chat.inviteRoom.loading')} />;
  if (preview.isError) return <p className="vw-inline-error" role="alert">{errorMessage(preview.error)}</p>;
  const room = preview.data;
  const name = room.name ?? t('chat.room.unnamed');
  return (
    <div className="vw-invite-preview" aria-label={t('chat.inviteRoom.label', { name })} role="group">
      <RoomIcon name={name} iconUrl={room.iconUrl} size="lg" />
      <div>
        <p className="vw-invite-preview__name">{name}</p>
        {room.topic && <p className="vw-muted">{room.topic}</p>}
        <p className="vw-muted">
          {t(room.visibility === 'private' ? 'chat.inviteRoom.private' : 'chat.inviteRoom.public')} · {t('chat.inviteRoom.members', { count: room.memberCount })}
          {room.member ? ` · ${t('chat.inviteRoom.alreadyIn')}` : ''}
        </p>
      </div>
    </div>
  );
}
