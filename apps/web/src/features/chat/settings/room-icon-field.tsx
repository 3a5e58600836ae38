import { Button } from '@veza/ui';
import { CHAT_IMAGE_TYPES } from '@veza/validators';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/errors.ts';
import { trpc } from '../../../trpc.ts';
import { refusalOf } from '../attachments/attach-image.tsx';
import { RoomIcon } from '../room-icon.tsx';
import type { RoomDto } from './settings-options.ts';

/** Where a room's icon is uploaded (multipart field `file`); answers `{ iconUrl }`. */
export const roomIconUploadUrl = (roomId: string) => `/api/chat/rooms/${roomId}/icon`;

/** Uploads `file` as the room's icon; resolves with its URL, rejects with the server's message. */
export async function uploadRoomIcon(roomId: string, file: File): Promise<string> {
  const form = new FormData();
  form.append('file', file);
  const response = await fetch(roomIconUploadUrl(roomId), { method: 'POST', body: form, credentials: 'include' });
  const body = (await response.json().catch(() => null)) as { iconUrl?: string; error?: { message?: string } } | null;
  if (response.ok && body?.iconUrl) return body.iconUrl;
  throw new Error(body?.error?.message ?? `Upload failed (${response.status}).`);
}

/** The room's icon with Change and Remove for those who may edit it (an image, made a 256×256 square by the server). */
export function RoomIconField({ room, editable }: { room: RoomDto; editable: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const utils = trpc.useUtils();
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const remove = trpc.chat.rooms.removeIcon.useMutation({
    onSuccess: () => {
      setStatus(t('chat.icon.removed'));
      void utils.chat.rooms.list.invalidate();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const name = room.name ?? t('chat.room.unnamed');
  const choose = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setStatus(null);
    const refusal = refusalOf(file);
    if (refusal) {
      setError(t(refusal === 'type' ? 'chat.icon.badType' : 'chat.icon.tooLarge'));
      return;
    }
    setUploading(true);
    try {
      await uploadRoomIcon(room.id, file);
      setStatus(t('chat.icon.saved'));
      await utils.chat.rooms.list.invalidate();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setUploading(false);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <div className="vw-room-icon-field" role="group" aria-labelledby={`${id}-label`}>
      <span id={`${id}-label`}>{t('chat.icon.label')}</span>
      <RoomIcon name={name} iconUrl={room.iconUrl} size="lg" />
      {editable && (
        <>
          <input
            ref={input}
            id={`${id}-file`}
            className="vw-room-icon-field__input"
            type="file"
            accept={CHAT_IMAGE_TYPES.join(',')}
            aria-label={t('chat.icon.choose')}
            onChange={(e) => void choose(e.target.files?.[0])}
          />
          <Button type="button" size="sm" variant="secondary" loading={uploading} onClick={() => input.current?.click()}>
            {room.iconUrl ? t('chat.icon.change') : t('chat.icon.add')}
          </Button>
          {room.iconUrl && (
            <Button type="button" size="sm" variant="ghost" loading={remove.isPending} onClick={() => remove.mutate({ roomId: room.id })}>
              {t('chat.icon.remove')}
            </Button>
          )}
        </>
      )}
      {!editable && !room.iconUrl && <span className="vw-muted">{t('chat.icon.none')}</span>}
      {error && <p role="alert" className="vw-inline-error">{error}</p>}
      {status && <p role="status">{status}</p>}
    </div>
  );
}
