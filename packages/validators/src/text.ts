import { z } from 'zod';

/**
 * Free text typed by people. Every string that is stored or searched goes through `text()`, so no input can
 * carry a NUL (PostgreSQL text cannot hold one), a terminal escape, a bidi line separator or a lone surrogate.
 * Multiline text (descriptions, bios, lyrics) keeps line breaks and tabs, with `\r\n` folded to `\n`.
 */
/* eslint-disable no-control-regex -- matching control characters is the point */
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\uD800-\uDFFF]/u;
const MULTILINE_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]|[\uD800-\uDFFF]/u;
const SINGLE_LINE_FORBIDDEN_ALL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\uD800-\uDFFF]/gu;
const MULTILINE_FORBIDDEN_ALL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]|[\uD800-\uDFFF]/gu;
/* eslint-enable no-control-regex */

export interface TextOptions {
  /** Keeps line breaks and tabs (descriptions, bios, lyrics). */
  multiline?: boolean;
}

/** True when `value` holds a character `text()` refuses. */
export const hasForbiddenCharacters = (value: string, opts: TextOptions = {}) =>
  (opts.multiline ? MULTILINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN).test(value);

/**
 * Removes what `text()` refuses, for text that does not come from a form (file tags, provider profiles):
 * there is nobody to show an error to, so it is cleaned instead. Single-line text turns line breaks into spaces.
 */
export function stripControlCharacters(value: string, opts: TextOptions = {}): string {
  if (opts.multiline) return value.replace(/\r\n?/g, '\n').replace(MULTILINE_FORBIDDEN_ALL, '');
  return value.replace(/[\r\n\t]+/g, ' ').replace(SINGLE_LINE_FORBIDDEN_ALL, '');
}

/**
 * A trimmed string with no control characters; chain `.min()` / `.max()` for the field's own limits.
 * `what` names the field in the message ("Title cannot contain control characters.").
 */
export function text(what: string, opts: TextOptions = {}) {
  const base = z.string(`${what} must be text.`).trim();
  const normalised = opts.multiline ? base.overwrite((s) => s.replace(/\r\n?/g, '\n')) : base;
  return normalised.refine((s) => !hasForbiddenCharacters(s, opts), {
    message: opts.multiline
      ? `${what} cannot contain control characters (line breaks and tabs are fine).`
      : `${what} cannot contain control characters.`,
    abort: true,
  });
}
