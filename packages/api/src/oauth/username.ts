// A username for an account created through a provider: from the provider's handle or name, made valid for
// our rules (charset, length, not reserved, no look-alike of a reserved name) and unique.
import { randomInt } from 'node:crypto';
import type { Em } from '@veza/db';
import { usernameAvailability } from '../account/username.ts';

const MAX = 30;
/** Room left for a `_1234` suffix when the plain name is taken. */
const SUFFIXED_BASE = MAX - 5;
const ATTEMPTS = 12;

/** The handle as our charset allows it: accents dropped, other characters turned into `_`, 3–30 characters. */
export function usernameBase(hint: string | null): string {
  const ascii = (hint ?? '')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '_')
    .replace(/[_.-]{2,}/g, '_')
    .replace(/^[_.-]+|[_.-]+$/g, '')
    .slice(0, MAX)
    .replace(/[_.-]+$/, '');
  return ascii.length >= 3 ? ascii : 'listener';
}

/** Candidates in order: the base itself, then the base with random four-digit suffixes. */
export function* usernameCandidates(hint: string | null): Generator<string> {
  const base = usernameBase(hint);
  yield base;
  const stem = base.slice(0, SUFFIXED_BASE).replace(/[_.-]+$/, '');
  for (let i = 0; i < ATTEMPTS; i++) yield `${stem}_${randomInt(1000, 10_000)}`;
  // A reserved or crowded stem: fall back to a neutral one.
  for (let i = 0; i < ATTEMPTS; i++) yield `listener_${randomInt(100_000, 1_000_000)}`;
}

/** The first candidate the sign-up rules accept (valid, not reserved, no look-alike of a taken name); null if none is free. */
export async function pickUsername(em: Em, hint: string | null, skip: ReadonlySet<string> = new Set()): Promise<{ username: string; skeleton: string } | null> {
  for (const candidate of usernameCandidates(hint)) {
    if (skip.has(candidate)) continue;
    const check = await usernameAvailability(em, candidate);
    if (check.available) return { username: check.username, skeleton: check.skeleton };
  }
  return null;
}
