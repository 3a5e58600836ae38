// Every query MikroORM runs, reported (after the fact, with its duration) to an optional hook: the server turns
// them into trace spans when tracing is on. Logging itself is MikroORM's default, unchanged.
import { DefaultLogger, type LogContext, type LoggerOptions } from '@mikro-orm/core';

export interface QueryEvent {
  /** The operation and first table, e.g. `select users` (never the statement's values). */
  summary: string;
  tookMs: number;
  failed: boolean;
}
export type QueryHook = (event: QueryEvent) => void;

const VERB = /^\s*(select|insert|update|delete|begin|commit|rollback|savepoint|release)\b/i;
const TABLE = '"?(?:[a-z_]+"?\\.)?"?([a-z_]+)';
const TABLE_AFTER = {
  select: new RegExp(`\\bfrom\\s+${TABLE}`, 'i'),
  insert: new RegExp(`^\\s*insert\\s+into\\s+${TABLE}`, 'i'),
  update: new RegExp(`^\\s*update\\s+${TABLE}`, 'i'),
  delete: new RegExp(`^\\s*delete\\s+from\\s+${TABLE}`, 'i'),
} as const;

/** `select users`, `insert tracks`, `begin`: what a span may say about a statement. */
export function summarise(sql: string): string {
  const verb = VERB.exec(sql)?.[1]?.toLowerCase();
  if (!verb) return 'query';
  const table = verb in TABLE_AFTER ? TABLE_AFTER[verb as keyof typeof TABLE_AFTER].exec(sql)?.[1] : undefined;
  return table ? `${verb} ${table.toLowerCase()}` : verb;
}

export class HookedLogger extends DefaultLogger {
  private readonly hook: () => QueryHook | null;

  constructor(options: LoggerOptions, hook: () => QueryHook | null) {
    super(options);
    this.hook = hook;
  }

  override logQuery(context: { query: string } & LogContext): void {
    super.logQuery(context);
    const hook = this.hook();
    if (hook && context.namespace !== 'slow-query') hook({ summary: summarise(context.query), tookMs: context.took ?? 0, failed: context.level === 'error' });
  }
}
