import { describe, expect, it } from 'vitest';
import type { PlayerTrack } from './player.ts';
import { append, emptyQueue, fromList, insertNext, moveEntry, nextIndex, nextRepeat, previousIndex, removeEntry, setShuffle, shuffled, type QueueData } from './queue.ts';

const track = (id: string): PlayerTrack => ({ id, title: id, artistName: 'Ana', username: 'ana', audioUrl: `/a/${id}` });
const ids = (q: QueueData) => q.entries.map((e) => e.track.id);
const list = (...names: string[]) => names.map(track);
/** A deterministic "random" source. */
const seeded = (seed = 42) => () => {
  seed = (seed * 16807) % 2147483647;
  return (seed - 1) / 2147483646;
};

describe('queue', () => {
  it('starts a list at the clicked track', () => {
    const q = fromList(emptyQueue, list('a', 'b', 'c'), 1);
    expect(ids(q)).toEqual(['a', 'b', 'c']);
    expect(q.index).toBe(1);
  });

  it('moves on, and stops at the end without repeat', () => {
    const q = fromList(emptyQueue, list('a', 'b'), 0);
    expect(nextIndex(q, false)).toBe(1);
    expect(nextIndex({ ...q, index: 1 }, false)).toBeNull();
    expect(nextIndex({ ...q, index: 1 }, true)).toBeNull();
  });

  it('wraps around with repeat all, both ways', () => {
    const q = { ...fromList(emptyQueue, list('a', 'b', 'c'), 2), repeat: 'all' as const };
    expect(nextIndex(q, true)).toBe(0);
    expect(previousIndex({ ...q, index: 0 })).toBe(2);
  });

  it('replays the track at its end with repeat one, but "next" still moves on', () => {
    const q = { ...fromList(emptyQueue, list('a', 'b'), 0), repeat: 'one' as const };
    expect(nextIndex(q, true)).toBe(0);
    expect(nextIndex(q, false)).toBe(1);
  });

  it('has no previous at the start without repeat all', () => {
    expect(previousIndex(fromList(emptyQueue, list('a', 'b'), 0))).toBeNull();
    expect(previousIndex(fromList(emptyQueue, list('a', 'b'), 1))).toBe(0);
    expect(previousIndex(emptyQueue)).toBeNull();
  });

  it('cycles repeat off → all → one → off', () => {
    expect([nextRepeat('off'), nextRepeat('all'), nextRepeat('one')]).toEqual(['all', 'one', 'off']);
  });

  it('inserts "play next" right after the current entry, and "add to queue" at the end', () => {
    let q = fromList(emptyQueue, list('a', 'b', 'c'), 0);
    q = insertNext(q, track('x'));
    q = append(q, track('y'));
    expect(ids(q)).toEqual(['a', 'x', 'b', 'c', 'y']);
    expect(q.index).toBe(0);
    q = insertNext(q, track('z'));
    expect(ids(q)).toEqual(['a', 'z', 'x', 'b', 'c', 'y']);
  });

  it('lets the same track be queued twice, as distinct entries', () => {
    const q = append(fromList(emptyQueue, list('a'), 0), track('a'));
    expect(ids(q)).toEqual(['a', 'a']);
    expect(new Set(q.entries.map((e) => e.key)).size).toBe(2);
  });

  it('removes entries and keeps the current one current', () => {
    const q = fromList(emptyQueue, list('a', 'b', 'c'), 1);
    const withoutA = removeEntry(q, q.entries[0]!.key);
    expect(ids(withoutA)).toEqual(['b', 'c']);
    expect(withoutA.entries[withoutA.index]?.track.id).toBe('b');
  });

  it('reorders entries and follows the current one', () => {
    const q = fromList(emptyQueue, list('a', 'b', 'c'), 0);
    const moved = moveEntry(q, q.entries[0]!.key, 2);
    expect(ids(moved)).toEqual(['b', 'c', 'a']);
    expect(moved.index).toBe(2);
  });

  it('shuffles everything but the current track, which stays first, and restores the order when switched off', () => {
    const q = fromList(emptyQueue, list('a', 'b', 'c', 'd', 'e', 'f'), 2);
    const on = setShuffle(q, true, seeded());
    expect(on.shuffle).toBe(true);
    expect(on.index).toBe(0);
    expect(ids(on)[0]).toBe('c');
    expect([...ids(on)].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(ids(on)).not.toEqual(['c', 'a', 'b', 'd', 'e', 'f']);
    const moved = { ...on, index: 3 };
    const off = setShuffle(moved, false);
    expect(ids(off)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(off.entries[off.index]?.track.id).toBe(ids(on)[3]);
  });

  it('starts a list shuffled when shuffle is on, from the clicked track', () => {
    const q = fromList({ ...emptyQueue, shuffle: true }, list('a', 'b', 'c', 'd'), 3, seeded(7));
    expect(q.index).toBe(0);
    expect(ids(q)[0]).toBe('d');
    expect(ids(setShuffle(q, false))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('shuffles without losing or duplicating items', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    expect([...shuffled(items, seeded())].sort((a, b) => a - b)).toEqual(items);
  });
});
