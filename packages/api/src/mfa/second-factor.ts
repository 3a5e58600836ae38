import { mfaRepository, type User } from '@veza/db';
import type { Context } from '../context.ts';
import { audit } from '../security/audit.ts';
import { decryptSecret, sha256 } from './crypto.ts';
import { matchTotpStep, normaliseRecoveryCode } from './totp.ts';
import { notifySecurityChange } from '../security/notify.ts';

type Ctx = Pick<Context, 'deps' | 'em' | 'meta'>;

/** Where a user's TOTP secret is bound (AES-GCM additional data): it only decrypts for that user. */
export const totpContext = (userId: string) => `totp:${userId}`;

/**
 * What a second-factor check found: `ok` (the code is now spent), `wrong`, or `reused`: a genuine TOTP code
 * whose time step is not later than the last accepted one (e.g. the code that just turned 2FA on). Replaying it
 * is refused all the same; the person only needs to wait for the next code.
 */
export type SecondFactorCheck = 'ok' | 'wrong' | 'reused';

/**
 * Checks a TOTP or recovery code for `user` (loaded with `totpSecretEnc`) and spends it:
 * a TOTP code's time step must be later than the last accepted one, a recovery code is marked used.
 * Both are atomic conditional updates, so of two concurrent uses of one code only one succeeds.
 */
export async function checkSecondFactor(ctx: Ctx, user: User, method: 'totp' | 'recovery', code: string, now: Date): Promise<SecondFactorCheck> {
  const mfa = mfaRepository(ctx.em);
  if (!user.totpEnabledAt) return 'wrong';
  if (method === 'totp') {
    if (!user.totpSecretEnc) return 'wrong';
    const secret = decryptSecret(ctx.deps.security.encryptionKey, user.totpSecretEnc, totpContext(user.id));
    const step = matchTotpStep(secret, code, now.getTime());
    if (step === null) return 'wrong';
    return (await mfa.claimTotpStep(user.id, step)) ? 'ok' : 'reused';
  }
  const used = await mfa.useRecoveryCode(user.id, sha256(normaliseRecoveryCode(code)), now);
  if (used) {
    const remaining = await mfa.remainingRecoveryCodes(user.id);
    await audit(ctx, 'mfa.recovery_code_used', { actorId: user.id }, { remaining });
    await notifySecurityChange(ctx, user.id, 'recovery_code_used');
  }
  return used ? 'ok' : 'wrong';
}
