import { create } from 'zustand';
import type { PlayerTrack } from './player.ts';

export type RepeatMode = 'off' | 'all' | 'one';

export interface QueueEntry {
  /** Unique per entry: the same track may be queued twice. */
  key: string;
  track: PlayerTrack;
  /** Added by autoplay when the queue ended (related tracks), not chosen by the listener. */
  autoplay?: true;
}

export interface QueueData {
  /** In play order (already shuffled when shuffle is on). */
  entries: QueueEntry[];
  /** Index of the current entry, -1 when empty. */
  index: number;
  shuffle: boolean;
  repeat: RepeatMode;
  /** The order before shuffling, to restore it when shuffle is switched off. */
  unshuffled: QueueEntry[] | null;
}

let counter = 0;
const entryOf = (track: PlayerTrack): QueueEntry => ({ key: `q${(counter += 1)}`, track });

/** Fisher–Yates with an injectable random source (tests pass a seeded one). */
export function shuffled<T>(items: readonly T[], random: () => number = Math.random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Current entry first, then the others shuffled. */
function shuffleAround(entries: QueueEntry[], index: number, random?: () => number): QueueEntry[] {
  const current = entries[index];
  if (!current) return shuffled(entries, random);
  return [current, ...shuffled(entries.filter((_, i) => i !== index), random)];
}

export const emptyQueue: QueueData = { entries: [], index: -1, shuffle: false, repeat: 'off', unshuffled: null };

/** A new queue from a list, starting at `start`. */
export function fromList(q: QueueData, tracks: PlayerTrack[], start: number, random?: () => number): QueueData {
  const entries = tracks.map(entryOf);
  const index = Math.min(Math.max(0, start), entries.length - 1);
  if (!q.shuffle) return { ...q, entries, index, unshuffled: null };
  return { ...q, entries: shuffleAround(entries, index, random), index: 0, unshuffled: entries };
}

/**
 * Index of what follows the current entry. `auto` is the natural end of a track (repeat one replays it);
 * a press on "next" moves on even in repeat one. null: nothing follows.
 */
export function nextIndex(q: QueueData, auto: boolean): number | null {
  if (q.index < 0) return null;
  if (auto && q.repeat === 'one') return q.index;
  if (q.index + 1 < q.entries.length) return q.index + 1;
  return q.repeat === 'off' ? null : 0;
}

/** Index of the previous entry, or null at the start without repeat all. */
export function previousIndex(q: QueueData): number | null {
  if (q.index < 0) return null;
  if (q.index > 0) return q.index - 1;
  return q.repeat === 'all' && q.entries.length > 0 ? q.entries.length - 1 : null;
}

/** Inserts `track` right after the current entry. */
export function insertNext(q: QueueData, track: PlayerTrack): QueueData {
  const entry = entryOf(track);
  const at = q.index + 1;
  const entries = [...q.entries.slice(0, at), entry, ...q.entries.slice(at)];
  const unshuffled = q.unshuffled && [...q.unshuffled, entry];
  return { ...q, entries, index: Math.max(q.index, 0), unshuffled };
}

/** Where the autoplay entries still to come start (the queue's length when there are none). */
export function upcomingAutoplayStart(q: Pick<QueueData, 'entries' | 'index'>): number {
  const at = q.entries.findIndex((e, i) => i > q.index && e.autoplay);
  return at < 0 ? q.entries.length : at;
}

/** Adds `track` at the end of what the listener queued: before the related tracks autoplay added, if any. */
export function append(q: QueueData, track: PlayerTrack): QueueData {
  const entry = entryOf(track);
  const at = upcomingAutoplayStart(q);
  const entries = [...q.entries.slice(0, at), entry, ...q.entries.slice(at)];
  return { ...q, entries, index: Math.max(q.index, 0), unshuffled: q.unshuffled && [...q.unshuffled, entry] };
}

/** Related tracks autoplay found when the queue ended, at its end. */
export function appendAutoplay(q: QueueData, tracks: PlayerTrack[]): QueueData {
  const added = tracks.map((track): QueueEntry => ({ ...entryOf(track), autoplay: true }));
  return { ...q, entries: [...q.entries, ...added], unshuffled: q.unshuffled && [...q.unshuffled, ...added] };
}

/** Drops the autoplay entries still to come (autoplay switched off): the queue ends where the listener's ends. */
export function withoutUpcomingAutoplay(q: QueueData): QueueData {
  const keep = (e: QueueEntry, i: number) => !(e.autoplay && i > q.index);
  const dropped = new Set(q.entries.filter((e, i) => !keep(e, i)).map((e) => e.key));
  if (dropped.size === 0) return q;
  return { ...q, entries: q.entries.filter(keep), unshuffled: q.unshuffled?.filter((e) => !dropped.has(e.key)) ?? null };
}

export function removeEntry(q: QueueData, key: string): QueueData {
  const at = q.entries.findIndex((e) => e.key === key);
  if (at < 0) return q;
  const entries = q.entries.filter((e) => e.key !== key);
  let index = q.index;
  if (at < q.index) index -= 1;
  else if (at === q.index) index = Math.min(q.index, entries.length - 1);
  return { ...q, entries, index, unshuffled: q.unshuffled?.filter((e) => e.key !== key) ?? null };
}

export function moveEntry(q: QueueData, key: string, to: number): QueueData {
  const from = q.entries.findIndex((e) => e.key === key);
  if (from < 0 || to < 0 || to >= q.entries.length || to === from) return q;
  const entries = [...q.entries];
  const [moved] = entries.splice(from, 1);
  entries.splice(to, 0, moved!);
  const current = q.entries[q.index];
  return { ...q, entries, index: current ? entries.indexOf(current) : q.index };
}

export function setShuffle(q: QueueData, on: boolean, random?: () => number): QueueData {
  if (on === q.shuffle) return q;
  if (on) return { ...q, shuffle: true, entries: shuffleAround(q.entries, q.index, random), index: q.index < 0 ? -1 : 0, unshuffled: q.entries };
  const original = q.unshuffled ?? q.entries;
  const current = q.entries[q.index];
  return { ...q, shuffle: false, entries: original, index: current ? original.indexOf(current) : q.index, unshuffled: null };
}

export const nextRepeat = (mode: RepeatMode): RepeatMode => (mode === 'off' ? 'all' : mode === 'all' ? 'one' : 'off');

interface QueueState extends QueueData {
  update: (change: (q: QueueData) => QueueData) => void;
}

/** The play queue. The player store moves through it; the queue panel and track menus edit it. */
export const useQueue = create<QueueState>()((set) => ({
  ...emptyQueue,
  update: (change) => set((s) => change(s)),
}));

export const currentEntry = (q: QueueData): QueueEntry | null => q.entries[q.index] ?? null;
