// Payment provider configuration from the environment: Hyperswitch when HYPERSWITCH_BASE_URL is set, the embedded
// sandbox otherwise. Production refuses to start with Hyperswitch but without its webhook key.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

export type PaymentsConfig =
  | {
      kind: 'hyperswitch';
      baseUrl: string;
      apiKey: string;
      publishableKey: string;
      /** The profile's `payment_response_hash_key`; without it (outside production) every webhook is refused. */
      webhookKey: string | undefined;
      timeoutMs: number;
    }
  | {
      kind: 'sandbox';
      /** Signs the sandbox's webhooks; shared by every instance when set, random per process otherwise. */
      webhookKey: string;
    };

const blankToUndefined = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const optionalSecret = (min: number) =>
  z.preprocess(blankToUndefined, z.string().trim().min(min, `must be at least ${min} characters`).optional());

const schema = z
  .object({
    NODE_ENV: z.preprocess(blankToUndefined, z.enum(['development', 'production', 'test']).default('development')),
    HYPERSWITCH_BASE_URL: z.preprocess(
      blankToUndefined,
      z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://sandbox.hyperswitch.io' }).optional(),
    ),
    HYPERSWITCH_API_KEY: optionalSecret(8),
    HYPERSWITCH_PUBLISHABLE_KEY: optionalSecret(8),
    HYPERSWITCH_WEBHOOK_KEY: optionalSecret(16),
    HYPERSWITCH_TIMEOUT_MS: z.preprocess(
      blankToUndefined,
      z.coerce.number().int('must be an integer').min(100).max(120_000).default(15_000),
    ),
    PAYMENTS_SANDBOX_WEBHOOK_KEY: optionalSecret(16),
  })
  .superRefine((env, ctx) => {
    if (!env.HYPERSWITCH_BASE_URL) return;
    if (!env.HYPERSWITCH_API_KEY) {
      ctx.addIssue({ code: 'custom', path: ['HYPERSWITCH_API_KEY'], message: 'required with HYPERSWITCH_BASE_URL' });
    }
    if (!env.HYPERSWITCH_PUBLISHABLE_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['HYPERSWITCH_PUBLISHABLE_KEY'],
        message: 'required with HYPERSWITCH_BASE_URL',
      });
    }
    if (!env.HYPERSWITCH_WEBHOOK_KEY && env.NODE_ENV === 'production') {
      ctx.addIssue({
        code: 'custom',
        path: ['HYPERSWITCH_WEBHOOK_KEY'],
        message: "required in production (the profile's payment_response_hash_key): webhooks could not be verified",
      });
    }
  });

/** Parses the payment settings; throws one Error listing every problem (variable: message). */
export function parsePaymentsConfig(env: Record<string, string | undefined>): PaymentsConfig {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid payment configuration:\n${lines.join('\n')}`);
  }
  const value = result.data;
  if (value.HYPERSWITCH_BASE_URL && value.HYPERSWITCH_API_KEY && value.HYPERSWITCH_PUBLISHABLE_KEY) {
    return {
      kind: 'hyperswitch',
      baseUrl: value.HYPERSWITCH_BASE_URL,
      apiKey: value.HYPERSWITCH_API_KEY,
      publishableKey: value.HYPERSWITCH_PUBLISHABLE_KEY,
      webhookKey: value.HYPERSWITCH_WEBHOOK_KEY,
      timeoutMs: value.HYPERSWITCH_TIMEOUT_MS,
    };
  }
  return { kind: 'sandbox', webhookKey: value.PAYMENTS_SANDBOX_WEBHOOK_KEY ?? randomBytes(32).toString('hex') };
}
