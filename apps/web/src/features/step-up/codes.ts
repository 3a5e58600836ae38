import { recoveryCodeSchema, totpCodeSchema } from '@veza/validators';
import { z } from 'zod';

/** Form-shaped schemas over the shared ones, so field errors land on the right input. */
export const codeInput = z.object({ code: totpCodeSchema });
export const recoveryInput = z.object({ recoveryCode: recoveryCodeSchema });
export const passwordInput = z.object({ password: z.string().min(1, 'Enter your password.').max(128, 'Password must be at most 128 characters.') });
