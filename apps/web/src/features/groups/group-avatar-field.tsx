import type { GroupDto } from '@veza/api';
import { COVER_ACCEPT } from '@veza/validators';
import { Button, FileDrop, ProgressBar } from '@veza/ui';
import i18next from 'i18next';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { coverProblem, removeCover, uploadCover } from '../../lib/cover.ts';
import type { HttpFailure } from '../../lib/http-error.ts';
import type { MultipartHandle } from '../../lib/multipart.ts';
import { GroupAvatar } from './group-avatar.tsx';

/** Why an avatar upload failed, in the current language (the server's words in English). */
export function avatarErrorMessage(failure: HttpFailure): string {
  if (failure.reason === 'network' || failure.reason === 'aborted') return i18next.t('groups.avatar.errors.network');
  if (i18next.resolvedLanguage === 'en' && failure.message) return failure.message;
  return i18next.t('groups.avatar.errors.generic');
}

/** Sends a group's avatar (`POST /api/groups/:id/cover`) with its progress; the result says whether it worked. */
export function useAvatarUpload() {
  const [progress, setProgress] = useState<number | null>(null);
  const handle = useRef<MultipartHandle<{ coverUrl: string }> | null>(null);
  useEffect(() => () => handle.current?.abort(), []);
  const upload = async (groupId: string, file: File): Promise<{ ok: true } | { ok: false; message: string }> => {
    setProgress(0);
    handle.current = uploadCover(groupId, file, setProgress, 'groups');
    const result = await handle.current.result;
    handle.current = null;
    setProgress(null);
    return result.ok ? { ok: true } : { ok: false, message: avatarErrorMessage(result) };
  };
  return { upload, progress };
}

/** Removes a group's avatar. */
export async function removeAvatar(groupId: string): Promise<{ ok: true } | { ok: false; message: string }> {
  const result = await removeCover(groupId, 'groups');
  return result.ok ? { ok: true } : { ok: false, message: avatarErrorMessage(result) };
}

interface AvatarFieldProps {
  /** The group as it is (settings), or a placeholder seed (creation). */
  group: Pick<GroupDto, 'id' | 'avatarUrl'>;
  file: File | null;
  onFile: (file: File | null) => void;
  progress: number | null;
  error?: string | null;
  disabled?: boolean;
}

/** The avatar chooser: a preview and a drop zone (JPEG/PNG/WebP ≤ 5 MB, checked here). Sending is the form's job. */
export function AvatarField({ group, file, onFile, progress, error, disabled }: AvatarFieldProps) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  const preview = useMemo(() => (file ? URL.createObjectURL(file) : null), [file]);
  useEffect(() => (preview ? () => URL.revokeObjectURL(preview) : undefined), [preview]);
  const choose = (chosen: File) => {
    const reason = coverProblem(chosen);
    if (reason) return setProblem(t(`groups.avatar.errors.${reason}`));
    setProblem(null);
    onFile(chosen);
  };
  return (
    <fieldset className="vw-group-avatar-field" aria-busy={progress !== null || undefined}>
      <legend className="vz-field__label">{t('groups.avatar.label')}</legend>
      <div className="vw-group-avatar-field__row">
        <GroupAvatar group={{ id: group.id, avatarUrl: preview ?? group.avatarUrl }} className="vw-group-avatar--lg" />
        <div className="vw-group-avatar-field__controls">
          <FileDrop label={t('groups.avatar.choose')} hint={t('groups.avatar.hint')} accept={COVER_ACCEPT} disabled={disabled} error={problem ?? error ?? undefined} name="avatar" onFile={choose} />
          <p className="vw-muted" role="status">{file ? t('groups.avatar.staged', { name: file.name }) : ''}</p>
          {progress !== null && <ProgressBar label={t('groups.avatar.uploading')} value={progress} valueText={`${Math.round(progress * 100)}%`} />}
          {file && <Button type="button" variant="ghost" size="sm" disabled={disabled} onClick={() => onFile(null)}>{t('groups.avatar.discard')}</Button>}
        </div>
      </div>
    </fieldset>
  );
}
