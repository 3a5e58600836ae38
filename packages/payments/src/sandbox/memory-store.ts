import type { InsertRefundResult, OutboxEvent, PaymentRecord, RefundRecord, SandboxStore } from './store.ts';

const copy = <T extends object>(value: T): T => structuredClone(value);

/** The sandbox store in memory (tests, and development without a database). */
export class MemorySandboxStore implements SandboxStore {
  readonly #payments = new Map<string, PaymentRecord>();
  readonly #refunds = new Map<string, RefundRecord>();
  readonly #events = new Map<string, OutboxEvent>();

  async insertPayment(record: PaymentRecord): Promise<{ payment: PaymentRecord; created: boolean }> {
    const existing = this.#payments.get(record.id);
    if (existing) return { payment: copy(existing), created: false };
    this.#payments.set(record.id, copy(record));
    return { payment: copy(record), created: true };
  }

  async getPayment(id: string): Promise<PaymentRecord | null> {
    const record = this.#payments.get(id);
    return record ? copy(record) : null;
  }

  async transitionPayment(
    id: string,
    from: readonly PaymentRecord['status'][],
    patch: Partial<Omit<PaymentRecord, 'id'>>,
  ): Promise<PaymentRecord | null> {
    const record = this.#payments.get(id);
    if (!record || !from.includes(record.status)) return null;
    Object.assign(record, copy(patch));
    return copy(record);
  }

  async insertRefund(record: RefundRecord, capturedMinor: number): Promise<InsertRefundResult> {
    const existing = this.#refunds.get(record.id);
    if (existing) return { ok: true, refund: copy(existing), created: false };
    let refunded = 0;
    for (const refund of this.#refunds.values()) {
      if (refund.paymentId === record.paymentId && refund.status !== 'failed') refunded += refund.amountMinor;
    }
    if (refunded + record.amountMinor > capturedMinor) return { ok: false, reason: 'exceeds_captured' };
    this.#refunds.set(record.id, copy(record));
    return { ok: true, refund: copy(record), created: true };
  }

  async getRefund(id: string): Promise<RefundRecord | null> {
    const record = this.#refunds.get(id);
    return record ? copy(record) : null;
  }

  async listPendingRefunds(): Promise<RefundRecord[]> {
    return [...this.#refunds.values()].filter((r) => r.status === 'pending').map(copy);
  }

  async transitionRefund(
    id: string,
    from: readonly RefundRecord['status'][],
    patch: Partial<Omit<RefundRecord, 'id'>>,
  ): Promise<RefundRecord | null> {
    const record = this.#refunds.get(id);
    if (!record || !from.includes(record.status)) return null;
    Object.assign(record, copy(patch));
    return copy(record);
  }

  async insertEvent(event: OutboxEvent): Promise<void> {
    if (!this.#events.has(event.eventId)) this.#events.set(event.eventId, copy(event));
  }

  async markEventDelivered(eventId: string, at: Date): Promise<void> {
    const event = this.#events.get(eventId);
    if (event && !event.deliveredAt) event.deliveredAt = new Date(at);
  }

  async listUndeliveredEvents(): Promise<OutboxEvent[]> {
    return [...this.#events.values()].filter((e) => !e.deliveredAt).map(copy);
  }
}
