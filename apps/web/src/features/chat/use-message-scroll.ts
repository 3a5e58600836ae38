// The virtualised conversation's scrolling (TanStack Virtual): where it opens, following new messages at the live
// end, keeping its place when older history is prepended, paging on at either edge of the window, bringing a
// jumped-to message into view (highlighted for a moment, focused for keyboard and screen-reader users), and going
// back to the live end.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Timeline } from './chat-store.ts';
import { messageKey, type Row } from './message-rows.ts';

/** Near the top (or the bottom of a window jumped back into history) by this many pixels: read the next page. */
const LOAD_MORE_PX = 400;
/** Within this many pixels of the bottom counts as "at the latest message". */
const AT_BOTTOM_PX = 48;
/** A jumped-to message stays highlighted this long. */
export const HIGHLIGHT_MS = 3000;
/**
 * After a jump, the aim is checked every frame for up to this long: rows are measured only once rendered, so a
 * scroll aimed with the estimated row height (64 px) is off when rows are taller (over 100 px on a phone), and a page
 * joining meanwhile (a permalink's newest page arriving after the page around the message: the older rows are kept
 * in place by moving scrollTop) stops the virtualiser's own correction, leaving it ten messages short. The row is
 * focused once it is rendered and the aim holds.
 */
const AIM_MS = 2000;
/** Frames the scroll must stay on the jumped-to row before it counts as landed. */
const AIM_STABLE_FRAMES = 3;
/** Closer than this (px) to where the row is centred counts as there (the browser rounds scroll offsets). */
const AIM_TOLERANCE_PX = 2;
/**
 * After a jump, pages are not read at the edges for this long: the scroll to the message settles first (a page
 * prepended meanwhile would move the rows under a scroll aimed at an index). The position is checked again after.
 */
const JUMP_SETTLE_MS = 400;

export interface JumpTarget {
  seq: number;
  /** Tells two jumps to the same message apart. */
  nonce: number;
}

export interface MessageScrollOptions {
  rows: Row[];
  timeline: Timeline;
  estimateSize: number;
  loadOlder: () => void;
  loadingOlder: boolean;
  loadNewer?: (() => void) | undefined;
  loadingNewer?: boolean | undefined;
  /** The newest message is on screen (and the tab visible). */
  onSeenLatest: (seq: number) => void;
  /** A message to bring into view once its row is there. */
  jumpTarget?: JumpTarget | null | undefined;
  /** Back to the live end when the window left it (reads the newest page again). */
  onJumpToLatest?: (() => void) | undefined;
}

