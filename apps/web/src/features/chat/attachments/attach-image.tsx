import type { RouterOutputs } from '@veza/api';
import { ProgressBar } from '@veza/ui';
import { CHAT_IMAGE_MAX_BYTES, CHAT_IMAGE_TYPES } from '@veza/validators';
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { TFunction } from 'i18next';
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

/** The server refused an upload: its status, error code and message, and for a rate limit the seconds to wait. */
export class UploadRefusedError extends Error {
  readonly status: number;
  readonly code: string | null;
  readonly retryAfterSeconds: number | null;
  constructor(status: number, code: string | null, message: string, retryAfterSeconds: number | null) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** What to say when an upload failed: the wait after sharing too fast, the reason in the app's language. */
export function uploadFailure(error: unknown, t: TFunction): string {
  if (!(error instanceof UploadRefusedError)) return errorMessage(error);
  if (error.status === 429) return t('chat2.attach.refused.rate', { count: error.retryAfterSeconds ?? 1 });
  if (error.status === 413) return t('chat2.attach.refused.size');
  if (error.status === 415) return t('chat2.attach.refused.type');
  return error.message;
}

/** Uploads one image with progress; resolves with its attachment id, rejects with an UploadRefusedError. */
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
      const body = xhr.response as { attachmentId?: string; error?: { code?: string; message?: string } } | null;
      if (xhr.status >= 200 && xhr.status < 300 && body?.attachmentId) return resolve(body.attachmentId);
      const wait = Number(xhr.getResponseHeader('retry-after'));
      reject(new UploadRefusedError(xhr.status, body?.error?.code ?? null, body?.error?.message ?? `Upload failed (${xhr.status}).`, wait > 0 ? Math.ceil(wait) : null));
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
      setError(uploadFailure(e, t));
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
