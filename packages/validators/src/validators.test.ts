import { describe, expect, it } from 'vitest';
import { listTracksInput, loginInput, registerInput, updateProfileInput } from './index.ts';

describe('registerInput', () => {
  it('normalises email and username to lower case', () => {
    const parsed = registerInput.parse({ email: ' Ana@Example.COM ', username: 'Ana_Beats', password: 'correct horse' });
    expect(parsed).toEqual({ email: 'ana@example.com', username: 'ana_beats', password: 'correct horse' });
  });

  it('reports a message per invalid field', () => {
    const result = registerInput.safeParse({ email: 'nope', username: 'a', password: 'short' });
    expect(result.success).toBe(false);
    const fields = result.error?.flatten().fieldErrors;
    expect(fields?.email?.[0]).toMatch(/valid email/);
    expect(fields?.username?.[0]).toMatch(/at least 3/);
    expect(fields?.password?.[0]).toMatch(/at least 8/);
  });

  it('rejects usernames with path or URL characters', () => {
    for (const username of ['../admin', 'a/b', 'ana beats', '.hidden', 'é-accent']) {
      expect(registerInput.safeParse({ email: 'a@b.co', username, password: '12345678' }).success).toBe(false);
    }
  });
});

describe('other inputs', () => {
  it('login lower-cases the identifier but not the password', () => {
    expect(loginInput.parse({ login: 'ANA', password: 'PassWord' })).toEqual({ login: 'ana', password: 'PassWord' });
  });

  it('list defaults the page size and caps it', () => {
    expect(listTracksInput.parse(undefined)).toEqual({ limit: 20 });
    expect(listTracksInput.safeParse({ limit: 1000 }).success).toBe(false);
  });

  it('profile updates are partial and bounded', () => {
    expect(updateProfileInput.parse({ bio: ' hi ' })).toEqual({ bio: 'hi' });
    expect(updateProfileInput.safeParse({ displayName: 'x'.repeat(81) }).success).toBe(false);
  });
});

describe('track metadata', () => {
  it('normalises tags, dedupes them and bounds BPM and keys', async () => {
    const { updateTrackInput, MUSICAL_KEYS } = await import('./index.ts');
    const id = crypto.randomUUID();
    expect(updateTrackInput.parse({ id, tags: [' Lo-Fi ', 'lo-fi', 'Jazz & Soul'], bpm: 92, musicalKey: 'F# minor' })).toMatchObject({
      tags: ['lo-fi', 'jazz & soul'],
      bpm: 92,
      musicalKey: 'F# minor',
    });
    expect(MUSICAL_KEYS).toHaveLength(24);
    for (const bad of [{ bpm: 12 }, { bpm: 92.5 }, { musicalKey: 'H major' }, { tags: ['<script>'] }, { tags: Array(11).fill('x').map((x, i) => x + i) }, { lyrics: 'x'.repeat(10_001) }]) {
      expect(updateTrackInput.safeParse({ id, ...bad }).success, JSON.stringify(bad).slice(0, 40)).toBe(false);
    }
  });
});
