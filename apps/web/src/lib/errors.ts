import { TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@veza/api';
import i18next from 'i18next';
import type { ZodError } from 'zod';

export type FieldErrors = Record<string, string | undefined>;

export interface ErrorInfo {
  code: string | null;
  httpStatus: number | null;
  /** Server message (English, written for people), or null for network failures. */
  message: string | null;
  fieldErrors: Record<string, string[] | undefined> | null;
}

export function errorInfo(error: unknown): ErrorInfo {
  if (error instanceof TRPCClientError) {
    const data = (error as TRPCClientError<AppRouter>).data;
    if (!data) return { code: null, httpStatus: null, message: null, fieldErrors: null };
    return { code: data.code, httpStatus: data.httpStatus, message: error.message, fieldErrors: data.fieldErrors ?? null };
  }
  return { code: null, httpStatus: null, message: null, fieldErrors: null };
}

export const isNotFound = (error: unknown) => errorInfo(error).code === 'NOT_FOUND';
export const isUnauthorized = (error: unknown) => errorInfo(error).code === 'UNAUTHORIZED';

/**
 * The API and the shared zod schemas write their messages in English. English shows them as they
 * are; other languages translate by key (error code, field, issue), falling back to the original.
 */
function localize(keys: string[], original: string, params: Record<string, unknown> = {}): string {
  if (i18next.resolvedLanguage === 'en') return original;
  return i18next.t(keys, { ...params, defaultValue: original });
}

/** One message per field from a failed client-side parse, in the current language. */
export function zodFieldErrors(error: ZodError, form: string): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (!field || out[field]) continue;
    const params: Record<string, unknown> = {};
    if ('minimum' in issue) params.minimum = Number(issue.minimum);
    if ('maximum' in issue) params.maximum = Number(issue.maximum);
    // Custom rules (e.g. usernames) name themselves in params.rule, with their own bounds.
    const custom = issue.code === 'custom' ? (issue.params as { rule?: unknown; minimum?: unknown; maximum?: unknown } | undefined) : undefined;
    if (custom?.minimum !== undefined) params.minimum = Number(custom.minimum);
    if (custom?.maximum !== undefined) params.maximum = Number(custom.maximum);
    const code = typeof custom?.rule === 'string' ? custom.rule : issue.code;
    out[field] = localize(
      [`validation.${form}.${field}.${code}`, `validation.${field}.${code}`, `validation.${code}`],
      issue.message,
      params,
    );
  }
  return out;
}

/** Per-field messages from a server error (`data.fieldErrors`). */
export function serverFieldErrors(error: unknown): FieldErrors {
  const { code, fieldErrors } = errorInfo(error);
  const out: FieldErrors = {};
  for (const [field, messages] of Object.entries(fieldErrors ?? {})) {
    const first = messages?.[0];
    if (first) out[field] = localize([`serverErrors.fields.${field}.${code}`], first);
  }
  return out;
}

/** The human message for an error, for a form (`login`, `signup`, …) or a screen. */
export function errorMessage(error: unknown, context?: string): string {
  const { code, message } = errorInfo(error);
  if (!code || !message) return i18next.t('common.networkError');
  const keys = context ? [`serverErrors.${context}.${code}`, `serverErrors.${code}`] : [`serverErrors.${code}`];
  return localize(keys, message);
}
