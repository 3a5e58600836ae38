import { COMMENT_MAX_LENGTH } from '@veza/validators';
import { Button } from '@veza/ui';
import { useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { localeOf } from '../../i18n.ts';
import { commentRefusal } from './comment-format.ts';

export interface CommentFormProps {
  /** The field's visible label ("Comment at 1:02", "Reply to Ana Lima", "Edit your comment"). */
  label: string;
  submitLabel: string;
  initialText?: string;
  /** Sends the trimmed body; resolves once saved (the form then empties), rejects with the API's error to show. */
  onSubmit: (body: string) => Promise<unknown>;
  /** Reply and edit forms have Cancel (and Escape). */
  onCancel?: () => void;
  /** Tells whether the field holds text, as it changes (the composer fixes its moment at the first character). */
  onTextChange?: (hasText: boolean) => void;
  /** Said politely once saved ("Comment posted."). */
  savedMessage?: string;
  /** Beside the buttons (the composer's moment). */
  extra?: ReactNode;
  autoFocus?: boolean;
  placeholder?: string;
  className?: string;
}

/**
 * The comment, reply and edit form: a labelled text area, a character counter (1,000 at most: over it, the counter and
 * the field say by how much, and nothing is sent), Ctrl+Enter (⌘+Enter) sends, Escape cancels a reply or an edit, and
 * the API's refusal shows under the field in the reader's language with the text kept.
 */
export function CommentForm({ label, submitLabel, initialText = '', onSubmit, onCancel, onTextChange, savedMessage, extra, autoFocus, placeholder, className }: CommentFormProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(initialText);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState('');
  const length = text.trim().length;
  const over = length - COMMENT_MAX_LENGTH;
  const number = new Intl.NumberFormat(localeOf(i18n.resolvedLanguage ?? 'en'));

  const change = (value: string) => {
    if ((value.trim() === '') !== (text.trim() === '')) onTextChange?.(value.trim() !== '');
    setText(value);
    setError(null);
    setSaved('');
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (sending) return;
    if (length === 0) {
      setError(t('comments.errors.empty'));
      ref.current?.focus();
      return;
    }
    if (over > 0) {
      setError(t('comments.errors.tooLong'));
      ref.current?.focus();
      return;
    }
    setSending(true);
    try {
      await onSubmit(text.trim());
      setText('');
      onTextChange?.(false);
      if (savedMessage) setSaved(savedMessage);
    } catch (failure) {
      setError(commentRefusal(failure, t, i18n.resolvedLanguage));
      ref.current?.focus();
    } finally {
      setSending(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape' && onCancel) {
      event.preventDefault();
      onCancel();
    }
  };

  return (
    <form className={['vw-comment-form', className].filter(Boolean).join(' ')} onSubmit={(event) => void submit(event)} noValidate>
      <label className="vw-comment-form__label" htmlFor={`${id}-body`}>{label}</label>
      <textarea
        ref={ref}
        id={`${id}-body`}
        className="vz-input vw-comment-form__input"
        rows={onCancel ? 2 : 3}
        value={text}
        placeholder={placeholder}
        // Focus moves into a reply or edit form as its button opens it.
        autoFocus={autoFocus}
        aria-invalid={error || over > 0 ? true : undefined}
        aria-describedby={[`${id}-counter`, error ? `${id}-error` : null].filter(Boolean).join(' ')}
        onChange={(event) => change(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="vw-comment-form__bar">
        <span id={`${id}-counter`} className={over > 0 ? 'vw-comment-form__counter vw-comment-form__counter--over' : 'vw-comment-form__counter'}>
          {t('comments.form.counter', { count: number.format(length), max: number.format(COMMENT_MAX_LENGTH) })}
          {over > 0 && <> · {t('comments.form.tooMany', { count: over, number: number.format(over) })}</>}
        </span>
        {extra}
        <span className="vw-comment-form__buttons">
          {onCancel && (
            <Button type="button" variant="ghost" size="sm" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
          <Button type="submit" size="sm" loading={sending} disabled={length === 0}>
            {submitLabel}
          </Button>
        </span>
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="vw-inline-error vw-comment-form__error">
          {error}
        </p>
      )}
      <p role="status" className="vz-sr-only">{saved}</p>
    </form>
  );
}
