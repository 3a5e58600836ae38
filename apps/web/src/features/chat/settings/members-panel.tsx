import { Avatar, Button, LoadingState, MenuButton, type MenuButtonItem } from '@veza/ui';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { ModalDialog } from '../../../components/modal-dialog.tsx';
import { errorMessage } from '../../../lib/errors.ts';
import { useSession } from '../../../stores/session.ts';
import { trpc } from '../../../trpc.ts';
import { PresenceDot } from '../../presence/presence-dot.tsx';
import { usePresence } from '../../presence/use-presence.ts';
import { isModerator, MEMBERS_PAGE, MUTE_LENGTHS, type MemberDto, type RoomDto } from './settings-options.ts';

type Pending =
  | { kind: 'kick' | 'transfer'; member: MemberDto }
  | { kind: 'ban'; member: MemberDto }
  | null;

/** Members, a page at a time, with role badges, presence dots and the actions my role allows. */
export function MembersPanel({ room }: { room: RoomDto }) {
  const { t } = useTranslation();
  const me = useSession((s) => s.user);
  const utils = trpc.useUtils();
  const [offset, setOffset] = useState(0);
  const list = trpc.chat.members.list.useQuery({ roomId: room.id, offset, limit: MEMBERS_PAGE });
  const presence = usePresence((list.data?.items ?? []).map((m) => m.user.id));
  const [pending, setPending] = useState<Pending>(null);
  const [reason, setReason] = useState('');
  const [actionError, setActionError] = useState<string | null>(null);
  const done = () => {
    setPending(null);
    setReason('');
    setActionError(null);
    void utils.chat.members.list.invalidate({ roomId: room.id });
    void utils.chat.members.bans.invalidate({ roomId: room.id });
    void utils.chat.rooms.list.invalidate();
  };
  const fail = (error: unknown) => setActionError(errorMessage(error));
  const setRole = trpc.chat.members.setRole.useMutation({ onSuccess: done, onError: fail });
  const kick = trpc.chat.members.kick.useMutation({ onSuccess: done, onError: fail });
  const ban = trpc.chat.members.ban.useMutation({ onSuccess: done, onError: fail });
  const mute = trpc.chat.members.mute.useMutation({ onSuccess: done, onError: fail });
  const unmute = trpc.chat.members.unmute.useMutation({ onSuccess: done, onError: fail });
  const busy = setRole.isPending || kick.isPending || ban.isPending;

  const actionsFor = (m: MemberDto): MenuButtonItem[] => {
    if (m.user.id === me?.id || m.role === 'owner' || !isModerator(room.role)) return [];
    // Moderators act on members only; the owner on everyone but themself.
    if (room.role === 'moderator' && m.role !== 'member') return [];
    const items: MenuButtonItem[] = [];
    const target = { roomId: room.id, userId: m.user.id };
    if (room.role === 'owner') {
      if (m.role === 'member') items.push({ id: 'mod', label: t('chat2.members.makeModerator'), onSelect: () => setRole.mutate({ ...target, role: 'moderator' }) });
      else items.push({ id: 'member', label: t('chat2.members.makeMember'), onSelect: () => setRole.mutate({ ...target, role: 'member' }) });
      items.push({ id: 'transfer', label: t('chat2.members.transfer'), onSelect: () => setPending({ kind: 'transfer', member: m }) });
    }
    if (m.mutedUntil) items.push({ id: 'unmute', label: t('chat2.members.unmute'), onSelect: () => unmute.mutate(target) });
    for (const length of MUTE_LENGTHS)
      items.push({ id: `mute-${length.id}`, label: t(`chat2.members.mute.${length.id}`), onSelect: () => mute.mutate({ ...target, untilSeconds: length.seconds }) });
    items.push({ id: 'kick', label: t('chat2.members.kick'), onSelect: () => setPending({ kind: 'kick', member: m }) });
    items.push({ id: 'ban', label: t('chat2.members.ban'), onSelect: () => setPending({ kind: 'ban', member: m }) });
    return items;
  };

  if (list.isPending) return <LoadingState label={t('chat2.members.loading')} />;
  if (list.isError) return <p role="alert" className="vw-inline-error">{errorMessage(list.error)}</p>;
  const nameOfMember = (m: MemberDto) => m.user.displayName ?? m.user.username;
  return (
    <div>
      {actionError && !pending && <p role="alert" className="vw-inline-error">{actionError}</p>}
      <p className="vw-muted">{t('chat2.members.count', { count: list.data.total })}</p>
      <ul className="vw-settings-list">
        {list.data.items.map((m) => {
          const items = actionsFor(m);
          return (
            <li key={m.user.id} className="vw-settings-row">
              <span className="vw-chat-member__avatar">
                <Avatar name={nameOfMember(m)} size="sm" decorative />
                <PresenceDot status={presence.get(m.user.id)?.status} />
              </span>
              <span className="vw-settings-row__main">
                {nameOfMember(m)} <span className="vw-muted">@{m.user.username}</span>
                {m.mutedUntil && <span className="vw-muted"> · {t('chat2.members.mutedUntil', { time: new Date(m.mutedUntil).toLocaleString() })}</span>}
              </span>
              {m.role !== 'member' && <span className={`vw-role-badge vw-role-badge--${m.role}`}>{t(`chat2.role.${m.role}`)}</span>}
              {items.length > 0 && <MenuButton label={t('chat2.members.actions', { name: nameOfMember(m) })} items={items} />}
            </li>
          );
        })}
      </ul>
      <div className="vw-form-actions">
        {offset > 0 && <Button type="button" variant="secondary" size="sm" onClick={() => setOffset(Math.max(0, offset - MEMBERS_PAGE))}>{t('chat2.previous')}</Button>}
        {list.data.nextOffset !== null && <Button type="button" variant="secondary" size="sm" onClick={() => setOffset(list.data.nextOffset ?? 0)}>{t('chat2.next')}</Button>}
      </div>
      <ConfirmDialog
        open={pending?.kind === 'kick' || pending?.kind === 'transfer'}
        title={pending?.kind === 'transfer' ? t('chat2.members.transferTitle') : t('chat2.members.kickTitle')}
        body={pending ? t(pending.kind === 'transfer' ? 'chat2.members.transferBody' : 'chat2.members.kickBody', { name: nameOfMember(pending.member) }) : ''}
        confirmLabel={pending?.kind === 'transfer' ? t('chat2.members.transfer') : t('chat2.members.kick')}
        cancelLabel={t('chat2.cancel')}
        pending={busy}
        error={actionError}
        onConfirm={() => {
          if (!pending) return;
          const target = { roomId: room.id, userId: pending.member.user.id };
          if (pending.kind === 'kick') kick.mutate(target);
          else setRole.mutate({ ...target, role: 'owner' });
        }}
        onCancel={() => {
          setPending(null);
          setActionError(null);
        }}
      />
      <BanDialog
        name={pending?.kind === 'ban' ? nameOfMember(pending.member) : null}
        reason={reason}
        onReason={setReason}
        pending={ban.isPending}
        error={actionError}
        onConfirm={() => pending && ban.mutate({ roomId: room.id, userId: pending.member.user.id, ...(reason.trim() ? { reason: reason.trim() } : {}) })}
        onCancel={() => {
          setPending(null);
          setReason('');
          setActionError(null);
        }}
      />
    </div>
  );
}

function BanDialog(props: { name: string | null; reason: string; onReason: (r: string) => void; pending: boolean; error: string | null; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <ModalDialog open={props.name !== null} title={t('chat2.members.banTitle', { name: props.name ?? '' })} onClose={props.onCancel}>
        <form
          className="vw-form"
          onSubmit={(e) => {
            e.preventDefault();
            props.onConfirm();
          }}
        >
          <label htmlFor={`${id}-reason`}>{t('chat2.members.banReason')}</label>
          <textarea id={`${id}-reason`} className="vz-input" maxLength={500} rows={3} value={props.reason} onChange={(e) => props.onReason(e.target.value)} />
          {props.error && <p role="alert" className="vw-inline-error">{props.error}</p>}
          <div className="vw-form-actions vw-form-actions--end">
            <Button type="button" variant="secondary" onClick={props.onCancel} disabled={props.pending}>{t('chat2.cancel')}</Button>
            <Button type="submit" variant="danger" loading={props.pending}>{t('chat2.members.ban')}</Button>
          </div>
        </form>
    </ModalDialog>
  );
}