export function useMessageScroll({ rows, timeline, estimateSize, loadOlder, loadingOlder, loadNewer, loadingNewer = false, onSeenLatest, jumpTarget, onJumpToLatest }: MessageScrollOptions) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [atBottom, setAtBottom] = useState(true);
  const atBottomRef = useRef(true);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimateSize,
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: 6,
    initialRect: { width: 800, height: 600 },
  });

  const lastSeq = timeline.seqs.at(-1) ?? 0;
  const lastKey = rows.at(-1)?.key;
  const firstMessageKey = rows.find((r) => r.kind === 'message')?.key;
  const scrollToEnd = useCallback(() => {
    virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
    atBottomRef.current = true;
    setAtBottom(true);
  }, [virtualizer, rows.length]);

  // Opening: at the unread divider if there is one, else at the end.
  const opened = useRef(false);
  useLayoutEffect(() => {
    if (opened.current || rows.length === 0 || !timeline.loaded) return;
    opened.current = true;
    const divider = rows.findIndex((r) => r.kind === 'unread');
    if (divider > 0) virtualizer.scrollToIndex(divider, { align: 'start' });
    else virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
  }, [rows, timeline.loaded, virtualizer]);

  // New rows at the end: follow them if we were at the live end (or they are ours); never while reading a window
  // jumped back into history, nor when the page that brings it back to the live end arrives.
  const prevLastKey = useRef(lastKey);
  const wasDetached = useRef(timeline.hasNewer);
  useLayoutEffect(() => {
    const detached = wasDetached.current || timeline.hasNewer;
    wasDetached.current = timeline.hasNewer;
    if (prevLastKey.current === lastKey) return;
    prevLastKey.current = lastKey;
    const mine = rows.at(-1)?.kind === 'pending';
    if (opened.current && (mine || (!detached && atBottomRef.current))) virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
  }, [lastKey, rows, virtualizer, timeline.hasNewer]);

  // Older history prepended: keep the rows on screen where they were.
  const prevFirst = useRef<{ key: string | undefined; total: number }>({ key: firstMessageKey, total: 0 });
  useLayoutEffect(() => {
    const total = virtualizer.getTotalSize();
    const before = prevFirst.current;
    prevFirst.current = { key: firstMessageKey, total };
    if (!before.key || before.key === firstMessageKey) return;
    const el = scrollRef.current;
    if (el && total > before.total) el.scrollTop += total - before.total;
  }, [firstMessageKey, virtualizer]);

  // Back to the live end, once the newest page replaced a window jumped back into history.
  const wantEnd = useRef(false);
  useLayoutEffect(() => {
    if (!wantEnd.current || timeline.hasNewer || rows.length === 0) return;
    wantEnd.current = false;
    scrollToEnd();
  }, [rows, timeline.hasNewer, scrollToEnd]);

  // A jump: bring the message's row into view (centred), highlight it for a moment and focus it.
  const [highlight, setHighlight] = useState<JumpTarget | null>(null);
  const handled = useRef<number | null>(null);
  const settleUntil = useRef(0);
  useLayoutEffect(() => {
    if (!jumpTarget || handled.current === jumpTarget.nonce) return;
    const index = rows.findIndex((r) => r.key === messageKey(jumpTarget.seq));
    if (index < 0) return;
    handled.current = jumpTarget.nonce;
    opened.current = true;
    wantEnd.current = false;
    settleUntil.current = Date.now() + JUMP_SETTLE_MS;
    virtualizer.scrollToIndex(index, { align: 'center' });
    atBottomRef.current = false;
    setAtBottom(false);
    setHighlight(jumpTarget);
  }, [jumpTarget, rows, virtualizer]);
  // Keep aiming at the jumped-to row until it is rendered and centred (or as near as the list's ends allow) for a
  // few frames, then focus it; the user scrolling, touching or typing meanwhile takes over.
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  useEffect(() => {
    if (!highlight) return;
    const scroller = scrollRef.current;
    const key = messageKey(highlight.seq);
    const until = Date.now() + AIM_MS;
    let stable = 0;
    let frame = 0;
    let userTookOver = false;
    const takeOver = () => {
      userTookOver = true;
    };
    const inputs = ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const;
    for (const type of inputs) scroller?.addEventListener(type, takeOver, { passive: true });
    const focus = (row: HTMLElement | null | undefined) => {
      if (row && !row.contains(document.activeElement)) row.focus({ preventScroll: true });
    };
    const aim = () => {
      const el = scrollRef.current;
      const index = rowsRef.current.findIndex((r) => r.key === key);
      if (!el || index < 0) return;
      const row = el.querySelector<HTMLElement>(`[data-seq="${highlight.seq}"]`);
      if (userTookOver) return focus(row);
      const wanted = virtualizer.getOffsetForIndex(index, 'center')?.[0];
      const there = row !== null && wanted !== undefined && Math.abs(el.scrollTop - wanted) <= AIM_TOLERANCE_PX;
      if (there) stable++;
      else {
        stable = 0;
        virtualizer.scrollToIndex(index, { align: 'center' });
      }
      if (stable >= AIM_STABLE_FRAMES || Date.now() > until) return focus(row);
      frame = requestAnimationFrame(aim);
    };
    frame = requestAnimationFrame(aim);
    const timer = setTimeout(() => setHighlight(null), HIGHLIGHT_MS);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      for (const type of inputs) scroller?.removeEventListener(type, takeOver);
    };
  }, [highlight, virtualizer]);

  const checkPosition = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    const fromBottom = el.scrollHeight - el.scrollTop - el.clientHeight;
    const bottom = fromBottom <= AT_BOTTOM_PX;
    atBottomRef.current = bottom;
    setAtBottom(bottom);
    if (!opened.current || Date.now() < settleUntil.current) return;
    if (el.scrollTop < LOAD_MORE_PX && timeline.hasOlder && !loadingOlder) loadOlder();
    if (fromBottom < LOAD_MORE_PX && timeline.hasNewer && !loadingNewer) loadNewer?.();
  }, [timeline.hasOlder, timeline.hasNewer, loadingOlder, loadingNewer, loadOlder, loadNewer]);

  // Once a jump has settled, read on if it landed near an edge of the window.
  useEffect(() => {
    if (!highlight) return;
    const timer = setTimeout(checkPosition, JUMP_SETTLE_MS + 20);
    return () => clearTimeout(timer);
  }, [highlight, checkPosition]);

  // Read when the newest message held is on screen and the tab is visible.
  useEffect(() => {
    const mark = () => {
      if (atBottomRef.current && lastSeq > 0 && document.visibilityState === 'visible') onSeenLatest(lastSeq);
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [atBottom, lastSeq, onSeenLatest]);

  const jumpToLatest = useCallback(() => {
    setHighlight(null);
    if (timeline.hasNewer && onJumpToLatest) {
      wantEnd.current = true;
      onJumpToLatest();
    } else scrollToEnd();
  }, [timeline.hasNewer, onJumpToLatest, scrollToEnd]);

  return { scrollRef, virtualizer, atBottom, checkPosition, jumpToLatest, highlightSeq: highlight?.seq ?? null };
}
