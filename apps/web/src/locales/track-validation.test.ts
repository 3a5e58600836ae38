import { text, trackTagSchema, updateTrackInput } from '@veza/validators';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { setLanguage } from '../i18n.ts';
import { zodFieldErrors } from '../lib/errors.ts';

/** The track editor's and the upload list's checks, as a French musician reads them (form name `track`). */
const edit = updateTrackInput.omit({ id: true });
const oneTag = z.object({ tag: trackTagSchema });
const message = (schema: z.ZodType, value: unknown, field: string) => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error(`${JSON.stringify(value)} should be refused`);
  return zodFieldErrors(parsed.error, 'track')[field];
};

describe('track field messages in French', () => {
  afterEach(() => setLanguage('en'));

  it('speaks of BPM, not characters, and never falls back to English', () => {
    setLanguage('fr');
    expect(message(edit, { bpm: 12 }, 'bpm')).toBe('Le BPM doit être compris entre 20 et 300.');
    expect(message(edit, { bpm: 400 }, 'bpm')).toBe('Le BPM doit être compris entre 20 et 300.');
    expect(message(edit, { bpm: 92.5 }, 'bpm')).toBe('Le BPM doit être un nombre entier.');
    expect(message(edit, { bpm: Number.NaN }, 'bpm')).toBe('Le BPM doit être un nombre entier.');
  });

  it('explains tags and keys in French', () => {
    setLanguage('fr');
    expect(message(oneTag, { tag: '' }, 'tag')).toBe('Un tag ne peut pas être vide.');
    expect(message(oneTag, { tag: 'x'.repeat(31) }, 'tag')).toBe('Un tag ne peut pas dépasser 30 caractères.');
    expect(message(oneTag, { tag: '<script>' }, 'tag')).toBe("Un tag ne contient que des lettres, des chiffres, des espaces et les signes - _ . & '.");
    expect(message(edit, { tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, 'tags')).toBe('10 tags au maximum.');
    expect(message(edit, { musicalKey: 'H major' }, 'musicalKey')).toBe('Choisissez une tonalité de la liste, par exemple « La mineur ».');
    expect(message(edit, { visibility: 'secret' }, 'visibility')).toBe('Choisissez Public, Non répertorié ou Privé.');
  });

  it('falls back to a French message, never to the English one, for a check without its own key', () => {
    setLanguage('fr');
    const note = z.object({ note: text('Note') });
    expect(message(note, { note: 'a\u0007b' }, 'note')).toBe("Cette valeur n'est pas valide.");
    expect(message(note, { note: 42 }, 'note')).toBe("Cette valeur n'est pas valide.");
    expect(message(z.object({ mood: z.enum(['calm', 'loud'], 'Choose a mood.') }), { mood: 'x' }, 'mood')).toBe("Cette valeur n'est pas valide.");
  });

  it('keeps the shared schema messages in English', () => {
    expect(message(edit, { bpm: 12 }, 'bpm')).toBe('BPM must be between 20 and 300.');
    expect(message(oneTag, { tag: '' }, 'tag')).toBe('Tags cannot be empty.');
  });
});
