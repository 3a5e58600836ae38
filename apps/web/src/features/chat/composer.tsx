import { MESSAGE_MAX_LENGTH } from '@veza/validators';
import { Button } from '@veza/ui';
import { useEffect, useId, useMemo, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { nameOf, previewOf, type MessageDto, type UserSummary } from './chat-store.ts';
import { EMOJI_GROUPS } from './emoji.ts';
import { renderMarkdown } from './markdown.tsx';
import { ReplyQuote } from './reply-quote.tsx';

/** The counter shows from this many characters. */
export const COUNTER_FROM = MESSAGE_MAX_LENGTH - 500;
/** Mention suggestions shown at once. */
const MAX_SUGGESTIONS = 8;

export interface ComposerProps {
  /** Sends a new message (or a reply when `replyTo` is set). */
  onSend: (body: string) => void;
  /** Saves an edit of `editing`. Resolves when saved; rejects with a message to show. */
  onSaveEdit: (message: MessageDto, body: string) => Promise<void>;
  /** The message being edited, or null. */
  editing: MessageDto | null;
  onEditLast: () => void;
  onCancelEdit: () => void;
  replyTo: MessageDto | null;
  onCancelReply: () => void;
  /** People to suggest after `@`. */
  members: UserSummary[];
  /** Called as the user types (throttled by the caller). */
  onTyping?: () => void;
  /** Why sending is not possible right now (muted…), shown instead of the send button's action. */
  disabledReason?: string | null;
  /** Slow mode: the room's interval, to tell members. */
  slowModeSeconds?: number;
  label: string;
}

interface MentionQuery {
  /** Where the `@` is. */
  start: number;
  query: string;
}

/** The `@partial` just before the caret, if any. */
export function mentionAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const m = /(^|[^\p{L}\p{N}_.@])@([a-z0-9_.-]{0,30})$/iu.exec(before);
  if (!m) return null;
  return { start: caret - m[2]!.length - 1, query: m[2]!.toLowerCase() };
}

/**
 * The message box. Enter sends, Shift+Enter starts a new line; Up in an empty box edits my last message; Escape
 * cancels an edit or a reply. `@` suggests room members (a combobox: arrows move, Enter or Tab picks, Escape
 * closes). Markdown-lite with a preview, a small emoji grid and a counter as the 4,000-character limit nears.
 */
