// Posting to the double-entry ledger (ledger.entity.ts) and reading balances. A posting is checked here (integers,
// two lines or more, summing to zero, one currency) and again by the database at commit (a deferred constraint
// trigger), so no code path can leave the books unbalanced; lines are append-only (a trigger refuses updates and
// deletes).
import type { Em } from '../orm.ts';

/** The ledger's account names; `owner` is a user id. */
export const LEDGER_ACCOUNTS = {
  /** Money the payment provider holds for us (captured payments not yet settled, minus refunds). */
  providerClearing: (provider: string) => `provider:${provider}:clearing`,
  platformFees: 'platform:fees',
  platformVat: 'platform:vat',
  /** A seller's (or collaborator's) earnings not yet transferable (the payment has not settled). */
  sellerPending: (owner: string) => `seller:${owner}:pending`,
  sellerAvailable: (owner: string) => `seller:${owner}:available`,
  sellerPaidOut: (owner: string) => `seller:${owner}:paid_out`,
} as const;

export interface LedgerLineInput {
  account: string;
  /** > 0 debits the account, < 0 credits it; never 0. */
  amountMinor: number;
}

export interface LedgerPosting {
  idempotencyKey: string;
  kind: string;
  reference?: string | null;
  currency: string;
  lines: LedgerLineInput[];
}

/** A posting the ledger refuses (a programming error: money code must never build one). */
export class UnbalancedPostingError extends Error {
  override readonly name = 'UnbalancedPostingError';
}

function check(posting: LedgerPosting): void {
  if (!/^[A-Z]{3}$/.test(posting.currency)) throw new UnbalancedPostingError(`Not a currency code: ${posting.currency}`);
  if (posting.lines.length < 2) throw new UnbalancedPostingError('A ledger transaction has two lines or more.');
  let sum = 0;
  for (const line of posting.lines) {
    if (!Number.isSafeInteger(line.amountMinor) || line.amountMinor === 0) throw new UnbalancedPostingError(`A line's amount is a non-zero whole number of minor units (${line.account}: ${line.amountMinor}).`);
    if (line.account.length === 0 || line.account.length > 120) throw new UnbalancedPostingError('A line names its account (at most 120 characters).');
    sum += line.amountMinor;
  }
  if (!Number.isSafeInteger(sum) || sum !== 0) throw new UnbalancedPostingError(`A ledger transaction sums to zero (this one: ${sum}).`);
}

const sameLines = (a: LedgerLineInput[], b: LedgerLineInput[]) => {
  const key = (lines: LedgerLineInput[]) => lines.map((l) => `${l.account}\u0000${l.amountMinor}`).sort().join('\u0001');
  return key(a) === key(b);
};

export const ledgerRepository = (em: Em) => ({
  /**
   * Posts `posting` once: the first call with its idempotency key writes it (`created`), later ones return the same
   * transaction without writing. The same key with other lines is refused (two events under one key is a bug that
   * would otherwise lose money silently). Runs in the caller's transaction when there is one.
   */
  async post(posting: LedgerPosting): Promise<{ transactionId: string; created: boolean }> {
    check(posting);
    return em.transactional(async (tx) => {
      const inserted = await tx.execute<{ id: string }[]>(
        `insert into ledger_transactions (id, idempotency_key, kind, reference, currency, created_at)
         values (gen_random_uuid(), ?, ?, ?, ?, now()) on conflict (idempotency_key) do nothing returning id`,
        [posting.idempotencyKey, posting.kind, posting.reference ?? null, posting.currency],
      );
      const id = inserted[0]?.id;
      if (id) {
        await tx.execute(
          `insert into ledger_lines (transaction_id, account, amount_minor, created_at) values ${posting.lines.map(() => '(?, ?, ?, now())').join(', ')}`,
          posting.lines.flatMap((l) => [id, l.account, l.amountMinor]),
        );
        return { transactionId: id, created: true };
      }
      const [existing] = await tx.execute<{ id: string; currency: string }[]>('select id, currency from ledger_transactions where idempotency_key = ?', [posting.idempotencyKey]);
      if (!existing) throw new Error('A ledger transaction vanished while being posted.');
      const lines = await tx.execute<{ account: string; amount_minor: string | number }[]>('select account, amount_minor from ledger_lines where transaction_id = ?', [existing.id]);
      const stored = lines.map((l) => ({ account: l.account, amountMinor: Number(l.amount_minor) }));
      if (existing.currency !== posting.currency || !sameLines(stored, posting.lines)) {
        throw new UnbalancedPostingError(`The idempotency key ${posting.idempotencyKey} was already used for other lines.`);
      }
      return { transactionId: existing.id, created: false };
    });
  },

  /** Balances (sum of lines: debits positive) of the accounts named, or starting with `prefix`; absent accounts are 0. */
  async balances(q: { accounts?: string[]; prefix?: string }): Promise<Map<string, number>> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (q.accounts) {
      if (q.accounts.length === 0) return new Map();
      conditions.push(`account in (${q.accounts.map(() => '?').join(', ')})`);
      params.push(...q.accounts);
    }
    if (q.prefix !== undefined) {
      conditions.push(`starts_with(account, ?)`);
      params.push(q.prefix);
    }
    const rows = await em.execute<{ account: string; balance: string | number }[]>(
      `select account, sum(amount_minor) as balance from ledger_lines ${conditions.length ? `where ${conditions.join(' and ')}` : ''} group by account`,
      params,
    );
    return new Map(rows.map((r) => [r.account, Number(r.balance)]));
  },

  /** The sum of every line of the ledger and the number of unbalanced transactions: both 0 in a sound ledger. */
  async trialBalance(): Promise<{ total: number; unbalancedTransactions: number }> {
    const [row] = await em.execute<{ total: string | number | null; unbalanced: string | number }[]>(
      `select (select coalesce(sum(amount_minor), 0) from ledger_lines) as total,
         (select count(*) from (select 1 from ledger_lines group by transaction_id having sum(amount_minor) <> 0) x) as unbalanced`,
    );
    return { total: Number(row?.total ?? 0), unbalancedTransactions: Number(row?.unbalanced ?? 0) };
  },
});
