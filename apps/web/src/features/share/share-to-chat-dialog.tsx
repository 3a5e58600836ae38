import type { RouterOutputs, TrackDto } from '@veza/api';
import { Button, LoadingState } from '@veza/ui';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useSession } from '../../stores/session.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';

type Room = RouterOutputs['chat']['rooms']['list'][number];

/** A conversation's name as the chat shows it: the room's, the other person's for a DM, the members' for a group. */
export function conversationName(room: Room, me: string | undefined, fallback: string): string {
  const person = (u: { displayName: string | null; username: string }) => u.displayName || u.username;
  if (room.kind === 'dm') return room.peer ? person(room.peer) : fallback;
  if (room.name) return room.name;
  const others = (room.members ?? []).filter((m) => m.id !== me).map(person);
  return others.length ? others.join(', ') : fallback;
}

const clientMessageId = () => `share-${crypto.randomUUID()}`;

/** The form inside: mounted with the dialog, so each opening starts afresh. */
function ShareToChatForm({ track, onClose, describedBy }: { track: TrackDto; onClose: () => void; describedBy: string }) {
  const { t } = useTranslation();
  const id = useId();
  const me = useSession((s) => s.user?.id);
  const rooms = trpc.chat.rooms.list.useQuery(undefined, { staleTime: 30_000 });
  const [query, setQuery] = useState('');
  const [roomId, setRoomId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const [sendId] = useState(clientMessageId);
  const named = useMemo(() => (rooms.data ?? []).map((room) => ({ room, name: conversationName(room, me, t('share.chat.unnamed')) })), [rooms.data, me, t]);
  const shown = named.filter(({ name }) => name.toLocaleLowerCase().includes(query.trim().toLocaleLowerCase()));
  const chosen = named.find(({ room }) => room.id === roomId);
  const send = trpc.chat.messages.send.useMutation({
    onSuccess: () => {
      onClose();
      pushToast({ id: `share-chat-${track.id}`, title: t('share.chat.sent', { name: chosen?.name ?? '' }), tone: 'success' });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!roomId) return setMissing(true);
    if (!send.isPending) send.mutate({ roomId, body: note.trim(), clientMessageId: sendId, attachments: [{ kind: 'track', trackId: track.id }] });
  };

  return (
    <form onSubmit={submit} noValidate className="vw-share-chat">
      <p id={describedBy} className="vw-muted">{t('share.chat.text')}</p>
      {rooms.isPending ? (
        <LoadingState label={t('share.chat.loading')} />
      ) : rooms.isError ? (
        <div role="alert" className="vw-share__problem">
          <p className="vw-inline-error">{t('share.chat.error')} {errorMessage(rooms.error)}</p>
          <Button type="button" size="sm" variant="secondary" onClick={() => void rooms.refetch()}>{t('share.chat.retry')}</Button>
        </div>
      ) : named.length === 0 ? (
        <p className="vw-muted">{t('share.chat.empty')}</p>
      ) : (
        <>
          <div className="vz-field">
            <label className="vz-field__label" htmlFor={`${id}-search`}>{t('share.chat.search')}</label>
            <input id={`${id}-search`} className="vz-input" type="search" value={query} onChange={(e) => setQuery(e.target.value)} data-autofocus />
          </div>
          <fieldset className="vw-share-chat__rooms" aria-describedby={missing ? `${id}-missing` : undefined}>
            <legend className="vz-sr-only">{t('share.chat.conversations')}</legend>
            {shown.length === 0 ? (
              <p className="vw-muted">{t('share.chat.noMatch', { query: query.trim() })}</p>
            ) : (
              shown.map(({ room, name }) => (
                <label key={room.id} className={`vw-share-chat__room${room.id === roomId ? ' vw-share-chat__room--on' : ''}`}>
                  <input
                    type="radio"
                    name={`${id}-room`}
                    value={room.id}
                    checked={room.id === roomId}
                    onChange={() => {
                      setRoomId(room.id);
                      setMissing(false);
                    }}
                  />
                  <span>{room.kind === 'dm' ? t('share.chat.dm', { name }) : room.kind === 'room' ? `#${name}` : name}</span>
                </label>
              ))
            )}
          </fieldset>
          {missing && <p id={`${id}-missing`} role="alert" className="vw-inline-error">{t('share.chat.pickFirst')}</p>}
          <div className="vz-field">
            <label className="vz-field__label" htmlFor={`${id}-note`}>{t('share.chat.note')}</label>
            <textarea id={`${id}-note`} className="vz-input" rows={2} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
        </>
      )}
      {send.isError && <p role="alert" className="vw-inline-error">{errorMessage(send.error)}</p>}
      <div className="vw-form-actions vw-form-actions--end">
        <Button type="button" variant="secondary" onClick={onClose} disabled={send.isPending}>{t('common.cancel')}</Button>
        <Button type="submit" loading={send.isPending} disabled={!rooms.data || named.length === 0}>{t('share.chat.send')}</Button>
      </div>
    </form>
  );
}

/** "Share to chat…": pick one of my conversations (rooms, DMs, groups) and send the track there as a card, with a note. */
export function ShareToChatDialog({ track, open, onClose }: { track: TrackDto; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <ModalDialog open={open} title={t('share.chat.title', { title: track.title })} onClose={onClose} describedBy className="vw-share-dialog">
      {({ describedBy }) => <ShareToChatForm track={track} onClose={onClose} describedBy={describedBy} />}
    </ModalDialog>
  );
}
