import './panels.css';
import type { RouterOutputs } from '@veza/api';
import { Avatar, Button, LoadingState, MenuButton, useModalDialog, type MenuButtonItem } from '@veza/ui';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { errorMessage } from '../../../lib/errors.ts';
import { useSession } from '../../../stores/session.ts';
import { trpc } from '../../../trpc.ts';
import { PresenceDot } from '../../presence/presence-dot.tsx';
import { usePresence } from '../../presence/use-presence.ts';

type RoomDto = RouterOutputs['chat']['rooms']['list'][number];
type MemberDto = RouterOutputs['chat']['members']['list']['items'][number];
type Role = RoomDto['role'];

/** Members shown per page in the settings. */
export const MEMBERS_PAGE = 50;
/** Slow-mode choices, in seconds (0: off). */
export const SLOW_MODES = [0, 5, 10, 30, 60, 300, 900, 3600] as const;
/** Mute lengths offered in a member's menu. */
export const MUTE_LENGTHS = [
  { id: '10m', seconds: 600 },
  { id: '1h', seconds: 3600 },
  { id: '1d', seconds: 86_400 },
] as const;
/** Invite lifetimes offered (seconds; null: never expires). */
export const INVITE_EXPIRIES = [null, 3600, 86_400, 7 * 86_400, 30 * 86_400] as const;

const isModerator = (role: Role) => role === 'owner' || role === 'moderator';

/** "30 seconds", "5 minutes", "1 hour", "7 days": the largest whole unit. */
export function durationLabel(t: (key: string, options: { count: number }) => string, seconds: number): string {
  if (seconds % 86_400 === 0) return t('chat2.duration.days', { count: seconds / 86_400 });
  if (seconds % 3600 === 0) return t('chat2.duration.hours', { count: seconds / 3600 });
  if (seconds % 60 === 0) return t('chat2.duration.minutes', { count: seconds / 60 });
  return t('chat2.duration.seconds', { count: seconds });
}
type Tab = 'overview' | 'members' | 'bans' | 'invites';

export interface RoomSettingsProps {
  room: RoomDto;
  open: boolean;
  onClose: () => void;
}

/** Room settings in a modal dialog: overview, members, bans and invites, each only as far as my role allows. */
export function RoomSettingsDialog({ room, open, onClose }: RoomSettingsProps) {
  const { t } = useTranslation();
  const ref = useModalDialog(open);
  const id = useId();
  return (
    <dialog
      ref={ref}
      className="vw-dialog vw-room-settings"
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <div className="vw-room-settings__head">
            <h2 id={`${id}-title`} className="vw-dialog__title">{t('chat2.settings.title', { room: room.name ?? '' })}</h2>
            <Button type="button" variant="ghost" size="sm" onClick={onClose}>{t('chat2.close')}</Button>
          </div>
          <RoomSettings room={room} />
        </>
      )}
    </dialog>
  );
}

