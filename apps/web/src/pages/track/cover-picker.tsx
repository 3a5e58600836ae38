import type { TrackDto } from '@veza/api';
import { COVER_ACCEPT } from '@veza/validators';
import { Button, FileDrop, ProgressBar } from '@veza/ui';
import i18next from 'i18next';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { coverProblem, removeCover, uploadCover } from '../../lib/cover.ts';
import type { HttpFailure } from '../../lib/http-error.ts';
import type { MultipartHandle } from '../../lib/multipart.ts';
import { pushToast } from '../../stores/toasts.ts';
import { trpc } from '../../trpc.ts';
import './track-metadata.css';

const KNOWN = new Set([403, 413, 415]);

function coverErrorMessage(failure: HttpFailure): string {
  if (failure.reason === 'network' || failure.reason === 'aborted') return i18next.t('track.cover.errors.network');
  if (i18next.resolvedLanguage === 'en' && failure.message) return failure.message;
  return KNOWN.has(failure.status) ? i18next.t(`track.cover.errors.${failure.status}`) : i18next.t('track.cover.errors.generic');
}

/**
 * The owner's cover image: a preview, a drop zone that uploads at once (JPEG/PNG/WebP ≤ 5 MB, checked
 * here first) with a progress bar, and a remove button. The new `coverUrl` goes straight into the cache.
 */
export function CoverPicker({ track }: { track: Pick<TrackDto, 'id' | 'title' | 'coverUrl'> }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const [preview, setPreview] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [removing, setRemoving] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const upload = useRef<MultipartHandle<{ coverUrl: string }> | null>(null);
  const busy = progress !== null || removing;
  const shown = preview ?? track.coverUrl;

  // Leaving the editor stops a cover upload in flight and frees the local preview.
  useEffect(() => () => upload.current?.abort(), []);
  useEffect(() => (preview ? () => URL.revokeObjectURL(preview) : undefined), [preview]);

  const setCover = (coverUrl: string | null) => {
    utils.tracks.byId.setData({ id: track.id }, (old) => (old ? { ...old, coverUrl } : old));
    void utils.tracks.list.invalidate();
  };

  const choose = async (file: File) => {
    const problem = coverProblem(file);
    if (problem) return setError(t(`track.cover.errors.${problem}`));
    setError(undefined);
    setPreview(URL.createObjectURL(file));
    setProgress(0);
    const handle = uploadCover(track.id, file, setProgress);
    upload.current = handle;
    const result = await handle.result;
    upload.current = null;
    setProgress(null);
    if (result.ok) {
      setCover(result.body.coverUrl ?? null);
      setPreview(null);
      pushToast({ title: t('track.cover.saved'), tone: 'success' });
    } else if (result.reason !== 'aborted') {
      setPreview(null);
      setError(coverErrorMessage(result));
    }
  };

  const remove = async () => {
    setError(undefined);
    setRemoving(true);
    const result = await removeCover(track.id);
    setRemoving(false);
    if (result.ok) {
      setCover(null);
      pushToast({ title: t('track.cover.removed'), tone: 'success' });
    } else setError(coverErrorMessage(result));
  };

  return (
    <fieldset className="vw-cover-picker" aria-busy={busy || undefined}>
      <legend className="vz-field__label">{t('track.cover.label')}</legend>
      <div className="vw-cover-picker__row">
        <div className="vw-cover-picker__preview">
          {shown ? <img src={shown} alt={t('track.cover.preview')} /> : <span className="vw-muted">{t('track.cover.none')}</span>}
        </div>
        <div className="vw-cover-picker__controls">
          <FileDrop
            label={shown ? t('track.cover.replace') : t('track.cover.choose')}
            hint={t('track.cover.hint')}
            accept={COVER_ACCEPT}
            disabled={busy}
            error={error}
            name="cover"
            onFile={(file) => void choose(file)}
          />
          {progress !== null && (
            <ProgressBar label={t('track.cover.uploading')} value={progress} valueText={`${Math.round(progress * 100)}%`} />
          )}
          {track.coverUrl && progress === null && (
            <Button type="button" variant="ghost" size="sm" loading={removing} disabled={busy} onClick={() => void remove()}>
              {t('track.cover.remove')}
            </Button>
          )}
        </div>
      </div>
    </fieldset>
  );
}
