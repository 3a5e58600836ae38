/** The JSON error body of Veza's plain HTTP routes: `{ error: { code, message } }`. */
export interface ApiErrorBody {
  error?: { code?: string; message?: string };
}

/** A failed plain-HTTP request (upload, cover): the status and, when the server sent one, its code and message. */
export type HttpFailure =
  | { reason: 'aborted' }
  | { reason: 'network' }
  | { reason: 'http'; status: number; code: string | null; message: string | null };

export function parseJson<T>(text: string | null | undefined): Partial<T> {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Partial<T>) : {};
  } catch {
    return {};
  }
}

export function httpFailure(status: number, body: string | null | undefined): HttpFailure {
  const parsed = parseJson<ApiErrorBody>(body);
  return { reason: 'http', status, code: parsed.error?.code ?? null, message: parsed.error?.message ?? null };
}
