import { Avatar, Button, FileDrop, ProgressBar } from '@veza/ui';
import { imageAtSize, type ProfileImageKind } from '@veza/validators';
import i18next from 'i18next';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HttpFailure } from '../../lib/http-error.ts';
import type { MultipartHandle } from '../../lib/multipart.ts';
import { PROFILE_IMAGE_ACCEPT, profileImageProblem, removeProfileImage, uploadProfileImage } from '../../lib/profile-images.ts';
import { ProfileBanner } from './profile-banner.tsx';
import './profile.css';

const KNOWN = new Set([401, 403, 413, 415]);

/** The server's words in English; ours for the statuses we know in other languages. */
export function profileImageError(failure: HttpFailure): string {
  if (failure.reason === 'network' || failure.reason === 'aborted') return i18next.t('profile.images.errors.network');
  if (i18next.resolvedLanguage === 'en' && failure.message) return failure.message;
  return KNOWN.has(failure.status) ? i18next.t(`profile.images.errors.${failure.status}`) : i18next.t('profile.images.errors.generic');
}

export interface ProfileImageFieldProps {
  kind: ProfileImageKind;
  /** The current image's versioned URL (null: none). */
  url: string | null;
  /** Whose: the avatar's initials and the banner's colour. */
  name: string;
  /** The new URL once an upload or a removal is done. */
  onChange: (url: string | null) => void;
}

/**
 * The avatar or banner of the profile editor: a preview, a picker (JPEG/PNG/WebP/GIF ≤ 10 MB, checked here first),
 * the upload's progress, and Remove. A chosen image is sent at once (it is re-encoded on the server); leaving the
 * editor stops an upload in flight.
 */
export function ProfileImageField({ kind, url, name, onChange }: ProfileImageFieldProps) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [removing, setRemoving] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const upload = useRef<MultipartHandle<{ url: string }> | null>(null);
  useEffect(() => () => upload.current?.abort(), []);
  const preview = useMemo(() => (file ? URL.createObjectURL(file) : null), [file]);
  useEffect(() => (preview ? () => URL.revokeObjectURL(preview) : undefined), [preview]);
  const busy = progress !== null || removing;

  const choose = async (chosen: File) => {
    const problem = profileImageProblem(chosen);
    if (problem) return setError(t(`profile.images.errors.${problem}`));
    setError(undefined);
    setFile(chosen);
    setProgress(0);
    const handle = uploadProfileImage(kind, chosen, setProgress);
    upload.current = handle;
    const result = await handle.result;
    upload.current = null;
    setProgress(null);
    setFile(null);
    if (result.ok) onChange(result.body.url ?? null);
    else if (result.reason !== 'aborted') setError(profileImageError(result));
  };

  const remove = async () => {
    setError(undefined);
    setRemoving(true);
    const result = await removeProfileImage(kind);
    setRemoving(false);
    if (result.ok) onChange(null);
    else setError(profileImageError(result));
  };

  const label = t(`profile.images.${kind}.label`);
  return (
    <fieldset className={`vw-image-field vw-image-field--${kind}`} aria-busy={busy || undefined}>
      <legend className="vz-field__label">{label}</legend>
      <div className="vw-image-field__row">
        <div className="vw-image-field__preview" data-uploading={progress !== null ? '' : undefined}>
          {kind === 'avatar' ? (
            preview ? (
              <img className="vw-image-field__avatar" src={preview} alt={t('profile.images.preview')} />
            ) : (
              <Avatar name={name} size="lg" src={url ? imageAtSize(url, 256) : null} decorative />
            )
          ) : preview ? (
            <img className="vw-image-field__banner" src={preview} alt={t('profile.images.preview')} />
          ) : (
            <ProfileBanner url={url} name={name} />
          )}
        </div>
        <div className="vw-image-field__controls">
          <FileDrop
            label={url ? t(`profile.images.${kind}.replace`) : t(`profile.images.${kind}.choose`)}
            hint={t(`profile.images.${kind}.hint`)}
            accept={PROFILE_IMAGE_ACCEPT}
            disabled={busy}
            error={error}
            name={kind}
            onFile={(chosen) => void choose(chosen)}
          />
          {progress !== null && (
            <ProgressBar label={t('profile.images.uploading')} value={progress} valueText={`${Math.round(progress * 100)}%`} />
          )}
          <p className="vz-sr-only" role="status">
            {progress !== null ? t('profile.images.uploading') : removing ? t('profile.images.removing') : ''}
          </p>
          {url && (
            <Button type="button" variant="ghost" size="sm" disabled={busy} loading={removing} onClick={() => void remove()}>
              {t(`profile.images.${kind}.remove`)}
            </Button>
          )}
        </div>
      </div>
    </fieldset>
  );
}
