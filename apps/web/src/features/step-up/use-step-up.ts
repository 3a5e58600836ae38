import { TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@veza/api';
import { useMemo } from 'react';
import { create } from 'zustand';

/**
 * Step-up: sensitive API calls (2FA, passkeys, email, password, deletion, linked accounts) need a recent
 * sign-in. When one fails with `data.reason === 'step_up_required'`, the global dialog (<StepUpHost />,
 * rendered once in the layout) asks the user to confirm it is them (password, authenticator code,
 * recovery code or passkey), then the call is retried once.
 *
 * Usage, in any screen:
 *
 *   const changeEmail = trpc.account.changeEmail.useMutation();
 *   const stepUp = useStepUp();
 *   try {
 *     await stepUp.run(() => changeEmail.mutateAsync({ email }));
 *   } catch (error) {
 *     if (isStepUpCancelled(error)) return; // the user closed the dialog: nothing to report
 *     form.fail(error);
 *   }
 *
 * `withStepUp(fn)` is the same outside React. If the user cancels, the original error is rethrown,
 * marked so that `isStepUpCancelled(error)` is true.
 */

/** The machine-readable reason of an API error (`data.reason`: 'step_up_required', 'ticket_expired', …), if any. */
export function reasonOf(error: unknown): string | null {
  return error instanceof TRPCClientError ? ((error as TRPCClientError<AppRouter>).data?.reason ?? null) : null;
}

/** True for a tRPC error asking for a recent sign-in. */
export const isStepUpRequired = (error: unknown): boolean => reasonOf(error) === 'step_up_required';

const CANCELLED = Symbol('stepUpCancelled');

/** True when the user closed the step-up dialog instead of confirming: usually nothing to show. */
export function isStepUpCancelled(error: unknown): boolean {
  return typeof error === 'object' && error !== null && CANCELLED in error;
}

interface StepUpState {
  /** The dialog is open, waiting for the user. */
  open: boolean;
  /** Opens the dialog (or joins the pending request); resolves true once confirmed, false if cancelled. */
  request: () => Promise<boolean>;
  /** Called by the dialog. */
  settle: (confirmed: boolean) => void;
}

let waiting: ((confirmed: boolean) => void)[] = [];

export const useStepUpStore = create<StepUpState>()((set) => ({
  open: false,
  request: () =>
    new Promise<boolean>((resolve) => {
      waiting.push(resolve);
      set({ open: true });
    }),
  settle: (confirmed) => {
    const resolvers = waiting;
    waiting = [];
    set({ open: false });
    for (const resolve of resolvers) resolve(confirmed);
  },
}));

/** Runs `fn`; if it needs a step-up, asks for one and retries once. See the comment at the top of this file. */
export async function withStepUp<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (!isStepUpRequired(error)) throw error;
    const confirmed = await useStepUpStore.getState().request();
    if (!confirmed) {
      if (typeof error === 'object' && error !== null) Object.defineProperty(error, CANCELLED, { value: true });
      throw error;
    }
    return fn();
  }
}

/** `withStepUp` for components: `const stepUp = useStepUp(); await stepUp.run(() => m.mutateAsync(input))`. */
export function useStepUp() {
  return useMemo(() => ({ run: withStepUp }), []);
}
