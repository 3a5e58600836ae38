// A request's EntityManager, forked only when something first uses it: a call served from the session cache
// that never queries pays no fork. A getter on the context would not do: tRPC middlewares copy the context
// with object spread, which reads every getter. This stands in for the fork instead, and forks on first use.
import type { Em } from '@veza/db';

export interface LazyEm {
  em: Em;
  /** Whether the fork happened. */
  forked(): boolean;
}

export function lazyEm(fork: () => Em): LazyEm {
  let real: Em | undefined;
  const target = () => (real ??= fork());
  // Methods are bound to the real fork (it keeps state in private fields), once per name.
  const bound = new Map<PropertyKey, unknown>();
  const em = new Proxy(Object.create(null) as Em, {
    get(_, prop) {
      const actual = target();
      const value: unknown = Reflect.get(actual, prop, actual);
      if (typeof value !== 'function') return value;
      let fn = bound.get(prop);
      if (!fn) bound.set(prop, (fn = (value as (...args: unknown[]) => unknown).bind(actual)));
      return fn;
    },
    set: (_, prop, value) => Reflect.set(target(), prop, value),
    has: (_, prop) => Reflect.has(target(), prop),
    getPrototypeOf: () => Reflect.getPrototypeOf(target()),
  });
  return { em, forked: () => real !== undefined };
}
