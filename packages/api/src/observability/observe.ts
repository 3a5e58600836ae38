// Helpers of the observing middleware in trpc.ts: counting subscriptions while they stream.

export const yieldsEvents = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === 'object' && value !== null && Symbol.asyncIterator in value;

/**
 * The same events, counted as one active subscription from the first pull until the stream ends, fails or the
 * client unsubscribes (`yield*` forwards `return()` to the source, so its own cleanup still runs).
 */
export async function* countWhileActive<T>(source: AsyncIterable<T>, count: (delta: 1 | -1) => void): AsyncGenerator<T, void, unknown> {
  count(1);
  try {
    yield* source;
  } finally {
    count(-1);
  }
}
