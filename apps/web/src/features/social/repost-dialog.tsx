import type { RepostStateDto, TrackDto } from '@veza/api';
import { Button } from '@veza/ui';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import { trpc } from '../../trpc.ts';
import { REPOST_CAPTION_MAX, repostRefusal } from './repost-model.ts';

/** The counter is read out as the limit nears (and always shown). */
const ANNOUNCE_FROM = 20;

interface RepostDialogProps {
  open: boolean;
  track: Pick<TrackDto, 'id' | 'title' | 'repostedByMe'>;
  /** My current caption, when the track is reposted with one. */
  initialCaption: string | null;
  onClose: () => void;
  onReposted: (result: RepostStateDto) => void;
}

/** The form inside: mounted with the dialog, so each opening starts from the current caption. */
function RepostForm({ track, initialCaption, onClose, onReposted, describedBy }: Omit<RepostDialogProps, 'open'> & { describedBy: string }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [caption, setCaption] = useState(initialCaption ?? '');
  const repost = trpc.social.repost.useMutation({ onSuccess: onReposted });
  const left = REPOST_CAPTION_MAX - caption.length;
  const counterId = `${id}-counter`;
  const errorId = `${id}-error`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!repost.isPending) repost.mutate({ trackId: track.id, caption: caption.trim() || null });
  };

  return (
    <form onSubmit={submit} noValidate>
      <p id={describedBy} className="vw-muted vw-repost-dialog__text">{t('repost.dialogText')}</p>
      <div className="vz-field vw-repost-dialog__field">
        <label className="vz-field__label" htmlFor={`${id}-caption`}>{t('repost.captionLabel')}</label>
        <textarea
          id={`${id}-caption`}
          className="vz-input"
          rows={4}
          maxLength={REPOST_CAPTION_MAX}
          value={caption}
          onChange={(event) => setCaption(event.target.value)}
          aria-describedby={repost.isError ? `${errorId} ${counterId}` : counterId}
          aria-invalid={repost.isError || undefined}
          data-autofocus
        />
        <p id={counterId} className={`vw-repost-dialog__counter${left <= ANNOUNCE_FROM ? ' vw-repost-dialog__counter--near' : ''}`}>
          <span aria-hidden="true">{`${caption.length} / ${REPOST_CAPTION_MAX}`}</span>
          <span className="vz-sr-only">{t('repost.left', { count: left })}</span>
        </p>
        <p className="vz-sr-only" aria-live="polite">{left <= ANNOUNCE_FROM ? t('repost.left', { count: left }) : ''}</p>
      </div>
      {repost.isError && <p id={errorId} role="alert" className="vw-inline-error">{repostRefusal(repost.error, t, i18n.resolvedLanguage)}</p>}
      <div className="vw-form-actions vw-form-actions--end">
        <Button type="button" variant="secondary" onClick={onClose} disabled={repost.isPending}>{t('common.cancel')}</Button>
        <Button type="submit" loading={repost.isPending}>{track.repostedByMe ? t('repost.save') : t('repost.submit')}</Button>
      </div>
    </form>
  );
}

/**
 * "Repost with a caption": a modal dialog (ModalDialog: focus trapped, Escape cancels, focus returns to the opener)
 * with a caption of at most 280 characters and a counter, read out as the limit nears. A refusal shows inside, with
 * the caption kept.
 */
export function RepostDialog({ open, onClose, ...form }: RepostDialogProps) {
  const { t } = useTranslation();
  return (
    <ModalDialog open={open} title={t('repost.dialogTitle', { title: form.track.title })} onClose={onClose} className="vw-repost-dialog" describedBy>
      {({ describedBy }) => <RepostForm {...form} onClose={onClose} describedBy={describedBy} />}
    </ModalDialog>
  );
}
