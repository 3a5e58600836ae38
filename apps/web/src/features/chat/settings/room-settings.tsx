import './panels.css';
import { Button } from '@veza/ui';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../../../components/modal-dialog.tsx';
import { BansPanel } from './bans-panel.tsx';
import { InvitesPanel } from './invites-panel.tsx';
import { MembersPanel } from './members-panel.tsx';
import { OverviewPanel } from './overview-panel.tsx';
import { isModerator, type RoomDto } from './settings-options.ts';

type Tab = 'overview' | 'members' | 'bans' | 'invites';

export interface RoomSettingsProps {
  room: RoomDto;
  open: boolean;
  onClose: () => void;
}

/** Room settings in a modal dialog: overview, members, bans and invites, each only as far as my role allows. */
export function RoomSettingsDialog({ room, open, onClose }: RoomSettingsProps) {
  const { t } = useTranslation();
  return (
    <ModalDialog
      open={open}
      title={t('chat2.settings.title', { room: room.name ?? '' })}
      onClose={onClose}
      className="vw-room-settings"
      headExtra={<Button type="button" variant="ghost" size="sm" onClick={onClose}>{t('chat2.close')}</Button>}
    >
      <RoomSettings room={room} />
    </ModalDialog>
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