export function Composer({ onSend, onSaveEdit, editing, onEditLast, onCancelEdit, replyTo, onCancelReply, members, onTyping, disabledReason, slowModeSeconds = 0, label }: ComposerProps) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState('');
  const [draft, setDraft] = useState('');
  const [preview, setPreview] = useState(false);
  const [emojiOpen, setEmojiOpen] = useState(false);
  const [editError, setEditError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [mention, setMention] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);

  // Entering and leaving edit mode swaps the box's text (the draft comes back afterwards).
  const editingId = editing?.id ?? null;
  const [shownEdit, setShownEdit] = useState<string | null>(null);
  if (shownEdit !== editingId) {
    setShownEdit(editingId);
    if (editing) {
      if (shownEdit === null) setDraft(text);
      setText(editing.body);
      setEditError(null);
    } else {
      setText(draft);
      setDraft('');
    }
  }
  useEffect(() => {
    const box = ref.current;
    if (!editingId || !box) return;
    box.focus();
    box.setSelectionRange(box.value.length, box.value.length);
  }, [editingId]);

  useEffect(() => {
    if (replyTo) ref.current?.focus();
  }, [replyTo]);

  const suggestions = useMemo(() => {
    if (!mention) return [];
    return members.filter((m) => m.username.startsWith(mention.query) || (m.displayName ?? '').toLowerCase().startsWith(mention.query)).slice(0, MAX_SUGGESTIONS);
  }, [mention, members]);
  const listOpen = mention !== null && suggestions.length > 0;

  const trimmed = text.trim();
  const length = trimmed.length;
  const tooLong = length > MESSAGE_MAX_LENGTH;
  const blocked = Boolean(disabledReason);

  const submit = async () => {
    if (!trimmed || tooLong || saving) return;
    if (editing) {
      if (trimmed === editing.body.trim()) {
        onCancelEdit();
        return;
      }
      setSaving(true);
      try {
        await onSaveEdit(editing, trimmed);
        onCancelEdit();
      } catch (error) {
        setEditError(error instanceof Error ? error.message : String(error));
      } finally {
        setSaving(false);
      }
      return;
    }
    if (blocked) return;
    onSend(trimmed);
    setText('');
    setPreview(false);
  };

  const pick = (user: UserSummary) => {
    if (!mention) return;
    const caret = ref.current?.selectionStart ?? text.length;
    const next = `${text.slice(0, mention.start)}@${user.username} ${text.slice(caret)}`;
    setText(next);
    setMention(null);
    const at = mention.start + user.username.length + 2;
    requestAnimationFrame(() => ref.current?.setSelectionRange(at, at));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (listOpen) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((i) => (i + step + suggestions.length) % suggestions.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        pick(suggestions[active] ?? suggestions[0]!);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setMention(null);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void submit();
      return;
    }
    if (event.key === 'Escape') {
      if (editing) {
        event.preventDefault();
        onCancelEdit();
      } else if (replyTo) {
        event.preventDefault();
        onCancelReply();
      }
      return;
    }
    if (event.key === 'ArrowUp' && !editing && text === '' && !event.shiftKey && !event.altKey && !event.metaKey && !event.ctrlKey) {
      event.preventDefault();
      onEditLast();
    }
  };

  const onChange = (event: ChangeEvent<HTMLTextAreaElement>) => {
    const value = event.target.value;
    setText(value);
    const next = mentionAt(value, event.target.selectionStart ?? value.length);
    setMention(next);
    setActive(0);
    if (value.trim() && !editing) onTyping?.();
  };

  const insert = (emoji: string) => {
    const box = ref.current;
    const start = box?.selectionStart ?? text.length;
    const end = box?.selectionEnd ?? text.length;
    setText(`${text.slice(0, start)}${emoji}${text.slice(end)}`);
    setEmojiOpen(false);
    requestAnimationFrame(() => {
      box?.focus();
      box?.setSelectionRange(start + emoji.length, start + emoji.length);
    });
  };

  const counterId = `${id}-counter`;
  const hintId = `${id}-hint`;
  const listId = `${id}-mentions`;

  return (
    <div className="vw-composer">
      {editing && (
        <div className="vw-composer__chip">
          <span>{t('chat.composer.editing')}</span>
          <button type="button" className="vw-link-button" onClick={onCancelEdit}>{t('chat.composer.cancelEdit')}</button>
        </div>
      )}
      {replyTo && !editing && (
        <div className="vw-composer__chip">
          <ReplyQuote preview={previewOf(replyTo)}>
            <span className="vz-sr-only">{t('chat.composer.replyingTo', { name: nameOf(replyTo.author, '') })}</span>
          </ReplyQuote>
          <button type="button" className="vw-link-button" onClick={onCancelReply} aria-label={t('chat.composer.cancelReply')}>✕</button>
        </div>
      )}
      {editError && <p className="vw-inline-error" role="alert">{editError}</p>}
      {disabledReason && !editing && <p className="vw-composer__blocked" role="status">{disabledReason}</p>}
      <div className="vw-composer__box">
        {preview ? (
          <div className="vw-composer__preview" aria-label={t('chat.composer.previewLabel')} role="region">
            {trimmed ? renderMarkdown(trimmed) : <span className="vw-muted">{t('chat.composer.nothingToPreview')}</span>}
          </div>
        ) : (
          <textarea
            ref={ref}
            className="vw-composer__input"
            rows={1}
            value={text}
            onChange={onChange}
            onKeyDown={onKeyDown}
            onBlur={() => setMention(null)}
            aria-label={editing ? t('chat.composer.editLabel') : label}
            placeholder={editing ? t('chat.composer.editLabel') : label}
            aria-describedby={`${hintId}${length >= COUNTER_FROM ? ` ${counterId}` : ''}`}
            aria-invalid={tooLong || undefined}
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={listOpen}
            aria-controls={listId}
            aria-activedescendant={listOpen ? `${listId}-${active}` : undefined}
            enterKeyHint="send"
          />
        )}
        <ul id={listId} role="listbox" className="vw-composer__mentions" aria-label={t('chat.composer.mentionList')} hidden={!listOpen}>
          {listOpen &&
            suggestions.map((user, i) => (
              <li
                key={user.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className="vw-composer__mention"
                onMouseDown={(event) => {
                  event.preventDefault();
                  pick(user);
                }}
              >
                <strong>@{user.username}</strong> {user.displayName && <span className="vw-muted">{user.displayName}</span>}
              </li>
            ))}
        </ul>
        <div className="vw-composer__tools">
          <div className="vw-composer__emoji">
            <button type="button" className="vz-icon-button" aria-label={t('chat.composer.emoji')} aria-expanded={emojiOpen} onClick={() => setEmojiOpen((o) => !o)}>
              <span aria-hidden="true">🙂</span>
            </button>
            {emojiOpen && <EmojiGrid onPick={insert} onClose={() => setEmojiOpen(false)} />}
          </div>
          <button type="button" className="vw-link-button" aria-pressed={preview} onClick={() => setPreview((p) => !p)}>
            {t('chat.composer.preview')}
          </button>
          {length >= COUNTER_FROM && (
            <span id={counterId} className={`vw-composer__counter${tooLong ? ' vw-composer__counter--over' : ''}`} aria-live="polite">
              {tooLong ? t('chat.composer.tooLong', { count: length - MESSAGE_MAX_LENGTH }) : t('chat.composer.left', { count: MESSAGE_MAX_LENGTH - length })}
            </span>
          )}
          <Button type="button" size="sm" onClick={() => void submit()} disabled={!trimmed || tooLong || (blocked && !editing)} loading={saving}>
            {editing ? t('chat.composer.save') : t('chat.composer.send')}
          </Button>
        </div>
      </div>
      <p id={hintId} className="vw-composer__hint">
        {t('chat.composer.hint')}
        {slowModeSeconds > 0 && ` ${t('chat.composer.slowMode', { count: slowModeSeconds })}`}
      </p>
    </div>
  );
}

function EmojiGrid({ onPick, onClose }: { onPick: (emoji: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector('button')?.focus();
  }, []);
  return (
    <div
      ref={ref}
      className="vw-emoji-grid"
      role="dialog"
      aria-label={t('chat.composer.emoji')}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      {EMOJI_GROUPS.map((group) => (
        <section key={group.id} aria-label={t(`chat.emoji.${group.id}`)}>
          <h3 className="vw-emoji-grid__title">{t(`chat.emoji.${group.id}`)}</h3>
          <div className="vw-emoji-grid__cells">
            {group.emoji.map((emoji) => (
              <button key={emoji} type="button" className="vw-emoji-grid__cell" onClick={() => onPick(emoji)}>
                {emoji}
              </button>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
