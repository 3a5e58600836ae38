import '../../features/chat/chat.css';
import { EmptyState, ErrorState, LoadingState } from '@veza/ui';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { ChatRoom } from '../../features/chat/chat-room.tsx';
import { useLiveRoomList } from '../../features/chat/inbox/use-inbox.ts';
import { RoomSidebar } from '../../features/chat/room-sidebar.tsx';
import { errorMessage } from '../../lib/errors.ts';

/**
 * `/chat` and `/chat/:roomId`: rooms and DMs on the left, the conversation on the right. On phones they are two
 * screens: the list at /chat, the conversation (with a back link) at /chat/:roomId. An invite link
 * (`/chat/invite/:code` or `/chat?invite=CODE`) opens the invite dialog, which shows the room before joining.
 * The room list is live (chat.onInbox, features/chat/inbox/use-inbox.ts), read again every minute as a fallback.
 */
export function ChatPage() {
  const { t } = useTranslation();
  const { roomId = null, code = null } = useParams();
  const [params] = useSearchParams();
  const rooms = useLiveRoomList();
  const room = roomId ? rooms.data?.find((r) => r.id === roomId) : undefined;

  const heading = <PageHeading title={t('chat.title')} className="vw-chat-sidebar__heading" />;
  let sidebar;
  if (rooms.isPending) sidebar = <aside className="vw-chat-sidebar">{heading}<LoadingState label={t('chat.sidebar.loading')} /></aside>;
  else if (rooms.isError)
    sidebar = (
      <aside className="vw-chat-sidebar">
        {heading}
        <ErrorState title={t('chat.sidebar.loadError')} message={errorMessage(rooms.error)} onRetry={() => void rooms.refetch()} retryLabel={t('chat.room.retry')} />
      </aside>
    );
  else sidebar = <RoomSidebar rooms={rooms.data} activeRoomId={roomId} inviteCode={code ?? params.get('invite')} heading={heading} />;

  return (
    <div className={`vw-chat${roomId ? ' vw-chat--room' : ''}`}>
      {sidebar}
      <div className="vw-chat__main">
        {roomId ? (
          <ChatRoom key={roomId} roomId={roomId} room={room} roomsLoaded={rooms.isSuccess} />
        ) : (
          <EmptyState title={t('chat.empty.title')} description={t('chat.empty.body')} />
        )}
      </div>
    </div>
  );
}
