// The double-entry ledger (issue 13), on PGlite, or PostgreSQL when DATABASE_URL is set: postings are exactly-once
// by idempotency key (also when delivered concurrently), unbalanced or malformed ones are refused by the repository
// and, if anything slipped past it, by the database at commit; lines are append-only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing.ts';
import { LEDGER_ACCOUNTS, ledgerRepository, UnbalancedPostingError, type LedgerPosting } from './ledger.repository.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
}, 60_000);
afterAll(() => db.destroy());

const seller = '0b9b0d6e-5f43-4a57-9a55-0d1f7b1e2c3d';
const sale = (key: string, gross = 2_400): LedgerPosting => ({
  idempotencyKey: key,
  kind: 'payment',
  reference: `order:${key}`,
  currency: 'EUR',
  lines: [
    { account: LEDGER_ACCOUNTS.providerClearing('sandbox'), amountMinor: gross },
    { account: LEDGER_ACCOUNTS.platformVat, amountMinor: -400 },
    { account: LEDGER_ACCOUNTS.platformFees, amountMinor: -200 },
    { account: LEDGER_ACCOUNTS.sellerPending(seller), amountMinor: -(gross - 600) },
  ],
});
const count = async (sql: string) => Number((await db.executeSql(sql)).rows[0]?.n ?? -1);

describe('ledger', () => {
  it('posts a balanced transaction once per idempotency key, even delivered ten times at once', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => ledgerRepository(db.fork()).post(sale('pay-1'))));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.transactionId)).size).toBe(1);
    expect(await count(`select count(*) as n from ledger_transactions where idempotency_key = 'pay-1'`)).toBe(1);
    expect(await count(`select count(*) as n from ledger_lines l join ledger_transactions t on t.id = l.transaction_id where t.idempotency_key = 'pay-1'`)).toBe(4);
    const balances = await ledgerRepository(db.fork()).balances({ prefix: 'seller:' });
    expect(balances.get(LEDGER_ACCOUNTS.sellerPending(seller))).toBe(-1_800);
    expect(await ledgerRepository(db.fork()).trialBalance()).toEqual({ total: 0, unbalancedTransactions: 0 });
  });

  it('refuses the same key with other lines, and leaves the first posting as it was', async () => {
    await ledgerRepository(db.fork()).post(sale('pay-2'));
    await expect(ledgerRepository(db.fork()).post(sale('pay-2', 3_000))).rejects.toBeInstanceOf(UnbalancedPostingError);
    const balances = await ledgerRepository(db.fork()).balances({ accounts: [LEDGER_ACCOUNTS.providerClearing('sandbox'), 'nobody'] });
    expect(balances.get(LEDGER_ACCOUNTS.providerClearing('sandbox'))).toBe(4_800);
    expect(balances.has('nobody')).toBe(false);
  });

  it('refuses unbalanced, fractional, zero, one-line or currency-less postings without writing anything', async () => {
    const before = await count('select count(*) as n from ledger_transactions');
    const bad: LedgerPosting[] = [
      { ...sale('bad-1'), lines: [{ account: 'a', amountMinor: 100 }, { account: 'b', amountMinor: -99 }] },
      { ...sale('bad-2'), lines: [{ account: 'a', amountMinor: 100.5 }, { account: 'b', amountMinor: -100.5 }] },
      { ...sale('bad-3'), lines: [{ account: 'a', amountMinor: 0 }, { account: 'b', amountMinor: 0 }] },
      { ...sale('bad-4'), lines: [{ account: 'a', amountMinor: 0 }] },
      { ...sale('bad-5'), currency: 'euro' },
      { ...sale('bad-6'), lines: [{ account: '', amountMinor: 5 }, { account: 'b', amountMinor: -5 }] },
      { ...sale('bad-7'), lines: [{ account: 'a', amountMinor: Number.MAX_SAFE_INTEGER }, { account: 'b', amountMinor: 1 }, { account: 'c', amountMinor: -1 }] },
    ];
    for (const posting of bad) await expect(ledgerRepository(db.fork()).post(posting)).rejects.toBeInstanceOf(UnbalancedPostingError);
    expect(await count('select count(*) as n from ledger_transactions')).toBe(before);
  });

  it('is guarded by the database too: an unbalanced transaction cannot commit, and lines cannot change', async () => {
    const before = await count('select count(*) as n from ledger_lines');
    await expect(
      db.executeScript(`begin;
        insert into ledger_transactions (id, idempotency_key, kind, currency, created_at) values ('7d1e4c52-0f3b-4b8e-9a61-3c2b1a0f9e8d', 'raw-1', 'adjustment', 'EUR', now());
        insert into ledger_lines (transaction_id, account, amount_minor, created_at) values ('7d1e4c52-0f3b-4b8e-9a61-3c2b1a0f9e8d', 'a', 100, now()), ('7d1e4c52-0f3b-4b8e-9a61-3c2b1a0f9e8d', 'b', -90, now());
        commit;`),
    ).rejects.toThrow(/unbalanced/);
    await db.executeSql('rollback').catch(() => undefined);
    expect(await count('select count(*) as n from ledger_lines')).toBe(before);
    expect(await count(`select count(*) as n from ledger_transactions where idempotency_key = 'raw-1'`)).toBe(0);
    await expect(db.executeSql(`update ledger_lines set amount_minor = amount_minor + 1`)).rejects.toThrow(/append-only/);
    await expect(db.executeSql(`delete from ledger_lines`)).rejects.toThrow(/append-only/);
    expect(await count('select count(*) as n from ledger_lines')).toBe(before);
    expect(await ledgerRepository(db.fork()).trialBalance()).toEqual({ total: 0, unbalancedTransactions: 0 });
  });
});
