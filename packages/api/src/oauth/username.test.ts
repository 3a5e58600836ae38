import { inspectUsername } from '@veza/validators';
import { describe, expect, it } from 'vitest';
import { usernameBase, usernameCandidates } from './username.ts';

describe('usernameBase', () => {
  it('turns provider handles and names into our charset', () => {
    expect(usernameBase('Octo-Cat')).toBe('octo-cat');
    expect(usernameBase('Renée Lefèvre')).toBe('renee_lefevre');
    expect(usernameBase('__dj..spot__')).toBe('dj_spot');
    expect(usernameBase('ab')).toBe('listener');
    expect(usernameBase('✨🎵')).toBe('listener');
    expect(usernameBase(null)).toBe('listener');
    expect(usernameBase('x'.repeat(40))).toBe('x'.repeat(30));
  });

  it('always yields names our own rules accept, except reserved ones the picker skips', () => {
    for (const hint of ['Ana Lima', 'a.b-c_d', 'ÄÖÜ', '0123', 'Ωmega', 'admin', '-lead', 'trail-', 'x'.repeat(64)]) {
      for (const candidate of [...usernameCandidates(hint)].slice(0, 3)) {
        expect(candidate.length).toBeGreaterThanOrEqual(3);
        expect(candidate.length).toBeLessThanOrEqual(30);
        expect(candidate).toMatch(/^[a-z0-9][a-z0-9_.-]*$/);
      }
    }
    expect(inspectUsername(usernameBase('admin')).ok).toBe(false);
    const [, suffixed] = [...usernameCandidates('admin')];
    expect(suffixed).toMatch(/^admin_\d{4}$/);
    expect(inspectUsername(suffixed ?? '').ok).toBe(true);
  });
});
