export type ShortcutAction =
  | { type: 'toggle' }
  | { type: 'seekBy'; seconds: number }
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'mute' }
  | { type: 'volumeBy'; delta: number }
  | { type: 'help' };

export const SHORTCUT_SEEK_S = 10;
export const SHORTCUT_VOLUME_STEP = 0.1;

type KeyLike = Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target' | 'defaultPrevented' | 'repeat'>;

/** True when the key press belongs to a text field or another widget that uses these keys itself. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable || el.closest('[contenteditable=""], [contenteditable="true"]')) return true;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(type);
  }
  return false;
}

/** Keys that a focused control handles on its own (Space on a button, arrows on a slider). */
function ownedByControl(target: EventTarget | null, key: string): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  if (key === ' ' && el.closest('button, a, [role="button"], [role="switch"], [role="menuitem"], summary')) return true;
  if (key.startsWith('Arrow') && el.closest('[role="slider"], [role="listbox"], [role="menu"], [role="radiogroup"]')) return true;
  return false;
}

/** Maps a global key press to a player action; null when the key is not a shortcut here. */
export function shortcutFor(event: KeyLike): ShortcutAction | null {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return null;
  if (isTypingTarget(event.target) || ownedByControl(event.target, event.key)) return null;
  const key = event.key;
  if (event.shiftKey) {
    if (key === 'N' || key === 'n') return { type: 'next' };
    if (key === 'P' || key === 'p') return { type: 'previous' };
    if (key === '?') return { type: 'help' };
    return null;
  }
  switch (key) {
    case ' ':
    case 'k':
    case 'K':
      return event.repeat ? null : { type: 'toggle' };
    case 'j':
    case 'J':
    case 'ArrowLeft':
      return { type: 'seekBy', seconds: -SHORTCUT_SEEK_S };
    case 'l':
    case 'L':
    case 'ArrowRight':
      return { type: 'seekBy', seconds: SHORTCUT_SEEK_S };
    case 'm':
    case 'M':
      return event.repeat ? null : { type: 'mute' };
    case 'ArrowUp':
      return { type: 'volumeBy', delta: SHORTCUT_VOLUME_STEP };
    case 'ArrowDown':
      return { type: 'volumeBy', delta: -SHORTCUT_VOLUME_STEP };
    case '?':
      return { type: 'help' };
    default:
      return null;
  }
}
