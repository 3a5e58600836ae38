import { TRACK_VISIBILITY, type TrackVisibilityValue } from '@veza/validators';
import { Button, formatBytes, ProgressBar, Select, TextField } from '@veza/ui';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TrackStatusById } from '../../features/tracks/track-status.tsx';
import { trackHref } from '../../features/tracks/track-model.ts';
import { canRetry, pendingDetails, useUploads, type UploadItem } from '../../features/uploads/store.ts';
import { localeOf } from '../../i18n.ts';
import { TrackTagsInput } from '../track/track-tags-input.tsx';
import { rejectedMessage, saveErrorMessage, uploadErrorMessage } from './upload-error.ts';
import { UploadGenre } from './upload-genre.tsx';

/** Title, visibility and tags: editable from the moment the file is added until it is taken off the list. */
function UploadDetailsFields({ item }: { item: UploadItem }) {
  const { t } = useTranslation();
  const { setDetails, saveDetails } = useUploads.getState();
  const visibilities = TRACK_VISIBILITY.map((value) => ({ value, label: t(`track.visibilities.${value}`) }));
  const pending = Object.keys(pendingDetails(item)).length > 0;
  // Something differs from what a new track gets by itself (the file's title, public, no tags).
  const touched = item.titleEdited || item.details.tags.length > 0 || item.details.visibility !== 'public';
  // Before the upload exists on the server, the details wait to go with it; after, they are saved as they change.
  const saveState = item.saving || (item.uploadId && pending) ? t('upload.details.saving')
    : touched ? t(item.saved ? 'upload.details.saved' : 'upload.details.saveLater')
      : '';

  return (
    <div className="vw-upload__details">
      <TextField
        className="vw-upload__title-field"
        label={t('upload.details.title')}
        hint={item.status === 'checking' ? t('upload.inspecting') : item.titleEdited ? undefined : t('upload.details.titleHint')}
        value={item.details.title}
        maxLength={200}
        autoComplete="off"
        onChange={(event) => setDetails(item.id, { title: event.target.value })}
        onBlur={() => {
          // A cleared title is not saved (a track needs one): show the track's again.
          if (!item.details.title.trim() && item.saved?.title) setDetails(item.id, { title: item.saved.title });
          saveDetails(item.id);
        }}
      />
      <Select
        className="vw-upload__visibility"
        label={t('track.visibilityLabel')}
        options={visibilities}
        value={item.details.visibility}
        onChange={(event) => {
          setDetails(item.id, { visibility: event.target.value as TrackVisibilityValue });
          saveDetails(item.id);
        }}
      />
      <div className="vw-upload__tags">
        <TrackTagsInput
          value={item.details.tags}
          onChange={(tags) => {
            setDetails(item.id, { tags });
            saveDetails(item.id);
          }}
        />
      </div>
      {item.saveError ? (
        <div className="vw-upload__save vw-upload__save--error" role="alert">
          <span>{saveErrorMessage(item.saveError)}</span>
          <Button size="sm" variant="ghost" onClick={() => saveDetails(item.id)}>{t('upload.details.saveAgain')}</Button>
        </div>
      ) : (
        <p className="vw-upload__save" aria-live="polite">{saveState}</p>
      )}
    </div>
  );
}

/** One file of the upload list: name and size, progress, what it will be called, and the one thing to do now. */
export function UploadItemRow({ item }: { item: UploadItem }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.resolvedLanguage ?? 'en');
  const nameId = useId();
  const { pause, resume, retry, remove } = useUploads.getState();
  const name = item.file.name;
  const size = (bytes: number) => formatBytes(bytes, locale);
  const fraction = item.bytesTotal > 0 ? item.bytesSent / item.bytesTotal : 0;
  const percent = Math.floor(fraction * 100);
  // Every byte is on the server, which is now checking the file before it answers with the track.
  const serverChecking = item.status === 'uploading' && item.bytesTotal > 0 && item.bytesSent >= item.bytesTotal;
  const retryable = item.status === 'failed' && canRetry(item.failure);
  const showProgress = item.status === 'uploading' || item.status === 'paused' || item.status === 'waiting' || (item.status === 'failed' && item.bytesSent > 0);
  const editable = item.status !== 'rejected' && !(item.status === 'failed' && !retryable);
  const running = item.status === 'checking' || item.status === 'waiting' || item.status === 'uploading' || item.status === 'paused';

  return (
    <li className={`vw-upload vw-upload--${item.status}`} role="group" aria-labelledby={nameId} data-testid="upload-item" data-status={item.status}>
      <div className="vw-upload__head">
        <p className="vw-upload__name" id={nameId}>{name}</p>
        <p className="vw-upload__meta">
          <span>{size(item.file.size)}</span>
          <span className={`vw-upload__badge vw-upload__badge--${item.status}`}>{t(`upload.status.${item.status}`)}</span>
        </p>
      </div>

      {showProgress && (
        <ProgressBar
          label={t('upload.progressLabel', { name })}
          value={serverChecking ? undefined : fraction}
          tone={item.status === 'failed' ? 'error' : 'accent'}
          valueText={serverChecking ? t('upload.checking') : t('upload.progressValue', { percent, sent: size(item.bytesSent), total: size(item.bytesTotal) })}
        />
      )}

      {item.status === 'rejected' && item.rejection && (
        <p className="vw-upload__error" role="alert">{rejectedMessage({ name, reason: item.rejection })}</p>
      )}
      {item.status === 'failed' && item.failure && (
        <p className="vw-upload__error" role="alert">{uploadErrorMessage(item.failure)}</p>
      )}

      {item.status === 'done' && item.trackId && <TrackStatusById id={item.trackId} />}

      {editable && <UploadDetailsFields item={item} />}
      {item.status === 'done' && item.trackId && <UploadGenre trackId={item.trackId} />}

      {/* At most one primary action, and only when the file waits for the user (paused, or a failure a retry can fix). */}
      <div className="vw-upload__actions">
        {item.status === 'uploading' && !serverChecking && (
          <Button size="sm" variant="ghost" onClick={() => pause(item.id)} aria-label={t('upload.actions.pauseFile', { name })}>{t('upload.actions.pause')}</Button>
        )}
        {item.status === 'paused' && (
          <Button size="sm" onClick={() => resume(item.id)} aria-label={t('upload.actions.resumeFile', { name })}>{t('upload.actions.resume')}</Button>
        )}
        {retryable && (
          <Button size="sm" onClick={() => retry(item.id)} aria-label={t('upload.actions.retryFile', { name })}>{t('upload.actions.retry')}</Button>
        )}
        {item.status === 'done' && item.trackId && (
          <Link className="vz-button vz-button--secondary vz-button--sm" to={trackHref(item.trackId)}>
            {t('upload.actions.open')}<span className="vz-sr-only"> {name}</span>
          </Link>
        )}
        <Button
          size="sm"
          variant={running ? 'secondary' : 'ghost'}
          onClick={() => remove(item.id)}
          aria-label={t(running ? 'upload.actions.cancelFile' : 'upload.actions.removeFile', { name })}
        >
          {t(running ? 'upload.actions.cancel' : 'upload.actions.remove')}
        </Button>
      </div>
    </li>
  );
}
