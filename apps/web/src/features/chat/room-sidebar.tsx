import { Avatar, Button, TextField, Select } from '@veza/ui';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import { GroupDmDialog } from './moderation/group-dm-dialog.tsx';
import { useTranslation } from 'react-i18next';
import { NavLink, useNavigate } from 'react-router';
import { errorMessage, serverFieldErrors } from '../../lib/errors.ts';
import { callSummaryText } from '../calls/call-summary-text.ts';
import { trpc } from '../../trpc.ts';
import { nameOf, type RoomDto } from './chat-store.ts';
import { InvitePreview } from './invite-preview.tsx';
import { RoomIcon } from './room-icon.tsx';
import { SearchPanel } from './search/search-panel.tsx';

export const roomTitle = (room: Pick<RoomDto, 'kind' | 'name' | 'peer'>, fallback: string) => (room.kind === 'dm' ? nameOf(room.peer, fallback) : (room.name ?? fallback));

/** An invite link (…/chat?invite=CODE or …/chat/invite/CODE) or the bare code. */
export function inviteCodeOf(input: string): string | null {
  const value = input.trim();
  if (/^[A-Za-z0-9_-]{43}$/.test(value)) return value;
  try {
    const url = new URL(value, 'http://x');
    // `…/chat?invite=CODE` or the API's invite path `…/chat/invite/CODE`.
    const code = url.searchParams.get('invite') ?? /^\/chat\/invite\/([^/]+)\/?$/.exec(url.pathname)?.[1] ?? null;
    return code && /^[A-Za-z0-9_-]{43}$/.test(code) ? code : null;
  } catch {
    return null;
  }
}

export interface RoomSidebarProps {
  rooms: RoomDto[];
  activeRoomId: string | null;
  /** Opens the invite dialog with this code (from an invite link). */
  inviteCode?: string | null;
  heading: ReactNode;
}

/** Rooms and direct messages with unread and mention badges, and the buttons to start or join a conversation. */
export function RoomSidebar({ rooms, activeRoomId, inviteCode, heading }: RoomSidebarProps) {
  const { t } = useTranslation();
  const activeRoom = rooms.find((r) => r.id === activeRoomId) ?? null;
  const [dialog, setDialog] = useState<'room' | 'dm' | 'group' | 'invite' | null>(inviteCode ? 'invite' : null);
  const [searching, setSearching] = useState(false);
  const groups = [
    { id: 'rooms', label: t('chat.sidebar.rooms'), items: rooms.filter((r) => r.kind !== 'dm') },
    { id: 'dms', label: t('chat.sidebar.dms'), items: rooms.filter((r) => r.kind === 'dm') },
  ];
  return (
    <aside className="vw-chat-sidebar" aria-label={t('chat.sidebar.label')}>
      <div className="vw-chat-sidebar__head">
        {heading}
        <div className="vw-chat-sidebar__actions">
          <Button type="button" size="sm" onClick={() => setDialog('room')}>{t('chat.sidebar.newRoom')}</Button>
          <Button type="button" size="sm" variant="secondary" onClick={() => setDialog('dm')}>{t('chat.sidebar.newDm')}</Button>
          <Button type="button" size="sm" variant="secondary" onClick={() => setDialog('group')}>{t('chat2.newGroup')}</Button>
          <Button type="button" size="sm" variant="ghost" onClick={() => setDialog('invite')}>{t('chat.sidebar.joinInvite')}</Button>
          <Button type="button" size="sm" variant="ghost" aria-expanded={searching} onClick={() => setSearching((s) => !s)}>{t('chat.search.open')}</Button>
        </div>
      </div>
      {searching && (
        <SearchPanel
          room={activeRoom ? { id: activeRoom.id, name: roomTitle(activeRoom, t('chat.room.unnamed')) } : null}
          onNavigate={() => setSearching(false)}
          onClose={() => setSearching(false)}
        />
      )}
      {!searching && groups.map((group) => (
        <nav key={group.id} className="vw-chat-sidebar__group" aria-label={group.label}>
          <h2 className="vw-chat-sidebar__title">{group.label}</h2>
          {group.items.length === 0 ? (
            <p className="vw-muted vw-chat-sidebar__none">{group.id === 'rooms' ? t('chat.sidebar.noRooms') : t('chat.sidebar.noDms')}</p>
          ) : (
            <ul className="vw-chat-sidebar__list">
              {group.items.map((room) => (
                <li key={room.id}>
                  <RoomLink room={room} active={room.id === activeRoomId} />
                </li>
              ))}
            </ul>
          )}
        </nav>
      ))}
      <NewRoomDialog open={dialog === 'room'} onClose={() => setDialog(null)} />
      <NewDmDialog open={dialog === 'dm'} onClose={() => setDialog(null)} />
      <GroupDmDialog open={dialog === 'group'} onClose={() => setDialog(null)} />
      <InviteDialog open={dialog === 'invite'} initialCode={inviteCode ?? ''} onClose={() => setDialog(null)} />
    </aside>
  );
}

