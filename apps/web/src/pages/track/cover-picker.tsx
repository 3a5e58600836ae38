import type { TrackDto } from '@veza/api';
import { COVER_ACCEPT } from '@veza/validators';
import { Button, CoverArt, FileDrop, ProgressBar } from '@veza/ui';
import i18next from 'i18next';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { coverProblem, removeCover, uploadCover, type CoverOwner } from '../../lib/cover.ts';
import type { HttpFailure } from '../../lib/http-error.ts';
import type { MultipartHandle } from '../../lib/multipart.ts';
import { trpc } from '../../trpc.ts';
import './track-metadata.css';

/** What Save will do to the cover: nothing, send this image, or remove it. */
export type CoverChange = { kind: 'keep' } | { kind: 'replace'; file: File } | { kind: 'remove' };
export const KEEP_COVER: CoverChange = { kind: 'keep' };

const KNOWN = new Set([403, 413, 415]);

function coverErrorMessage(failure: HttpFailure): string {
  if (failure.reason === 'network' || failure.reason === 'aborted') return i18next.t('track.cover.errors.network');
  if (i18next.resolvedLanguage === 'en' && failure.message) return failure.message;
  return KNOWN.has(failure.status) ? i18next.t(`track.cover.errors.${failure.status}`) : i18next.t('track.cover.errors.generic');
}

/**
 * Sends a staged cover change of a track (or a playlist) when its edit form is saved: the upload (with its progress)
 * or the removal; the new `coverUrl` then goes into the cache. Leaving the editor stops an upload in flight.
 */
export function useCoverSave(trackId: string, owner: CoverOwner = 'tracks') {
  const utils = trpc.useUtils();
  const [progress, setProgress] = useState<number | null>(null);
  const [removing, setRemoving] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const upload = useRef<MultipartHandle<{ coverUrl: string }> | null>(null);
  useEffect(() => () => upload.current?.abort(), []);

  const setCover = useCallback(
    (coverUrl: string | null) => {
      if (owner === 'playlists') {
        utils.playlists.byId.setData({ id: trackId }, (old) => (old ? { ...old, coverUrl } : old));
        void utils.playlists.ofUser.invalidate();
        void utils.playlists.editable.invalidate();
        return;
      }
      utils.tracks.byId.setData({ id: trackId }, (old) => (old ? { ...old, coverUrl } : old));
      void utils.tracks.list.invalidate();
    },
    [utils, trackId, owner],
  );

  /** True when the change is saved (or there was none). */
  const save = async (change: CoverChange): Promise<boolean> => {
    setError(undefined);
    if (change.kind === 'keep') return true;
    if (change.kind === 'remove') {
      setRemoving(true);
      const result = await removeCover(trackId, owner);
      setRemoving(false);
      if (result.ok) setCover(null);
      else setError(coverErrorMessage(result));
      return result.ok;
    }
    setProgress(0);
    const handle = uploadCover(trackId, change.file, setProgress, owner);
    upload.current = handle;
    const result = await handle.result;
    upload.current = null;
    setProgress(null);
    if (result.ok) setCover(result.body.coverUrl ?? null);
    else if (result.reason !== 'aborted') setError(coverErrorMessage(result));
    return result.ok;
  };

  return { save, progress, busy: progress !== null || removing, error, setError };
}

export interface CoverPickerProps {
  track: Pick<TrackDto, 'id' | 'title' | 'coverUrl'>;
  /** The staged change; nothing is sent until the form is saved. */
  change: CoverChange;
  onChange: (change: CoverChange) => void;
  /** 0..1 while the staged image is being sent on Save. */
  progress?: number | null;
  /** Why the last save of the cover failed. */
  error?: string | undefined;
  disabled?: boolean;
}

/**
 * The owner's cover image inside the edit form: a preview, a drop zone (JPEG/PNG/WebP ≤ 5 MB, checked here) and a
 * remove button. A choice is only staged — previewed and announced — and saved with the other fields by Save;
 * Cancel drops it. "Keep the current cover" undoes a staged choice.
 */
export function CoverPicker({ track, change, onChange, progress = null, error, disabled = false }: CoverPickerProps) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | undefined>();
  const file = change.kind === 'replace' ? change.file : null;
  const preview = useMemo(() => (file ? URL.createObjectURL(file) : null), [file]);
  useEffect(() => (preview ? () => URL.revokeObjectURL(preview) : undefined), [preview]);
  const shown = change.kind === 'remove' ? null : (preview ?? track.coverUrl);

  const choose = (chosen: File) => {
    const reason = coverProblem(chosen);
    if (reason) return setProblem(t(`track.cover.errors.${reason}`));
    setProblem(undefined);
    onChange({ kind: 'replace', file: chosen });
  };

  return (
    <fieldset className="vw-cover-picker" aria-busy={progress !== null || undefined}>
      <legend className="vz-field__label">{t('track.cover.label')}</legend>
      <div className="vw-cover-picker__row">
        <div className="vw-cover-picker__preview" data-staged={change.kind === 'keep' ? undefined : change.kind}>
          {shown ? (
            <img src={shown} alt={t('track.cover.preview')} />
          ) : (
            <CoverArt seed={track.id} className="vw-cover-picker__placeholder" />
          )}
        </div>
        <div className="vw-cover-picker__controls">
          <FileDrop
            label={shown ? t('track.cover.replace') : t('track.cover.choose')}
            hint={t('track.cover.hint')}
            accept={COVER_ACCEPT}
            disabled={disabled}
            error={problem ?? error}
            name="cover"
            onFile={choose}
          />
          <p className="vw-muted vw-cover-picker__status" role="status">
            {change.kind === 'replace' ? t('track.cover.staged') : change.kind === 'remove' ? t('track.cover.stagedRemoval') : !track.coverUrl ? t('track.cover.none') : ''}
          </p>
          {progress !== null && (
            <ProgressBar label={t('track.cover.uploading')} value={progress} valueText={`${Math.round(progress * 100)}%`} />
          )}
          {change.kind !== 'keep' ? (
            <Button type="button" variant="ghost" size="sm" disabled={disabled} onClick={() => { setProblem(undefined); onChange(KEEP_COVER); }}>
              {track.coverUrl ? t('track.cover.undo') : t('track.cover.discard')}
            </Button>
          ) : (
            track.coverUrl && (
              <Button type="button" variant="ghost" size="sm" disabled={disabled} onClick={() => { setProblem(undefined); onChange({ kind: 'remove' }); }}>
                {t('track.cover.remove')}
              </Button>
            )
          )}
        </div>
      </div>
    </fieldset>
  );
}
