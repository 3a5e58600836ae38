export { HyperswitchTestServer, startHyperswitchTestServer } from './hyperswitch-server.ts';
export type { HyperswitchTestServerOptions, SentEvent } from './hyperswitch-server.ts';
export { startWebhookReceiver } from './webhook-receiver.ts';
export type { ReceivedWebhook, WebhookReceiver } from './webhook-receiver.ts';
export { MemorySandboxStore } from '../sandbox/memory-store.ts';
export { STRIPE_TEST_API_VERSION, parseStripeForm, startStripeTestServer } from './stripe-server.ts';
export type {
  StripeFaultMode,
  StripeForm,
  StripeFormValue,
  StripeRecordedRequest,
  StripeRequirements,
  StripeTestAccount,
  StripeTestEvent,
  StripeTestReversal,
  StripeTestServer,
  StripeTestServerOptions,
  StripeTestTransfer,
  WebhookDelivery as StripeWebhookDelivery,
} from './stripe-server.ts';
