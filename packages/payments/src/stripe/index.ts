export {
  StripeConnectPayouts,
  accountIdempotencyKey,
  reversalIdempotencyKey,
  transferIdempotencyKey,
} from './connect.ts';
export type { StripeConnectOptions } from './connect.ts';
export { PayoutError, StripeWebhookSignatureError, toPayoutError } from './errors.ts';
export type { PayoutErrorKind, PayoutErrorOutcome } from './errors.ts';
export { DEFAULT_TRANSFER_RETRY_POLICY, decideTransferRetry, transferBackoffMs } from './retry-policy.ts';
export type { TransferFailure, TransferRetryDecision, TransferRetryPolicy } from './retry-policy.ts';
export type {
  ConnectedAccountStatus,
  CreateConnectedAccountInput,
  OnboardingLink,
  OnboardingLinkInput,
  PayoutProvider,
  PayoutWebhookEvent,
  PlatformBalance,
  ReversalInput,
  ReversalResult,
  TransferInput,
  TransferResult,
} from './types.ts';
