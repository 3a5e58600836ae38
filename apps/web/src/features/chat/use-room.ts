import { TRPCClientError } from '@trpc/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { errorInfo, errorMessage, isNotFound, isUnauthorized } from '../../lib/errors.ts';
import { refreshSession } from '../../lib/session-refresh.ts';
import { useSession } from '../../stores/session.ts';
import { trpc } from '../../trpc.ts';
import { emptyTimeline, previewOf, useChat, type MessageDto, type RoomEvent, type Timeline } from './chat-store.ts';

/** Messages per history page. */
export const PAGE_SIZE = 50;

const EMPTY = emptyTimeline();

export const useTimeline = (roomId: string): Timeline => useChat((s) => s.rooms[roomId] ?? EMPTY);

/** `reason` and `retryAfterSeconds` from an API error (the server's error formatter). */
export function errorDetails(error: unknown): { reason: string | null; retryAfterSeconds: number | null } {
  if (!(error instanceof TRPCClientError)) return { reason: null, retryAfterSeconds: null };
  const data = (error as TRPCClientError<never>).data as { reason?: unknown; retryAfterSeconds?: unknown } | undefined;
  return {
    reason: typeof data?.reason === 'string' ? data.reason : null,
    retryAfterSeconds: typeof data?.retryAfterSeconds === 'number' ? data.retryAfterSeconds : null,
  };
}

/**
 * A room's history and live timeline: reads the newest page, then subscribes to `chat.onRoom` from that page's last
 * seq (so nothing sent in between is missed; wsLink resumes from the last event id by itself after a reconnect) and
 * merges both into the chat store. After a reconnect the newest page is read again: edits and deletions made while
 * away are not replayed by the subscription.
 */
export function useRoomTimeline(roomId: string) {
  const utils = trpc.useUtils();
  const addPage = useChat((s) => s.addPage);
  const apply = useChat((s) => s.applyEvent);
  const latest = trpc.chat.messages.list.useQuery({ roomId, limit: PAGE_SIZE }, { staleTime: Infinity, refetchOnWindowFocus: false });
  const [from, setFrom] = useState<{ roomId: string; lastEventId: string } | null>(null);
  const [liveError, setLiveError] = useState<unknown>(null);

  useEffect(() => {
    if (!latest.data) return;
    addPage(roomId, latest.data, 'latest');
    // The subscription's starting point is fixed once per room (a changed input would subscribe again).
    setFrom((current) => (current?.roomId === roomId ? current : { roomId, lastEventId: `m:${latest.data.lastSeq}` }));
  }, [latest.data, roomId, addPage]);

  const wasConnecting = useRef(false);
  const subscription = trpc.chat.onRoom.useSubscription(from?.roomId === roomId ? from : { roomId, lastEventId: null }, {
    enabled: from?.roomId === roomId,
    onStarted: () => setLiveError(null),
    onData: ({ data }) => apply(roomId, data as RoomEvent, useSession.getState().user?.id ?? null),
    onError: (error) => {
      if (isUnauthorized(error)) {
        void refreshSession().then((ok) => {
          if (ok) subscription.reset();
        });
        return;
      }
      // Fell behind: subscribe again (from the first page's seq; what we hold already is deduplicated by seq).
      if (errorInfo(error).code === 'TOO_MANY_REQUESTS') {
        subscription.reset();
        return;
      }
      setLiveError(error);
    },
  });

  const status = subscription.status;
  const { refetch } = latest;
  useEffect(() => {
    if (status === 'connecting') wasConnecting.current = true;
    else if (status === 'pending' && wasConnecting.current) {
      wasConnecting.current = false;
      void refetch();
    }
  }, [status, refetch]);

  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderError, setOlderError] = useState<unknown>(null);
  const loadingRef = useRef(false);
  const loadOlder = useCallback(async () => {
    const timeline = useChat.getState().rooms[roomId];
    const first = timeline?.seqs[0];
    if (loadingRef.current || !timeline?.hasOlder || first === undefined) return;
    loadingRef.current = true;
    setLoadingOlder(true);
    setOlderError(null);
    try {
      const page = await utils.client.chat.messages.list.query({ roomId, beforeSeq: first, limit: PAGE_SIZE });
      addPage(roomId, page, 'older', first);
    } catch (error) {
      setOlderError(error);
    } finally {
      loadingRef.current = false;
      setLoadingOlder(false);
    }
  }, [roomId, utils, addPage]);

  const [loadingNewer, setLoadingNewer] = useState(false);
  const newerRef = useRef(false);
  const loadNewer = useCallback(async () => {
    const timeline = useChat.getState().rooms[roomId];
    const last = timeline?.seqs.at(-1);
    if (newerRef.current || !timeline?.hasNewer || last === undefined) return;
    newerRef.current = true;
    setLoadingNewer(true);
    setOlderError(null);
    try {
      const page = await utils.client.chat.messages.list.query({ roomId, afterSeq: last, limit: PAGE_SIZE });
      addPage(roomId, page, 'newer', last);
    } catch (error) {
      setOlderError(error);
    } finally {
      newerRef.current = false;
      setLoadingNewer(false);
    }
  }, [roomId, utils, addPage]);

  return { latest, loadOlder, loadingOlder, loadNewer, loadingNewer, olderError, liveError, liveStatus: status };
}

/** Where a jump stands: the message to bring into view (`nonce` tells two jumps to the same seq apart). */
export type JumpState =
  | { status: 'loading'; seq: number; nonce: number }
  | { status: 'ready'; seq: number; nonce: number }
  | { status: 'notFound'; seq: number; nonce: number }
  | { status: 'error'; seq: number; nonce: number; error: unknown };

