import { AUDIO_ACCEPT, trackTitleSchema } from '@veza/validators';
import { Button, Card, FileDrop, ProgressBar, TextField } from '@veza/ui';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { PageHeading } from '../../components/page-heading.tsx';
import { zodFieldErrors } from '../../lib/errors.ts';
import { uploadTrack, type UploadHandle } from '../../lib/upload.ts';
import { localeOf } from '../../i18n.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import { FormAlert } from '../auth/form-alert.tsx';
import { formatBytes, uploadErrorMessage } from './upload-error.ts';

const uploadFields = z.object({ title: trackTitleSchema });

/** `/upload` (signed in): pick an audio file, optionally a title, and watch it go up. */
export function UploadPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [titleError, setTitleError] = useState<string | undefined>();
  const [fileError, setFileError] = useState<string | undefined>();
  const [message, setMessage] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const upload = useRef<UploadHandle | null>(null);
  const uploading = progress !== null;

  // Leaving the page cancels an upload in flight.
  useEffect(() => () => upload.current?.abort(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    if (!file) return setFileError(t('upload.noFile'));
    const trimmed = title.trim();
    if (trimmed) {
      const parsed = uploadFields.safeParse({ title: trimmed });
      if (!parsed.success) return setTitleError(zodFieldErrors(parsed.error, 'upload').title);
    }
    setProgress(0);
    const handle = uploadTrack({ file, title: trimmed, onProgress: setProgress });
    upload.current = handle;
    const result = await handle.result;
    upload.current = null;
    setProgress(null);
    if (result.ok) {
      void utils.tracks.list.invalidate();
      void utils.users.byUsername.invalidate();
      pushToast({ title: t('upload.success'), tone: 'success' });
      void navigate(`/tracks/${result.id}`);
      return;
    }
    if (result.reason === 'http' && (result.status === 413 || result.status === 415 || result.status === 422)) {
      setFileError(uploadErrorMessage(result));
    }
    setMessage(uploadErrorMessage(result));
  };

  const percent = progress === null ? 0 : Math.round(progress * 100);
  const processing = progress !== null && progress >= 1;

  return (
    <div className="vw-page vw-page--narrow">
      <header className="vw-page-header">
        <PageHeading title={t('upload.title')} />
        <p className="vw-page-subtitle">{t('upload.subtitle')}</p>
      </header>
      <Card>
        <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('upload.title')}>
          <FormAlert message={message} />
          <FileDrop
            label={t('upload.fileLabel')}
            hint={t('upload.fileHint')}
            accept={AUDIO_ACCEPT}
            disabled={uploading}
            error={fileError}
            name="file"
            onFile={(chosen) => {
              setFile(chosen);
              setFileError(undefined);
              setMessage(null);
            }}
          />
          {file && (
            <p className="vw-file-name" data-testid="chosen-file">
              {t('upload.chosenFile', { name: file.name, size: formatBytes(file.size, localeOf(i18n.resolvedLanguage ?? 'en')) })}
            </p>
          )}
          <TextField
            label={t('upload.trackTitle')}
            hint={t('upload.trackTitleHint')}
            name="title"
            value={title}
            maxLength={200}
            disabled={uploading}
            error={titleError}
            onChange={(e) => {
              setTitle(e.target.value);
              setTitleError(undefined);
            }}
          />
          {uploading && (
            <ProgressBar
              label={t('upload.progressLabel', { name: file?.name ?? '' })}
              value={processing ? undefined : progress}
              valueText={processing ? t('upload.processing') : `${percent}%`}
            />
          )}
          <div className="vw-form-actions">
            <Button type="submit" loading={uploading} disabled={uploading}>
              {t('upload.submit')}
            </Button>
            {uploading && (
              <Button type="button" variant="secondary" onClick={() => upload.current?.abort()}>
                {t('upload.cancel')}
              </Button>
            )}
          </div>
        </form>
      </Card>
    </div>
  );
}
