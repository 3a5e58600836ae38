import type { TFunction } from 'i18next';

/** The stored form of a key, as in @veza/validators MUSICAL_KEYS: a note C…B with an optional sharp, then the mode. */
const KEY = /^([A-G]#?) (major|minor)$/;

/**
 * A musical key for display in the active language: "A minor" reads "A minor" in English and "La mineur" in French,
 * "C# major" reads "C♯ major" / "Do♯ majeur". The names are translations (musicalKey.* in the locale files), so no
 * Intl is needed. A value outside the list is shown as stored.
 */
export function formatMusicalKey(key: string, t: TFunction): string {
  const match = KEY.exec(key);
  if (!match) return key;
  const [, note, mode] = match;
  return t(`musicalKey.${mode}`, { note: t(`musicalKey.notes.${note}`) });
}
