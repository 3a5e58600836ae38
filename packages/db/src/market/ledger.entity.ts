import { defineEntity, p } from '@mikro-orm/core';

/**
 * The marketplace's double-entry ledger (issue 13): every movement of money (a payment captured, the platform's
 * fee, VAT collected, a seller's or collaborator's share, a transfer paid out, a refund, a reversal) is one
 * transaction of two or more lines whose amounts sum to zero, in integer minor units of one currency. Lines are never
 * updated or deleted (a mistake is corrected by a new transaction); both rules are enforced by the database itself
 * (triggers of Migration20261207195752_market_catalogue_ledger), not only by ledger.repository. `idempotencyKey`
 * makes posting exactly-once: the same business event (e.g. `payment:<provider payment id>`) posts once however
 * often it is delivered.
 */
const LedgerTransactionSchema = defineEntity({
  name: 'LedgerTransaction',
  tableName: 'ledger_transactions',
  properties: {
    id: p.uuid().primary(),
    idempotencyKey: p.string().length(200).unique(),
    /** What happened: payment, fee, refund, transfer, reversal, adjustment… */
    kind: p.string().length(40),
    /** The business object it belongs to (e.g. an order's id), for statements and reconciliation. */
    reference: p.string().length(200).nullable().index(),
    currency: p.string().length(3),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class LedgerTransaction extends LedgerTransactionSchema.class {}
LedgerTransactionSchema.setClass(LedgerTransaction);
export { LedgerTransactionSchema };

/**
 * One side of a transaction: `amountMinor` > 0 debits `account`, < 0 credits it. Accounts are named by kind and
 * owner (ledger.repository LEDGER_ACCOUNTS): `provider:<name>:clearing`, `platform:fees`, `platform:vat`,
 * `seller:<user id>:pending`, `seller:<user id>:available`, `seller:<user id>:paid_out`, `buyer:refunds`…
 */
const LedgerLineSchema = defineEntity({
  name: 'LedgerLine',
  tableName: 'ledger_lines',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    transaction: () => p.manyToOne(LedgerTransaction).deleteRule('restrict').index(),
    account: p.string().length(120),
    amountMinor: p.bigint('number'),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [{ name: 'ledger_lines_account_idx', properties: ['account', 'id'] }],
  // Declared so the schema diff keeps them; their functions (`<table>_<trigger>_fn`, MikroORM's convention) are
  // created by the migration.
  triggers: [
    {
      name: 'ledger_lines_no_update_delete',
      timing: 'before',
      events: ['update', 'delete'],
      expression: 'create trigger ledger_lines_no_update_delete before update or delete on "ledger_lines" for each row execute function ledger_lines_ledger_lines_no_update_delete_fn();',
    },
    {
      name: 'ledger_lines_balanced',
      timing: 'after',
      events: ['insert'],
      expression:
        'create constraint trigger ledger_lines_balanced after insert on "ledger_lines" deferrable initially deferred for each row execute function ledger_lines_ledger_lines_balanced_fn();',
    },
  ],
});

export class LedgerLine extends LedgerLineSchema.class {}
LedgerLineSchema.setClass(LedgerLine);
export { LedgerLineSchema };
