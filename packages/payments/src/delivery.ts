// Delivers signed webhooks over HTTP the way Hyperswitch does: one POST per attempt, success on any 2xx, otherwise
// retried on Hyperswitch's documented schedule (1st retry 1 min after the original attempt, then 5, 5, 10×5, 1 h×5,
// 6 h×3 after the previous attempt: 16 retries over about 24 h). Used by the test server and the sandbox provider.
import { SIGNATURE_HEADER, signWebhookBody } from './signature.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Delays before each retry, in ms, from Hyperswitch's webhook documentation ("Webhook Delivery Behavior"). */
export const HYPERSWITCH_RETRY_DELAYS_MS: readonly number[] = [
  MINUTE,
  5 * MINUTE,
  5 * MINUTE,
  ...Array<number>(5).fill(10 * MINUTE),
  ...Array<number>(5).fill(HOUR),
  ...Array<number>(3).fill(6 * HOUR),
];

export interface DeliveryAttempt {
  eventId: string;
  /** 1 for the first delivery, then 2, 3… (manual deliveries continue the count). */
  attempt: number;
  /** Hyperswitch's `WebhookDeliveryAttempt` names. */
  kind: 'initial_attempt' | 'automatic_retry' | 'manual_retry';
  startedAt: Date;
  /** The receiver's HTTP status, or null when it could not be reached or timed out. */
  status: number | null;
  ok: boolean;
  error: string | null;
}

export interface WebhookDispatcherOptions {
  url: string;
  /** HMAC key (Hyperswitch's `payment_response_hash_key`). */
  key: string;
  /** Multiplies every retry delay (tests use e.g. 1/1000: the 1-minute retry comes after 60 ms). Default 1. */
  timeFactor?: number;
  retryDelaysMs?: readonly number[];
  /** Per-attempt timeout (default 10 s). */
  timeoutMs?: number;
  /** Extra headers sent with each delivery. */
  headers?: Record<string, string>;
  /** Called after every attempt (e.g. to record it durably). */
  onAttempt?: (attempt: DeliveryAttempt) => void;
  /** Called once an event is acknowledged with a 2xx. */
  onDelivered?: (eventId: string) => void;
}

interface Pending {
  eventId: string;
  body: string;
  retriesDone: number;
  timer: NodeJS.Timeout | null;
}

export class WebhookDispatcher {
  readonly #options: WebhookDispatcherOptions;
  #url: string;
  readonly #attempts: DeliveryAttempt[] = [];
  readonly #pending = new Map<Pending, Promise<void> | null>();
  readonly #countByEvent = new Map<string, number>();
  #closed = false;

  constructor(options: WebhookDispatcherOptions) {
    this.#options = options;
    this.#url = options.url;
  }

  /** Later attempts (including scheduled retries) go to this URL. */
  setUrl(url: string): void {
    this.#url = url;
  }

  /** Every attempt so far, in order. */
  attempts(eventId?: string): DeliveryAttempt[] {
    return this.#attempts.filter((a) => eventId === undefined || a.eventId === eventId);
  }

  /** Sends the body now, then retries on the schedule until a 2xx or the schedule ends. */
  deliver(eventId: string, body: string): void {
    if (this.#closed) return;
    const pending: Pending = { eventId, body, retriesDone: 0, timer: null };
    this.#run(pending, 'initial_attempt');
  }

  /** One extra delivery of the same bytes (a duplicate), not retried. */
  async deliverOnce(eventId: string, body: string): Promise<DeliveryAttempt> {
    return this.#attempt(eventId, body, 'manual_retry');
  }

  /** Resolves once no delivery is in flight or scheduled. */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  close(): void {
    this.#closed = true;
    for (const pending of this.#pending.keys()) if (pending.timer) clearTimeout(pending.timer);
    this.#pending.clear();
  }

  #run(pending: Pending, kind: DeliveryAttempt['kind']): void {
    const task = this.#attempt(pending.eventId, pending.body, kind).then((attempt) => {
      if (this.#closed) return;
      if (attempt.ok) {
        this.#pending.delete(pending);
        return;
      }
      const delays = this.#options.retryDelaysMs ?? HYPERSWITCH_RETRY_DELAYS_MS;
      const delay = delays[pending.retriesDone];
      if (delay === undefined) {
        this.#pending.delete(pending);
        return;
      }
      pending.retriesDone += 1;
      this.#pending.set(pending, null);
      pending.timer = setTimeout(
        () => {
          pending.timer = null;
          this.#run(pending, 'automatic_retry');
        },
        delay * (this.#options.timeFactor ?? 1),
      );
    });
    this.#pending.set(pending, task);
  }

  async #attempt(eventId: string, body: string, kind: DeliveryAttempt['kind']): Promise<DeliveryAttempt> {
    const count = (this.#countByEvent.get(eventId) ?? 0) + 1;
    this.#countByEvent.set(eventId, count);
    const startedAt = new Date();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(this.#url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signWebhookBody(body, this.#options.key),
          ...this.#options.headers,
        },
        body,
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? 10_000),
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
    }
    const attempt: DeliveryAttempt = {
      eventId,
      attempt: count,
      kind,
      startedAt,
      status,
      ok: status !== null && status >= 200 && status < 300,
      error,
    };
    this.#attempts.push(attempt);
    this.#options.onAttempt?.(attempt);
    if (attempt.ok) this.#options.onDelivered?.(eventId);
    return attempt;
  }
}
