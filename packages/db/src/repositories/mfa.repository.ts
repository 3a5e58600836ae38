import type { Em } from '../orm.ts';
import { RecoveryCode } from '../entities/recovery-code.entity.ts';
import { User } from '../entities/user.entity.ts';

/** TOTP state and recovery codes of a user. Secrets arrive already encrypted, codes already hashed. */
export const mfaRepository = (em: Em) => ({
  /** The user with the encrypted TOTP secret and the password hash loaded, fresh from the database. */
  userWithSecrets: (userId: string) =>
    em.findOne(User, { id: userId }, { populate: ['totpSecretEnc', 'passwordHash'], disableIdentityMap: true }),

  /**
   * Turns TOTP on with the confirmed secret and replaces the recovery codes, in one transaction.
   * False when TOTP was already on (a concurrent confirmation won).
   */
  enableTotp: (userId: string, secretEnc: string, acceptedStep: number, codeHashes: string[], now: Date) =>
    em.transactional(async (tx) => {
      const changed = await tx.nativeUpdate(User, { id: userId, totpEnabledAt: null }, { totpSecretEnc: secretEnc, totpEnabledAt: now, totpLastStep: acceptedStep });
      if (changed !== 1) return false;
      await tx.nativeDelete(RecoveryCode, { user: userId });
      await insertCodes(tx, userId, codeHashes, now);
      return true;
    }),

  /** Turns TOTP off and deletes the recovery codes. False when it was not on. */
  disableTotp: (userId: string) =>
    em.transactional(async (tx) => {
      const changed = await tx.nativeUpdate(User, { id: userId, totpEnabledAt: { $ne: null } }, { totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null });
      await tx.nativeDelete(RecoveryCode, { user: userId });
      return changed === 1;
    }),

  /**
   * Records `step` as the last accepted TOTP time step, only if it is later than the last one:
   * a code works once within its window, even under concurrent requests.
   */
  claimTotpStep: async (userId: string, step: number) =>
    (await em.nativeUpdate(User, { id: userId, totpEnabledAt: { $ne: null }, $or: [{ totpLastStep: null }, { totpLastStep: { $lt: step } }] }, { totpLastStep: step })) === 1,

  /** Replaces every recovery code of a user (only while TOTP is on). False when TOTP is off. */
  replaceRecoveryCodes: (userId: string, codeHashes: string[], now: Date) =>
    em.transactional(async (tx) => {
      if ((await tx.count(User, { id: userId, totpEnabledAt: { $ne: null } })) !== 1) return false;
      await tx.nativeDelete(RecoveryCode, { user: userId });
      await insertCodes(tx, userId, codeHashes, now);
      return true;
    }),

  /** Uses up an unused recovery code of this user: true for exactly one caller. */
  useRecoveryCode: async (userId: string, codeHash: string, now: Date) =>
    (await em.nativeUpdate(RecoveryCode, { user: userId, codeHash, usedAt: null }, { usedAt: now })) === 1,

  remainingRecoveryCodes: (userId: string) => em.count(RecoveryCode, { user: userId, usedAt: null }),
});

async function insertCodes(tx: Em, userId: string, codeHashes: string[], now: Date) {
  if (codeHashes.length === 0) return;
  await tx.insertMany(
    RecoveryCode,
    codeHashes.map((codeHash) => ({ id: crypto.randomUUID(), user: userId, codeHash, createdAt: now, usedAt: null })),
  );
}
