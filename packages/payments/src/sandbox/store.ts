// Where the sandbox provider keeps its payments, refunds and webhook outbox. The api backs it with its database;
// `MemorySandboxStore` (from "@veza/payments/testing") keeps it in memory. Every method must be atomic.
import type { HsIntentStatus } from '../hyperswitch/mapping.ts';
import type { PaymentRecord, RefundRecord } from '../hyperswitch/objects.ts';

export type { PaymentRecord, RefundRecord } from '../hyperswitch/objects.ts';

export interface OutboxEvent {
  eventId: string;
  /** The exact JSON body to deliver (signed at each attempt). */
  body: string;
  createdAt: Date;
  deliveredAt: Date | null;
}

export type InsertRefundResult =
  | { ok: true; refund: RefundRecord; created: boolean }
  | { ok: false; reason: 'exceeds_captured' };

export interface SandboxStore {
  /** Inserts the payment, or returns the one already stored under the same id (idempotent create). */
  insertPayment(record: PaymentRecord): Promise<{ payment: PaymentRecord; created: boolean }>;
  getPayment(id: string): Promise<PaymentRecord | null>;
  /** Applies `patch` only if the payment's status is one of `from` (compare-and-set); null when it was not. */
  transitionPayment(
    id: string,
    from: readonly HsIntentStatus[],
    patch: Partial<Omit<PaymentRecord, 'id'>>,
  ): Promise<PaymentRecord | null>;
  /**
   * Inserts the refund if the payment's captured amount still covers it (counting refunds not failed), atomically;
   * returns the stored one when the id exists already.
   */
  insertRefund(record: RefundRecord, capturedMinor: number): Promise<InsertRefundResult>;
  getRefund(id: string): Promise<RefundRecord | null>;
  /** Refunds still pending (to settle after a restart). */
  listPendingRefunds(): Promise<RefundRecord[]>;
  transitionRefund(
    id: string,
    from: readonly RefundRecord['status'][],
    patch: Partial<Omit<RefundRecord, 'id'>>,
  ): Promise<RefundRecord | null>;
  /** Stores the event to deliver (in the same transaction as the change it reports, in a database). */
  insertEvent(event: OutboxEvent): Promise<void>;
  markEventDelivered(eventId: string, at: Date): Promise<void>;
  listUndeliveredEvents(): Promise<OutboxEvent[]>;
}
