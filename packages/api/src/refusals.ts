// Which procedures refuse a caller without credentials before doing anything else: their middleware chain begins
// with authedProcedure's (observe, map domain errors, the sign-in check), so without a viewer they answer
// UNAUTHORIZED before any input is read or parsed, whatever the input. Derived from the router, never listed by
// hand: a procedure that parses its input first (`publicProcedure.input(x).use(…)`) is simply not in the set.
import { appRouter } from './root.ts';
import { authedProcedure } from './trpc.ts';

type CallType = 'query' | 'mutation';

interface ProcedureDef {
  type?: unknown;
  middlewares?: unknown;
}

const defOf = (procedure: unknown): ProcedureDef | undefined => (procedure as { _def?: ProcedureDef } | null)?._def;

/** Procedure path → its type, for every query or mutation that needs a signed-in caller before anything else. */
export function signInFirstProcedures(): ReadonlyMap<string, CallType> {
  const gate = defOf(authedProcedure)?.middlewares;
  if (!Array.isArray(gate) || gate.length === 0) return new Map();
  const found = new Map<string, CallType>();
  for (const [path, procedure] of Object.entries(appRouter._def.procedures) as [string, unknown][]) {
    const def = defOf(procedure);
    if ((def?.type !== 'query' && def?.type !== 'mutation') || !Array.isArray(def.middlewares)) continue;
    const chain = def.middlewares as unknown[];
    if (gate.every((middleware, i) => chain[i] === middleware)) found.set(path, def.type);
  }
  return found;
}
