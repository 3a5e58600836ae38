import { trackTagSchema } from '@veza/validators';
import { useId, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import './track-metadata.css';

export interface TagsInputProps {
  label: string;
  hint?: string;
  value: string[];
  onChange: (tags: string[]) => void;
  /** An error for the whole list (e.g. from the server). */
  error?: string;
  max?: number;
  placeholder?: string;
  name?: string;
  /** Accessible names and announcements, in the page's language. */
  removeLabel: (tag: string) => string;
  addedMessage: (tag: string) => string;
  removedMessage: (tag: string) => string;
  fullMessage: string;
  /** Checks one tag; the default uses `trackTagSchema` with its English messages. */
  parseTag?: (raw: string) => { tag: string } | { error: string };
}

const defaultParse = (raw: string) => {
  const parsed = trackTagSchema.safeParse(raw);
  return parsed.success ? { tag: parsed.data } : { error: parsed.error.issues[0]?.message ?? '' };
};

/**
 * A chips input for tags: type and press Enter or a comma to add (pasting "a, b, c" adds three),
 * Backspace in the empty box removes the last one, each chip has its own remove button. Tags are
 * checked with the shared `trackTagSchema` (lower-cased, trimmed) and never added twice.
 */
export function TagsInput({
  label, hint, value, onChange, error, max = 10, placeholder, name, removeLabel, addedMessage, removedMessage, fullMessage, parseTag = defaultParse,
}: TagsInputProps) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState('');
  const [localError, setLocalError] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const shownError = localError ?? error;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = shownError ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;

  /** Adds the comma-separated tags of `text`; returns whether all of them were accepted. */
  const add = (text: string): boolean => {
    const next = [...value];
    const added: string[] = [];
    for (const raw of text.split(',')) {
      if (!raw.trim()) continue;
      const parsed = parseTag(raw);
      if ('error' in parsed) {
        setLocalError(parsed.error);
        if (added.length > 0) onChange(next);
        return false;
      }
      if (next.includes(parsed.tag)) continue;
      if (next.length >= max) {
        setLocalError(fullMessage);
        if (added.length > 0) onChange(next);
        return false;
      }
      next.push(parsed.tag);
      added.push(parsed.tag);
    }
    setLocalError(undefined);
    if (added.length > 0) {
      onChange(next);
      setAnnouncement(added.map(addedMessage).join(' '));
    }
    return true;
  };

  const removeAt = (index: number) => {
    const tag = value[index];
    if (tag === undefined) return;
    onChange(value.filter((_, i) => i !== index));
    setLocalError(undefined);
    setAnnouncement(removedMessage(tag));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      if (draft.trim() && add(draft)) setDraft('');
    } else if (event.key === 'Backspace' && draft === '' && value.length > 0) {
      event.preventDefault();
      removeAt(value.length - 1);
    }
  };

  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const text = event.clipboardData.getData('text');
    if (!text.includes(',')) return;
    event.preventDefault();
    if (add(draft + text)) setDraft('');
  };

  return (
    <div className={['vz-field', shownError && 'vz-field--invalid'].filter(Boolean).join(' ')}>
      <div className="vz-field__label-row">
        <label className="vz-field__label" htmlFor={id}>{label}</label>
      </div>
      <div className="vw-tags vz-input" onClick={() => inputRef.current?.focus()}>
        {value.length > 0 && (
          <ul className="vw-tags__list" aria-label={label}>
            {value.map((tag, index) => (
              <li key={tag} className="vw-tag">
                <span>{tag}</span>
                <button
                  type="button"
                  className="vw-tag__remove"
                  aria-label={removeLabel(tag)}
                  onClick={(event) => {
                    event.stopPropagation();
                    removeAt(index);
                    inputRef.current?.focus();
                  }}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          ref={inputRef}
          id={id}
          name={name}
          className="vw-tags__input"
          value={draft}
          placeholder={placeholder}
          autoComplete="off"
          enterKeyHint="enter"
          aria-invalid={shownError ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => {
            setDraft(event.target.value);
            if (localError) setLocalError(undefined);
          }}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onBlur={() => {
            if (draft.trim() && add(draft)) setDraft('');
          }}
        />
      </div>
      {hint && <p id={hintId} className="vz-field__hint">{hint}</p>}
      {shownError && <p id={errorId} className="vz-field__error">{shownError}</p>}
      <p className="vz-sr-only" aria-live="polite">{announcement}</p>
    </div>
  );
}
