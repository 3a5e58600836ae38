import { useCallback, useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import type { z } from 'zod';
import { errorMessage, serverFieldErrors, zodFieldErrors, type FieldErrors } from '../../lib/errors.ts';

/**
 * Form state shared by the app's forms: values, per-field errors (from the shared zod schema on the
 * client, or `data.fieldErrors` from the server), a top-level message, and focus on the first invalid
 * field after a failed submit.
 */
export function useForm<T extends Record<string, string>>(initial: T, formName: string) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (attempt === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  const field = useCallback(
    (name: keyof T & string) => ({
      name,
      value: values[name],
      error: errors[name],
      onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => {
        const value = event.target.value;
        setValues((v) => ({ ...v, [name]: value }));
        setErrors((e) => (e[name] ? { ...e, [name]: undefined } : e));
      },
    }),
    [values, errors],
  );

  /** Parses (optionally prepared) values with the shared schema; on failure shows the messages and returns null. */
  const validate = useCallback(
    <S extends z.ZodType>(schema: S, fallbackMessage: string, prepare: (values: T) => unknown = (v) => v): z.infer<S> | null => {
      const parsed = schema.safeParse(prepare(values));
      if (parsed.success) {
        setErrors({});
        setFormError(null);
        return parsed.data;
      }
      setErrors(zodFieldErrors(parsed.error, formName));
      setFormError(fallbackMessage);
      setAttempt((n) => n + 1);
      return null;
    },
    [values, formName],
  );

  /** Shows a server error: the per-field messages and the top-level one. */
  const fail = useCallback(
    (error: unknown) => {
      setErrors(serverFieldErrors(error));
      setFormError(errorMessage(error, formName));
      setAttempt((n) => n + 1);
    },
    [formName],
  );

  const handleSubmit = (run: () => Promise<void> | void) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    formRef.current = event.currentTarget;
    void run();
  };

  return { values, setValues, errors, formError, field, validate, fail, handleSubmit };
}