/** The settings' tabs (usable outside the dialog, e.g. in a story). */
export function RoomSettings({ room }: { room: RoomDto }) {
  const { t } = useTranslation();
  const id = useId();
  const mod = room.kind === 'room' && isModerator(room.role);
  const tabs: Tab[] = mod ? ['overview', 'members', 'bans', 'invites'] : ['overview', 'members'];
  const [tab, setTab] = useState<Tab>('overview');
  const onKey = (event: React.KeyboardEvent) => {
    const at = tabs.indexOf(tab);
    const next = event.key === 'ArrowRight' ? tabs[(at + 1) % tabs.length] : event.key === 'ArrowLeft' ? tabs[(at - 1 + tabs.length) % tabs.length] : undefined;
    if (!next) return;
    event.preventDefault();
    setTab(next);
    document.getElementById(`${id}-tab-${next}`)?.focus();
  };
  return (
    <div className="vw-room-settings__body">
      <div role="tablist" aria-label={t('chat2.settings.sections')} className="vw-tabs" onKeyDown={onKey}>
        {tabs.map((name) => (
          <button
            key={name}
            id={`${id}-tab-${name}`}
            type="button"
            role="tab"
            className="vw-tab"
            aria-selected={tab === name}
            aria-controls={`${id}-panel`}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => setTab(name)}
          >
            {t(`chat2.settings.tab.${name}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${tab}`} className="vw-room-settings__panel">
        {tab === 'overview' && <OverviewPanel room={room} />}
        {tab === 'members' && <MembersPanel room={room} />}
        {tab === 'bans' && mod && <BansPanel roomId={room.id} />}
        {tab === 'invites' && mod && <InvitesPanel roomId={room.id} />}
      </div>
    </div>
  );
}

/** Name, topic and slow mode: editable by the owner and moderators, read-only for members. */
export function OverviewPanel({ room }: { room: RoomDto }) {
  const { t } = useTranslation();
  const id = useId();
  const utils = trpc.useUtils();
  const [name, setName] = useState(room.name ?? '');
  const [topic, setTopic] = useState(room.topic ?? '');
  const [slow, setSlow] = useState(room.slowModeSeconds);
  const [saved, setSaved] = useState(false);
  const update = trpc.chat.rooms.update.useMutation({
    onSuccess: () => {
      setSaved(true);
      void utils.chat.rooms.list.invalidate();
    },
  });
  // Groups have no roles (any member renames them, no slow mode); DMs have nothing to edit.
  const editable = room.kind === 'group' || (room.kind === 'room' && isModerator(room.role));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    update.mutate({ roomId: room.id, name: name.trim(), topic: topic.trim(), ...(room.kind === 'room' ? { slowModeSeconds: slow } : {}) });
  };
  const slowOptions: number[] = SLOW_MODES.includes(slow as (typeof SLOW_MODES)[number]) ? [...SLOW_MODES] : [...SLOW_MODES, slow].sort((a, b) => a - b);
  return (
    <form className="vw-form" onSubmit={submit}>
      <label htmlFor={`${id}-name`}>{t('chat2.settings.name')}</label>
      <input id={`${id}-name`} className="vz-input" value={name} maxLength={80} disabled={!editable} onChange={(e) => setName(e.target.value)} required />
      <label htmlFor={`${id}-topic`}>{t('chat2.settings.topic')}</label>
      <textarea id={`${id}-topic`} className="vz-input" value={topic} rows={2} disabled={!editable} onChange={(e) => setTopic(e.target.value)} />
      {room.kind === 'room' && (
        <>
          <label htmlFor={`${id}-slow`}>{t('chat2.settings.slowMode')}</label>
          <select id={`${id}-slow`} className="vz-input" value={slow} disabled={!editable} onChange={(e) => setSlow(Number(e.target.value))}>
            {slowOptions.map((s) => (
              <option key={s} value={s}>{s === 0 ? t('chat2.settings.slowOff') : durationLabel(t, s)}</option>
            ))}
          </select>
        </>
      )}
      {update.error && <p role="alert" className="vw-inline-error">{errorMessage(update.error)}</p>}
      {saved && <p role="status">{t('chat2.settings.saved')}</p>}
      {editable ? (
        <div className="vw-form-actions">
          <Button type="submit" loading={update.isPending}>{t('chat2.settings.save')}</Button>
        </div>
      ) : (
        <p className="vw-muted">{t('chat2.settings.readOnly')}</p>
      )}
    </form>
  );
}

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
  const ref = useModalDialog(props.name !== null);
  const id = useId();
  return (
    <dialog ref={ref} className="vw-dialog" aria-labelledby={`${id}-title`} onCancel={(e) => { e.preventDefault(); props.onCancel(); }}>
      {props.name !== null && (
        <form
          className="vw-form"
          onSubmit={(e) => {
            e.preventDefault();
            props.onConfirm();
          }}
        >
          <h2 id={`${id}-title`} className="vw-dialog__title">{t('chat2.members.banTitle', { name: props.name })}</h2>
          <label htmlFor={`${id}-reason`}>{t('chat2.members.banReason')}</label>
          <textarea id={`${id}-reason`} className="vz-input" maxLength={500} rows={3} value={props.reason} onChange={(e) => props.onReason(e.target.value)} />
          {props.error && <p role="alert" className="vw-inline-error">{props.error}</p>}
          <div className="vw-form-actions vw-form-actions--end">
            <Button type="button" variant="secondary" onClick={props.onCancel} disabled={props.pending}>{t('chat2.cancel')}</Button>
            <Button type="submit" variant="danger" loading={props.pending}>{t('chat2.members.ban')}</Button>
          </div>
        </form>
      )}
    </dialog>
  );
}

/** The room's bans, each with an Unban button. */
export function BansPanel({ roomId }: { roomId: string }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const bans = trpc.chat.members.bans.useQuery({ roomId });
  const unban = trpc.chat.members.unban.useMutation({ onSuccess: () => void utils.chat.members.bans.invalidate({ roomId }) });
  if (bans.isPending) return <LoadingState label={t('chat2.bans.loading')} />;
  if (bans.isError) return <p role="alert" className="vw-inline-error">{errorMessage(bans.error)}</p>;
  if (bans.data.length === 0) return <p className="vw-muted">{t('chat2.bans.empty')}</p>;
  return (
    <>
      {unban.error && <p role="alert" className="vw-inline-error">{errorMessage(unban.error)}</p>}
      <ul className="vw-settings-list">
        {bans.data.map((b) => (
          <li key={b.user.id} className="vw-settings-row">
            <span className="vw-settings-row__main">
              {b.user.displayName ?? b.user.username} <span className="vw-muted">@{b.user.username}</span>
              <br />
              <span className="vw-muted">
                {t('chat2.bans.when', { date: new Date(b.createdAt).toLocaleDateString() })}
                {b.reason ? ` · ${b.reason}` : ''}
              </span>
            </span>
            <Button
              type="button"
              size="sm"
              variant="secondary"
              loading={unban.isPending && unban.variables?.userId === b.user.id}
              onClick={() => unban.mutate({ roomId, userId: b.user.id })}
              aria-label={t('chat2.bans.unbanName', { name: b.user.username })}
            >
              {t('chat2.bans.unban')}
            </Button>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Creates invite links (the link is shown once, to copy), lists them and revokes them. */
export function InvitesPanel({ roomId }: { roomId: string }) {
  const { t } = useTranslation();
  const id = useId();
  const utils = trpc.useUtils();
  const [expiry, setExpiry] = useState<string>('86400');
  const [maxUses, setMaxUses] = useState('');
  const [copied, setCopied] = useState(false);
  const invites = trpc.chat.invites.list.useQuery({ roomId });
  const create = trpc.chat.invites.create.useMutation({ onSuccess: () => void utils.chat.invites.list.invalidate({ roomId }) });
  const revoke = trpc.chat.invites.revoke.useMutation({ onSuccess: () => void utils.chat.invites.list.invalidate({ roomId }) });
  const link = create.data ? new URL(create.data.path, window.location.origin).toString() : null;
  const uses = maxUses.trim() === '' ? undefined : Number(maxUses);
  const usesInvalid = uses !== undefined && (!Number.isInteger(uses) || uses < 1);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (usesInvalid) return;
    setCopied(false);
    create.mutate({ roomId, ...(expiry === 'never' ? {} : { expiresInSeconds: Number(expiry) }), ...(uses === undefined ? {} : { maxUses: uses }) });
  };
  const copy = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div>
      <form className="vw-form" onSubmit={submit}>
        <label htmlFor={`${id}-expiry`}>{t('chat2.invites.expiry')}</label>
        <select id={`${id}-expiry`} className="vz-input" value={expiry} onChange={(e) => setExpiry(e.target.value)}>
          {INVITE_EXPIRIES.map((s) => (
            <option key={s ?? 'never'} value={s ?? 'never'}>{s === null ? t('chat2.invites.never') : durationLabel(t, s)}</option>
          ))}
        </select>
        <label htmlFor={`${id}-uses`}>{t('chat2.invites.maxUses')}</label>
        <input id={`${id}-uses`} className="vz-input" inputMode="numeric" value={maxUses} placeholder={t('chat2.invites.unlimited')} onChange={(e) => setMaxUses(e.target.value)} aria-invalid={usesInvalid} aria-describedby={usesInvalid ? `${id}-uses-error` : undefined} />
        {usesInvalid && <p id={`${id}-uses-error`} className="vw-inline-error">{t('chat2.invites.usesInvalid')}</p>}
        {create.error && <p role="alert" className="vw-inline-error">{errorMessage(create.error)}</p>}
        <div className="vw-form-actions">
          <Button type="submit" loading={create.isPending}>{t('chat2.invites.create')}</Button>
        </div>
      </form>
      {link && (
        <div className="vw-invite-link" role="status">
          <p>{t('chat2.invites.once')}</p>
          <input className="vz-input" readOnly value={link} aria-label={t('chat2.invites.link')} onFocus={(e) => e.currentTarget.select()} />
          <Button type="button" size="sm" variant="secondary" onClick={() => void copy()}>{copied ? t('chat2.invites.copied') : t('chat2.invites.copy')}</Button>
        </div>
      )}
      <h3>{t('chat2.invites.listTitle')}</h3>
      {invites.isPending ? (
        <LoadingState label={t('chat2.invites.loading')} />
      ) : invites.isError ? (
        <p role="alert" className="vw-inline-error">{errorMessage(invites.error)}</p>
      ) : invites.data.length === 0 ? (
        <p className="vw-muted">{t('chat2.invites.empty')}</p>
      ) : (
        <>
          {revoke.error && <p role="alert" className="vw-inline-error">{errorMessage(revoke.error)}</p>}
          <ul className="vw-settings-list">
            {invites.data.map((inv) => (
              <li key={inv.id} className="vw-settings-row">
                <span className="vw-settings-row__main">
                  {t('chat2.invites.summary', { uses: inv.uses, max: inv.maxUses ?? '∞' })}
                  <br />
                  <span className="vw-muted">
                    {inv.revokedAt ? t('chat2.invites.revoked') : !inv.active ? t('chat2.invites.inactive') : inv.expiresAt ? t('chat2.invites.expires', { date: new Date(inv.expiresAt).toLocaleString() }) : t('chat2.invites.never')}
                  </span>
                </span>
                {inv.active && (
                  <Button type="button" size="sm" variant="secondary" loading={revoke.isPending && revoke.variables?.inviteId === inv.id} onClick={() => revoke.mutate({ inviteId: inv.id })}>
                    {t('chat2.invites.revoke')}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
