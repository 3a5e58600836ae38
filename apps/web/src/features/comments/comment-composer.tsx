import type { TrackDto } from '@veza/api';
import { Button } from '@veza/ui';
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CommentForm } from './comment-form.tsx';
import { momentOf, parseMoment } from './comment-format.ts';
import { usePlayerMoment } from './use-comment-moment.ts';
import { useCommentActions } from './use-comments.ts';

/**
 * "Comment at 1:02": a new comment goes at the moment the listener is at in this track (0:00 when another track, or
 * none, is playing). The moment follows the player until the first character is typed, then stays put; "Change the
 * moment" sets another one by hand (m:ss), which stays until the comment is posted.
 */
export function CommentComposer({ track }: { track: TrackDto }) {
  const { t } = useTranslation();
  const actions = useCommentActions(track.id);
  const live = usePlayerMoment(track.id);
  const [fixed, setFixed] = useState<{ atMs: number; byHand: boolean } | null>(null);
  const durationMs = track.durationMs ?? null;
  const atMs = Math.min(fixed?.atMs ?? live, durationMs ?? Number.MAX_SAFE_INTEGER);

  return (
    <CommentForm
      className="vw-comment-composer"
      label={t('comments.composer.label', { moment: momentOf(atMs) })}
      placeholder={t('comments.composer.placeholder')}
      submitLabel={t('comments.composer.submit')}
      savedMessage={t('comments.composer.posted')}
      onTextChange={(hasText) => {
        if (hasText && !fixed) setFixed({ atMs: live, byHand: false });
        if (!hasText && fixed && !fixed.byHand) setFixed(null);
      }}
      onSubmit={async (body) => {
        await actions.create.mutateAsync({ trackId: track.id, body, atMs });
        setFixed(null);
      }}
      extra={<MomentPicker atMs={atMs} durationMs={durationMs} onPick={(picked) => setFixed({ atMs: picked, byHand: true })} />}
    />
  );
}

/** "Change the moment": a small m:ss field, checked against the track's length. */
function MomentPicker({ atMs, durationMs, onPick }: { atMs: number; durationMs: number | null; onPick: (atMs: number) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const opener = useRef<HTMLButtonElement>(null);

  const close = () => {
    setOpen(false);
    setError(null);
    // The field goes away: focus goes back to the button that opened it.
    requestAnimationFrame(() => opener.current?.focus());
  };
  const apply = () => {
    const picked = parseMoment(text);
    if (picked === null) return setError(t('comments.composer.momentInvalid'));
    if (durationMs !== null && picked > durationMs) return setError(t('comments.composer.momentPastEnd', { end: momentOf(durationMs) }));
    onPick(picked);
    close();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter would send the comment's form: here it sets the moment.
    if (event.key === 'Enter') {
      event.preventDefault();
      apply();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  };

  if (!open) {
    return (
      <Button
        ref={opener}
        type="button"
        variant="ghost"
        size="sm"
        className="vw-moment-picker__open"
        aria-expanded={false}
        onClick={() => {
          setText(momentOf(atMs));
          setOpen(true);
        }}
      >
        {t('comments.composer.changeMoment')}
      </Button>
    );
  }
  return (
    <span className="vw-moment-picker" role="group" aria-labelledby={`${id}-label`}>
      <label id={`${id}-label`} htmlFor={`${id}-input`} className="vw-moment-picker__label">{t('comments.composer.momentLabel')}</label>
      <input
        id={`${id}-input`}
        className="vz-input vw-moment-picker__input"
        inputMode="numeric"
        autoComplete="off"
        // The field appears where its button was: focus follows.
        autoFocus
        value={text}
        placeholder="1:02"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => {
          setText(event.target.value);
          setError(null);
        }}
        onKeyDown={onKeyDown}
      />
      <Button type="button" variant="secondary" size="sm" onClick={apply}>{t('comments.composer.momentSet')}</Button>
      <Button type="button" variant="ghost" size="sm" onClick={close}>{t('common.cancel')}</Button>
      {error && <span id={`${id}-error`} role="alert" className="vw-moment-picker__error">{error}</span>}
    </span>
  );
}
