import type { User } from '@veza/db';
import type { Context } from '../context.ts';

export type SecondFactorMethod = 'totp' | 'recovery' | 'passkey';

/** After a correct password for an account with 2FA: a single-use ticket for the second step. */
export async function startSecondFactor(_ctx: Pick<Context, 'deps' | 'em' | 'meta'>, _user: User): Promise<{ ticket: string; methods: SecondFactorMethod[] }> {
  throw new Error('Two-factor sign-in is not available yet.');
}
