import { Button, formatBytes, ProgressBar, TextField } from '@veza/ui';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TrackStatusById } from '../../features/tracks/track-status.tsx';
import { trackHref } from '../../features/tracks/track-model.ts';
import { useUploads, type UploadItem } from '../../features/uploads/store.ts';
import { localeOf } from '../../i18n.ts';
import { uploadErrorMessage } from './upload-error.ts';

/** One file of the upload list: name and size, progress, status and what can be done with it now. */
export function UploadItemRow({ item }: { item: UploadItem }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.resolvedLanguage ?? 'en');
  const nameId = useId();
  const { setTitle, start, pause, resume, retry, remove } = useUploads.getState();
  const name = item.file.name;
  const size = (bytes: number) => formatBytes(bytes, locale);
  const fraction = item.bytesTotal > 0 ? item.bytesSent / item.bytesTotal : 0;
  const percent = Math.floor(fraction * 100);
  // Every byte is on the server, which is now checking the file before it answers with the track.
  const checking = item.status === 'uploading' && item.bytesTotal > 0 && item.bytesSent >= item.bytesTotal;
  const showProgress = item.status === 'uploading' || item.status === 'paused' || item.status === 'waiting' || (item.status === 'failed' && item.bytesSent > 0);

  return (
    <li className={`vw-upload vw-upload--${item.status}`} role="group" aria-labelledby={nameId} data-testid="upload-item" data-status={item.status}>
      <div className="vw-upload__head">
        <p className="vw-upload__name" id={nameId}>{name}</p>
        <p className="vw-upload__meta">
          <span>{size(item.file.size)}</span>
          <span className={`vw-upload__badge vw-upload__badge--${item.status}`}>{t(`upload.status.${item.status}`)}</span>
        </p>
      </div>

      {item.status === 'idle' && (
        <TextField
          label={t('upload.trackTitle')}
          hint={t('upload.trackTitleHint')}
          value={item.title}
          maxLength={200}
          onChange={(event) => setTitle(item.id, event.target.value)}
        />
      )}
      {item.status !== 'idle' && item.title.trim() && <p className="vw-upload__title">{t('upload.titleWillBe', { title: item.title.trim() })}</p>}

      {showProgress && (
        <ProgressBar
          label={t('upload.progressLabel', { name })}
          value={checking ? undefined : fraction}
          tone={item.status === 'failed' ? 'error' : 'accent'}
          valueText={checking ? t('upload.checking') : t('upload.progressValue', { percent, sent: size(item.bytesSent), total: size(item.bytesTotal) })}
        />
      )}

      {item.status === 'failed' && item.failure && (
        <p className="vw-upload__error" role="alert">{uploadErrorMessage(item.failure)}</p>
      )}

      {item.status === 'done' && item.trackId && <TrackStatusById id={item.trackId} />}

      <div className="vw-upload__actions">
        {item.status === 'idle' && (
          <Button size="sm" onClick={() => start(item.id)} aria-label={t('upload.actions.startFile', { name })}>{t('upload.actions.start')}</Button>
        )}
        {(item.status === 'uploading' || item.status === 'waiting') && !checking && (
          <Button size="sm" variant="secondary" onClick={() => pause(item.id)} aria-label={t('upload.actions.pauseFile', { name })}>{t('upload.actions.pause')}</Button>
        )}
        {item.status === 'paused' && (
          <Button size="sm" onClick={() => resume(item.id)} aria-label={t('upload.actions.resumeFile', { name })}>{t('upload.actions.resume')}</Button>
        )}
        {item.status === 'failed' && (
          <Button size="sm" onClick={() => retry(item.id)} aria-label={t('upload.actions.retryFile', { name })}>{t('upload.actions.retry')}</Button>
        )}
        {item.status === 'done' && item.trackId && (
          <Link className="vz-button vz-button--secondary vz-button--sm" to={trackHref(item.trackId)}>
            {t('upload.actions.open')}<span className="vz-sr-only"> {name}</span>
          </Link>
        )}
        <Button
          size="sm"
          variant="ghost"
          onClick={() => remove(item.id)}
          aria-label={t(item.status === 'done' || item.status === 'idle' || item.status === 'failed' ? 'upload.actions.removeFile' : 'upload.actions.cancelFile', { name })}
        >
          {t(item.status === 'done' || item.status === 'idle' || item.status === 'failed' ? 'upload.actions.remove' : 'upload.actions.cancel')}
        </Button>
      </div>
    </li>
  );
}
