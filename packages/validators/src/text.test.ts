import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as validators from './index.ts';
import { bigintIdSchema, isBigintId, MAX_BIGINT } from './ids.ts';
import { stripControlCharacters, text } from './text.ts';

describe('text()', () => {
  it('trims, and refuses control characters, line separators and lone surrogates on one line', () => {
    const title = text('Title').max(10);
    expect(title.parse('  Song  ')).toBe('Song');
    for (const bad of ['a\u0000b', 'a\nb', 'a\tb', '\u001b[31m', 'a\u007f', 'a\u0085', 'a\u2028b', 'a\ud800b']) {
      expect(title.safeParse(bad).error?.issues[0]?.message).toBe('Title cannot contain control characters.');
    }
    expect(title.parse('Café 🎵')).toBe('Café 🎵');
  });

  it('keeps line breaks and tabs in multiline text, with \\r\\n folded to \\n', () => {
    const bio = text('Bio', { multiline: true });
    expect(bio.parse('one\r\ntwo\rthree\tfour\n')).toBe('one\ntwo\nthree\tfour');
    expect(bio.safeParse('nul\u0000').error?.issues[0]?.message).toBe('Bio cannot contain control characters (line breaks and tabs are fine).');
  });

  it('stripControlCharacters cleans what nobody typed (file tags, provider profiles)', () => {
    expect(stripControlCharacters('a\u0000b\r\nc\u0007')).toBe('ab c');
    expect(stripControlCharacters('a\u0000b\r\nc', { multiline: true })).toBe('ab\nc');
  });
});

describe('bigint ids', () => {
  it('accept 0 up to the largest bigint, nothing beyond', () => {
    expect(isBigintId('0')).toBe(true);
    expect(isBigintId(MAX_BIGINT.toString())).toBe(true);
    for (const bad of [(MAX_BIGINT + 1n).toString(), '9999999999999999999', '-1', '1e3', '', ' 1', '12345678901234567890']) expect(isBigintId(bad)).toBe(false);
    expect(bigintIdSchema('Bad id.').safeParse('9223372036854775808').error?.issues[0]?.message).toBe('Bad id.');
    expect(validators.onEventInput.safeParse({ lastEventId: '9223372036854775808' }).success).toBe(false);
    expect(validators.devMailboxListInput.safeParse({ cursor: '9223372036854775808' }).success).toBe(false);
  });
});

/** Fields that are not free text, and why no control character in them can reach the database. */
const NOT_TEXT: Record<string, string> = {
  password: 'hashed, never stored or searched as typed',
  newPassword: 'hashed, never stored or searched as typed',
  secret: 'a password or code, verified, never stored',
  ticket: 'hashed; its id part must be a uuid before any lookup',
  login: 'the auth service answers "incorrect sign-in" for any login with control characters, before the database',
  'usernameAvailableInput.username': 'judged by inspectUsername (a–z 0–9 . _ -) before any lookup',
};
const exempt = (path: string) => path in NOT_TEXT || (path.split('.').at(-1) ?? '') in NOT_TEXT;

type Field = { path: string; schema: z.ZodType };
/** Every field of every exported object schema (through optional, nullable, default and unions). */
function fieldsOf(name: string, schema: z.ZodType, out: Field[] = []): Field[] {
  const def = (schema as unknown as { _zod: { def: { type: string; innerType?: z.ZodType; options?: z.ZodType[]; shape?: Record<string, z.ZodType> } } })._zod.def;
  if (def.innerType) return fieldsOf(name, def.innerType, out);
  if (def.options) for (const option of def.options) fieldsOf(name, option, out);
  if (def.type === 'object' && def.shape) for (const [key, field] of Object.entries(def.shape)) out.push({ path: `${name}.${key}`, schema: field });
  return out;
}

describe('every text input of the validators', () => {
  it('refuses or removes control characters, so none reaches the database', () => {
    const fields = Object.entries(validators as Record<string, unknown>).flatMap(([name, schema]) =>
      schema instanceof z.ZodType ? fieldsOf(name, schema) : [],
    );
    expect(fields.length).toBeGreaterThan(30);
    const leaks: string[] = [];
    for (const { path, schema } of fields) {
      if (exempt(path)) continue;
      for (const value of ['ab\u0000cd', 'abcd\u0000', '\u001b[31mabc', 'ab\u007fcd']) {
        const parsed = schema.safeParse(value);
        // eslint-disable-next-line no-control-regex -- matching control characters is the point
        if (parsed.success && /[\u0000-\u0008\u000b-\u001f\u007f]/.test(JSON.stringify(parsed.data) ?? '')) leaks.push(`${path} ← ${JSON.stringify(value)}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
