import { Button } from '@veza/ui';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/errors.ts';
import { trpc } from '../../../trpc.ts';
import { RoomIconField } from './room-icon-field.tsx';
import { durationLabel, isModerator, SLOW_MODES, type RoomDto } from './settings-options.ts';

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
      {room.kind !== 'dm' && <RoomIconField room={room} editable={editable} />}
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