/**
 * Jump to a message by its seq: when the window holds it, straight there; otherwise the page around it replaces
 * the window (chat-store.ts). `jumpToLatest` goes back to the live end (reading the newest page again when the
 * window left it). A jump answered after another one started is dropped.
 */
export function useJump(roomId: string) {
  const utils = trpc.useUtils();
  const addPage = useChat((s) => s.addPage);
  const [jump, setJump] = useState<JumpState | null>(null);
  const counter = useRef(0);

  const jumpTo = useCallback(
    async (seq: number) => {
      const nonce = ++counter.current;
      const held = useChat.getState().rooms[roomId];
      if (held?.bySeq[seq]) {
        setJump({ status: 'ready', seq, nonce });
        return;
      }
      setJump({ status: 'loading', seq, nonce });
      try {
        const page = await utils.client.chat.messages.list.query({ roomId, aroundSeq: seq, limit: PAGE_SIZE });
        if (nonce !== counter.current) return;
        addPage(roomId, page, 'jump');
        setJump({ status: 'ready', seq, nonce });
      } catch (error) {
        if (nonce !== counter.current) return;
        setJump(isNotFound(error) ? { status: 'notFound', seq, nonce } : { status: 'error', seq, nonce, error });
      }
    },
    [roomId, utils, addPage],
  );

  const [returning, setReturning] = useState(false);
  const jumpToLatest = useCallback(async () => {
    const nonce = ++counter.current;
    setJump(null);
    if (!useChat.getState().rooms[roomId]?.hasNewer) return true;
    setReturning(true);
    try {
      const page = await utils.client.chat.messages.list.query({ roomId, limit: PAGE_SIZE });
      if (nonce === counter.current) addPage(roomId, page, 'jump');
      return true;
    } catch (error) {
      if (nonce === counter.current) setJump({ status: 'error', seq: 0, nonce, error });
      return false;
    } finally {
      setReturning(false);
    }
  }, [roomId, utils, addPage]);

  const dismiss = useCallback(() => setJump(null), []);
  return { jump, jumpTo, jumpToLatest, returning, dismiss };
}

/** Marks the room read up to `seq` once (monotonic), and clears its badge in the room list. */
export function useMarkRead(roomId: string) {
  const utils = trpc.useUtils();
  const markRead = trpc.chat.rooms.markRead.useMutation();
  const sent = useRef(0);
  useEffect(() => {
    sent.current = 0;
  }, [roomId]);
  return useCallback(
    (seq: number) => {
      if (seq <= sent.current) return;
      sent.current = seq;
      utils.chat.rooms.list.setData(undefined, (rooms) =>
        rooms?.map((r) => (r.id === roomId ? { ...r, lastReadSeq: Math.max(r.lastReadSeq, seq), unreadCount: Math.max(0, r.lastSeq - seq) } : r)),
      );
      markRead.mutate({ roomId, seq }, { onError: () => (sent.current = 0) });
    },
    [roomId, utils, markRead],
  );
}

/** Sending with an optimistic copy: each message gets its id (crypto.randomUUID) once, and a retry reuses it. */
export function useSendMessage(roomId: string) {
  const utils = trpc.useUtils();
  const { t } = useTranslation();
  const me = useSession((s) => s.user);
  const { addPending, updatePending, confirmSent } = useChat.getState();

  const attempt = useCallback(
    async (clientMessageId: string) => {
      const pending = useChat.getState().rooms[roomId]?.pending.find((p) => p.clientMessageId === clientMessageId);
      if (!pending) return;
      updatePending(roomId, clientMessageId, { status: 'sending', error: undefined, retryAfterSeconds: null });
      try {
        const message = await utils.client.chat.messages.send.mutate({
          roomId,
          body: pending.body,
          clientMessageId,
          ...(pending.replyToId ? { replyToId: pending.replyToId } : {}),
        });
        confirmSent(roomId, message);
        void utils.chat.rooms.list.invalidate();
      } catch (error) {
        updatePending(roomId, clientMessageId, { status: 'failed', error: sendErrorMessage(error, t), retryAfterSeconds: errorDetails(error).retryAfterSeconds });
      }
    },
    [roomId, utils, updatePending, confirmSent, t],
  );

  const send = useCallback(
    (body: string, replyTo: MessageDto | null) => {
      const clientMessageId = crypto.randomUUID();
      const preview = replyTo ? previewOf(replyTo) : null;
      addPending({ clientMessageId, roomId, body, replyTo: preview, ...(replyTo ? { replyToId: replyTo.id } : {}), createdAt: new Date().toISOString(), status: 'sending' });
      void attempt(clientMessageId);
      return clientMessageId;
    },
    [roomId, addPending, attempt],
  );

  return { send, retry: attempt, me };
}

/** The human reason a send failed: rate limits and slow mode say when to try again; mutes say until when. */
export function sendErrorMessage(error: unknown, t: TFunction): string {
  const { code } = errorInfo(error);
  const { retryAfterSeconds } = errorDetails(error);
  if (code === 'TOO_MANY_REQUESTS') return t('chat.composer.rateLimited', { count: Math.max(1, Math.ceil(retryAfterSeconds ?? 1)) });
  if (code === 'FORBIDDEN' && /muted/i.test(errorInfo(error).message ?? '')) return t('chat.composer.muted');
  return errorMessage(error);
}
