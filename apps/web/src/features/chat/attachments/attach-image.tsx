import type { RouterOutputs } from '@veza/api';
import { ProgressBar } from '@veza/ui';
import { CHAT_IMAGE_MAX_BYTES, CHAT_IMAGE_TYPES } from '@veza/validators';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/errors.ts';
import { trpc } from '../../../trpc.ts';

type MessageDto = RouterOutputs['chat']['messages']['send'];

/** Where images are uploaded (multipart field `file`); answers `{ attachmentId, ... }`. */
export const ATTACHMENTS_URL = '/api/chat/attachments';

/** Why a file cannot be sent, before uploading it (the server checks the content again). */
export function refusalOf(file: File): 'type' | 'size' | null {
  if (!(CHAT_IMAGE_TYPES as readonly string[]).includes(file.type)) return 'type';
  if (file.size > CHAT_IMAGE_MAX_BYTES) return 'size';
  return null;
}

/** Uploads one image with progress; resolves with its attachment id, rejects with the server's message. */
export function uploadImage(file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', ATTACHMENTS_URL);
    xhr.withCredentials = true;
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const body = xhr.response as { attachmentId?: string; error?: { message?: string } } | null;
      if (xhr.status >= 200 && xhr.status < 300 && body?.attachmentId) resolve(body.attachmentId);
      else reject(new Error(body?.error?.message ?? `Upload failed (${xhr.status}).`));
    };
    xhr.onerror = () => reject(new Error('The network failed during the upload.'));
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

export interface AttachImageProps {
  roomId: string;
  /** The conversation element: images dropped on it or pasted into it are sent too. */
  dropTarget: RefObject<HTMLElement | null>;
  onSent: (message: MessageDto) => void;
  disabled?: boolean;
}

/** "Image" button, drag and drop and paste: uploads with a progress bar, then sends a message carrying the image. */
export function AttachImage({ roomId, dropTarget, onSent, disabled }: AttachImageProps) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const busy = progress !== null;

  const send = async (file: File) => {
    const refusal = refusalOf(file);
    if (refusal) return setError(t(`chat2.attach.refused.${refusal}`));
    setError(null);
    setProgress(0);
    try {
      const attachmentId = await uploadImage(file, setProgress);
      const message = await utils.client.chat.messages.send.mutate({ roomId, body: '', clientMessageId: crypto.randomUUID(), attachments: [{ kind: 'image', attachmentId }] });
      onSent(message);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setProgress(null);
    }
  };
  const sendRef = useRef(send);
  useEffect(() => {
    sendRef.current = send;
  });

  useEffect(() => {
    const el = dropTarget.current;
    if (!el || disabled) return;
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDragging(true);
    };
    const onLeave = (e: DragEvent) => {
      if (!el.contains(e.relatedTarget as Node | null)) setDragging(false);
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (file) void sendRef.current(file);
    };
    const onPaste = (e: ClipboardEvent) => {
      const file = [...(e.clipboardData?.files ?? [])].find((f) => f.type.startsWith('image/'));
      if (!file) return;
      e.preventDefault();
      void sendRef.current(file);
    };
    el.addEventListener('dragover', onOver);
    el.addEventListener('dragleave', onLeave);
    el.addEventListener('drop', onDrop);
    el.addEventListener('paste', onPaste);
    return () => {
      el.removeEventListener('dragover', onOver);
      el.removeEventListener('dragleave', onLeave);
      el.removeEventListener('drop', onDrop);
      el.removeEventListener('paste', onPaste);
    };
  }, [dropTarget, disabled]);

  return (
    <div className="vw-attach">
      <input
        ref={input}
        type="file"
        accept={CHAT_IMAGE_TYPES.join(',')}
        className="vz-sr-only"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void send(file);
        }}
      />
      <button type="button" className="vz-button vz-button--ghost vz-button--sm" disabled={disabled || busy} onClick={() => input.current?.click()}>
        {t('chat2.attach.button')}
      </button>
      {dragging && <p className="vw-attach__drop" role="status">{t('chat2.attach.drop')}</p>}
      {busy && <ProgressBar value={progress} label={t('chat2.attach.uploading')} />}
      {error && <p role="alert" className="vw-inline-error">{error}</p>}
    </div>
  );
}
