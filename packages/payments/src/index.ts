export * from './provider.ts';
export { SIGNATURE_HEADER, signWebhookBody, verifyWebhookSignature } from './signature.ts';
export { HYPERSWITCH_RETRY_DELAYS_MS, WebhookDispatcher } from './delivery.ts';
export type { DeliveryAttempt, WebhookDispatcherOptions } from './delivery.ts';
export { HyperswitchProvider } from './hyperswitch/provider.ts';
export type { HyperswitchProviderOptions } from './hyperswitch/provider.ts';
export { hyperswitchPaymentId, hyperswitchRefundId } from './hyperswitch/ids.ts';
export { parseOutgoingWebhook } from './hyperswitch/mapping.ts';
export type { components as HyperswitchComponents, paths as HyperswitchPaths } from './hyperswitch/openapi.ts';
export { parsePaymentsConfig } from './config.ts';
export type { PaymentsConfig } from './config.ts';
export { SandboxProvider } from './sandbox/provider.ts';
export type { SandboxProviderOptions } from './sandbox/provider.ts';
export type { InsertRefundResult, OutboxEvent, PaymentRecord, RefundRecord, SandboxStore } from './sandbox/store.ts';
export {
  DECLINING_TEST_CARDS,
  SUCCEEDING_TEST_CARDS,
  SandboxCardError,
  checkTestCard,
} from './sandbox/test-cards.ts';
export type { TestCardInput, TestCardOutcome } from './sandbox/test-cards.ts';
export * from './stripe/index.ts';
