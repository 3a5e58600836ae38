import type { TrackDto } from '@veza/api';
import { Button } from '@veza/ui';
import { EMBED_SIZES, type EmbedSize } from '@veza/validators';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import { pushToast } from '../../stores/toasts.ts';
import { canEmbed, copyText, embedSnippet } from './share-model.ts';

const SIZES = Object.keys(EMBED_SIZES) as EmbedSize[];

/** The dialog's content: the size, a live preview of the player (the real embed page), the code to copy. */
function EmbedPanel({ track, describedBy, onClose }: { track: TrackDto; describedBy: string; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [size, setSize] = useState<EmbedSize>('standard');
  const [copied, setCopied] = useState(false);
  const snippet = embedSnippet(track.id, track.title, EMBED_SIZES[size]);
  const copy = async () => {
    const ok = await copyText(snippet.html);
    setCopied(ok);
    pushToast({ id: `share-embed-${track.id}`, title: ok ? t('share.embedDialog.codeCopied') : t('share.copyFailed'), tone: ok ? 'success' : 'error' });
  };

  if (!canEmbed(track)) {
    return (
      <>
        <p id={describedBy}>{t('share.embedDialog.privateNote')}</p>
        <div className="vw-form-actions vw-form-actions--end">
          <Button type="button" variant="secondary" onClick={onClose} data-autofocus>{t('share.close')}</Button>
        </div>
      </>
    );
  }
  return (
    <div className="vw-embed-dialog">
      <p id={describedBy} className="vw-muted">{t('share.embedDialog.text')}</p>
      <fieldset className="vw-embed-dialog__sizes">
        <legend className="vz-field__label">{t('share.embedDialog.size')}</legend>
        {SIZES.map((s) => (
          <label key={s} className="vw-embed-dialog__size">
            <input type="radio" name={`${id}-size`} value={s} checked={size === s} onChange={() => { setSize(s); setCopied(false); }} />
            <span>{t(`share.embedDialog.sizes.${s}`, EMBED_SIZES[s])}</span>
          </label>
        ))}
      </fieldset>
      <p className="vz-field__label" id={`${id}-preview`}>{t('share.embedDialog.preview')}</p>
      <div className="vw-embed-dialog__preview" style={{ maxWidth: snippet.width }}>
        <iframe
          key={size}
          src={snippet.src}
          title={t('share.embedDialog.frameTitle', { title: track.title })}
          width={snippet.width}
          height={snippet.height}
          loading="lazy"
          aria-describedby={`${id}-preview`}
        />
      </div>
      <div className="vz-field">
        <label className="vz-field__label" htmlFor={`${id}-code`}>{t('share.embedDialog.code')}</label>
        <textarea id={`${id}-code`} className="vz-input vw-embed-dialog__code" readOnly rows={4} value={snippet.html} onFocus={(e) => e.currentTarget.select()} />
      </div>
      <div className="vw-form-actions vw-form-actions--end">
        <Button type="button" variant="secondary" onClick={onClose}>{t('share.close')}</Button>
        <Button type="button" onClick={() => void copy()} data-autofocus>{copied ? t('share.copiedShort') : t('share.embedDialog.copyCode')}</Button>
      </div>
    </div>
  );
}

/** "Embed…": the `<iframe>` code of the track's player in two sizes, with a live preview. */
export function EmbedDialog({ track, open, onClose }: { track: TrackDto; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <ModalDialog open={open} title={t('share.embedDialog.title', { title: track.title })} onClose={onClose} describedBy className="vw-share-dialog">
      {({ describedBy }) => <EmbedPanel track={track} describedBy={describedBy} onClose={onClose} />}
    </ModalDialog>
  );
}
