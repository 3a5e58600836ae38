import { describe, expect, it } from 'vitest';
import { createJobQueue } from './queue.ts';

describe('typed payloads', () => {
  it('accepts interfaces and rejects wrong payloads at compile time', () => {
    interface Payloads { 'track.process': { trackId: string } }
    const queue = createJobQueue<Payloads>({ connectionString: 'postgres://unused' });
    const typed = async () => {
      await queue.send('track.process', { trackId: 'x' });
      // @ts-expect-error: wrong payload shape
      await queue.send('track.process', { id: 1 });
      // @ts-expect-error: unknown queue
      await queue.send('nope', {});
    };
    expect(typed).toBeTypeOf('function');
  });
});