function RoomLink({ room, active }: { room: RoomDto; active: boolean }) {
  const { t } = useTranslation();
  const title = roomTitle(room, t('chat.room.unnamed'));
  const unread = room.unreadCount;
  const mentions = room.mentionCount;
  const last = room.lastMessage;
  const body = last?.kind === 'call' ? callSummaryText(t, last.call, last.body) : last?.body;
  const preview = last ? (last.deletedAt ? t('chat.message.deleted') : `${nameOf(last.author, '')}: ${body}`) : t('chat.sidebar.noMessages');
  return (
    <NavLink to={`/chat/${room.id}`} className={`vw-chat-room-link${unread > 0 ? ' vw-chat-room-link--unread' : ''}`} aria-current={active ? 'page' : undefined}>
      {room.kind === 'dm' ? <Avatar name={title} size="sm" decorative /> : <RoomIcon name={title} iconUrl={room.iconUrl} />}
      <span className="vw-chat-room-link__text">
        <span className="vw-chat-room-link__name">{title}</span>
        <span className="vw-chat-room-link__preview">{preview}</span>
      </span>
      {mentions > 0 && (
        <span className="vw-chat-badge vw-chat-badge--mention" aria-label={t('chat.sidebar.mentions', { count: mentions })}>@{mentions}</span>
      )}
      {unread > 0 && (
        <span className="vw-chat-badge" aria-label={t('chat.sidebar.unread', { count: unread })}>{unread > 99 ? '99+' : unread}</span>
      )}
    </NavLink>
  );
}

/** The sidebar's dialogs are the app's modal dialog (components/modal-dialog.tsx), closed with Escape unless busy. */
function DialogFrame({ open, title, onClose, children, busy }: { open: boolean; title: string; onClose: () => void; children: ReactNode; busy: boolean }) {
  return <ModalDialog open={open} title={title} onClose={onClose} busy={busy}>{children}</ModalDialog>;
}

function NewRoomDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const create = trpc.chat.rooms.create.useMutation({
    onSuccess: async (room) => {
      await utils.chat.rooms.list.invalidate();
      onClose();
      void navigate(`/chat/${room.id}`);
    },
  });
  const [name, setName] = useState('');
  const [topic, setTopic] = useState('');
  const [visibility, setVisibility] = useState<'public' | 'private'>('public');
  const fields = create.error ? serverFieldErrors(create.error) : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, visibility, ...(topic.trim() ? { topic } : {}) });
  };
  return (
    <DialogFrame open={open} title={t('chat.newRoom.title')} onClose={onClose} busy={create.isPending}>
      <form onSubmit={submit} className="vw-form" noValidate>
        <TextField label={t('chat.newRoom.name')} value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} error={fields.name} data-autofocus />
        <TextField label={t('chat.newRoom.topic')} value={topic} onChange={(e) => setTopic(e.target.value)} maxLength={300} error={fields.topic} />
        <Select
          label={t('chat.newRoom.visibility')}
          value={visibility}
          onChange={(e) => setVisibility(e.target.value === 'private' ? 'private' : 'public')}
          options={[
            { value: 'public', label: t('chat.newRoom.public') },
            { value: 'private', label: t('chat.newRoom.private') },
          ]}
        />
        {create.error && !fields.name && !fields.topic && <p className="vw-inline-error" role="alert">{errorMessage(create.error)}</p>}
        <div className="vw-form-actions vw-form-actions--end">
          <Button type="button" variant="secondary" onClick={onClose} disabled={create.isPending}>{t('chat.dialog.cancel')}</Button>
          <Button type="submit" loading={create.isPending} disabled={!name.trim()}>{t('chat.newRoom.submit')}</Button>
        </div>
      </form>
    </DialogFrame>
  );
}

function NewDmDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const openDm = trpc.chat.dms.open.useMutation({
    onSuccess: async ({ roomId }) => {
      await utils.chat.rooms.list.invalidate();
      onClose();
      void navigate(`/chat/${roomId}`);
    },
  });
  const [username, setUsername] = useState('');
  const fields = openDm.error ? serverFieldErrors(openDm.error) : {};
  return (
    <DialogFrame open={open} title={t('chat.newDm.title')} onClose={onClose} busy={openDm.isPending}>
      <form
        className="vw-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          openDm.mutate({ username: username.trim().replace(/^@/, '').toLowerCase() });
        }}
      >
        <TextField label={t('chat.newDm.username')} value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" autoCapitalize="none" required error={fields.username ?? (openDm.error ? errorMessage(openDm.error) : undefined)} data-autofocus />
        <div className="vw-form-actions vw-form-actions--end">
          <Button type="button" variant="secondary" onClick={onClose} disabled={openDm.isPending}>{t('chat.dialog.cancel')}</Button>
          <Button type="submit" loading={openDm.isPending} disabled={!username.trim()}>{t('chat.newDm.submit')}</Button>
        </div>
      </form>
    </DialogFrame>
  );
}

function InviteDialog({ open, initialCode, onClose }: { open: boolean; initialCode: string; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const accept = trpc.chat.invites.accept.useMutation({
    onSuccess: async ({ roomId }) => {
      await utils.chat.rooms.list.invalidate();
      onClose();
      void navigate(`/chat/${roomId}`);
    },
  });
  const [value, setValue] = useState(initialCode);
  const [invalid, setInvalid] = useState(false);
  const code = inviteCodeOf(value);
  return (
    <DialogFrame open={open} title={t('chat.invite.title')} onClose={onClose} busy={accept.isPending}>
      <form
        className="vw-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setInvalid(!code);
          if (code) accept.mutate({ code });
        }}
      >
        {code && <InvitePreview code={code} />}
        <TextField
          label={t('chat.invite.link')}
          hint={t('chat.invite.hint')}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          autoComplete="off"
          error={invalid ? t('chat.invite.invalid') : accept.error ? errorMessage(accept.error) : undefined}
          data-autofocus
        />
        <div className="vw-form-actions vw-form-actions--end">
          <Button type="button" variant="secondary" onClick={onClose} disabled={accept.isPending}>{t('chat.dialog.cancel')}</Button>
          <Button type="submit" loading={accept.isPending} disabled={!value.trim()}>{t('chat.invite.submit')}</Button>
        </div>
      </form>
    </DialogFrame>
  );
}
