import '../settings/panels.css';
import type { RouterOutputs } from '@veza/api';
import { Button, LoadingState } from '@veza/ui';
import { chatSearchInput, SEARCH_QUERY_MIN, type ChatSearchInput } from '@veza/validators';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../../lib/errors.ts';
import { trpc } from '../../../trpc.ts';
import { jumpSearch } from '../reply-quote.tsx';

export type SearchResult = RouterOutputs['chat']['messages']['search']['items'][number];

/** Wait this long after the last keystroke (the server allows 2 searches a second). */
export const SEARCH_DEBOUNCE_MS = 400;

/** The body with its matched ranges in <mark> (ranges are [start, end) UTF-16 indices, in order, not overlapping). */
export function highlight(body: string, ranges: [number, number][]): ReactNode[] {
  const out: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at || end > body.length || start >= end) continue;
    if (start > at) out.push(body.slice(at, start));
    out.push(<mark key={start}>{body.slice(start, end)}</mark>);
    at = end;
  }
  if (at < body.length) out.push(body.slice(at));
  return out;
}

/** Results by room, in the order their best result came. */
export function groupByRoom(items: SearchResult[]) {
  const groups = new Map<string, { room: SearchResult['room']; items: SearchResult[] }>();
  for (const item of items) {
    const group = groups.get(item.room.id) ?? { room: item.room, items: [] };
    group.items.push(item);
    groups.set(item.room.id, group);
  }
  return [...groups.values()];
}

/** Where a result opens: its room, scrolled to its message. */
export const resultPath = (r: SearchResult) => `/chat/${r.room.id}${jumpSearch(r.message.seq)}`;

export interface SearchPanelProps {
  /** The room open now: offered as the "in:" filter. */
  room?: { id: string; name: string | null } | null;
  /** Called once a result is chosen (e.g. to close the panel). */
  onNavigate?: () => void;
  onClose?: () => void;
}

/** Message search with filter chips (from:, in:, has:attachment, dates), results grouped by room with matches marked. */
export function SearchPanel({ room, onNavigate, onClose }: SearchPanelProps) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [from, setFrom] = useState('');
  const [inRoom, setInRoom] = useState(!!room);
  const [hasAttachment, setHasAttachment] = useState(false);
  const [after, setAfter] = useState('');
  const [before, setBefore] = useState('');
  const [debounced, setDebounced] = useState<ChatSearchInput | null>(null);
  const listRef = useRef<HTMLDivElement>(null);

  const input: ChatSearchInput = useMemo(
    () => ({
      query: text,
      ...(inRoom && room ? { roomId: room.id } : {}),
      ...(from.trim() ? { fromUsername: from.trim().replace(/^@/, '') } : {}),
      ...(hasAttachment ? { hasAttachment: true } : {}),
      ...(after ? { after } : {}),
      ...(before ? { before } : {}),
      limit: 20,
    }),
    [text, inRoom, room, from, hasAttachment, after, before],
  );
  const parsed = chatSearchInput.safeParse(input);
  const localError = parsed.success ? null : (parsed.error.issues[0]?.message ?? null);
  const ready = parsed.success && parsed.data.text.length >= SEARCH_QUERY_MIN;

  useEffect(() => {
    const timer = setTimeout(() => setDebounced(ready ? input : null), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [input, ready]);

  const search = trpc.chat.messages.search.useInfiniteQuery(debounced ?? { query: '' }, {
    enabled: debounced !== null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    staleTime: 30_000,
    retry: false,
  });
  const items = search.data?.pages.flatMap((p) => p.items) ?? [];
  const groups = groupByRoom(items);

  const onResultsKey = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const links = [...(listRef.current?.querySelectorAll<HTMLAnchorElement>('a.vw-search-result') ?? [])];
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    const next = links[event.key === 'ArrowDown' ? Math.min(links.length - 1, at + 1) : Math.max(0, at - 1)];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  };

  let results: ReactNode;
  if (!ready || !debounced) results = localError && text.trim() ? <p role="alert" className="vw-inline-error">{localError}</p> : <p className="vw-muted">{t('chat2.search.hint')}</p>;
  else if (search.isPending) results = <LoadingState label={t('chat2.search.loading')} />;
  else if (search.isError)
    results = (
      <div role="alert" className="vw-inline-error">
        {errorMessage(search.error)}{' '}
        <Button type="button" size="sm" variant="secondary" onClick={() => void search.refetch()}>{t('chat2.retry')}</Button>
      </div>
    );
  else if (items.length === 0) results = <p className="vw-muted">{t('chat2.search.empty')}</p>;
  else
    results = (
      <div ref={listRef} onKeyDown={onResultsKey}>
        <p className="vz-sr-only" role="status">{t('chat2.search.count', { count: items.length })}</p>
        {groups.map((g) => (
          <section key={g.room.id} className="vw-search-group" aria-label={g.room.name ?? t('chat2.search.direct')}>
            <h3 className="vw-search-group__title">{g.room.name ?? t('chat2.search.direct')}</h3>
            <ul className="vw-search-results">
              {g.items.map((r) => (
                <li key={r.message.id}>
                  <Link className="vw-search-result" to={resultPath(r)} onClick={onNavigate}>
                    <span className="vw-search-result__meta">
                      {r.message.author ? (r.message.author.displayName ?? r.message.author.username) : t('chat2.search.someone')} ·{' '}
                      <time dateTime={r.message.createdAt}>{new Date(r.message.createdAt).toLocaleString()}</time>
                    </span>
                    <span className="vw-search-result__body">{highlight(r.message.body, r.highlights)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ))}
        {search.hasNextPage && (
          <Button type="button" variant="secondary" size="sm" loading={search.isFetchingNextPage} onClick={() => void search.fetchNextPage()}>
            {t('chat2.search.more')}
          </Button>
        )}
      </div>
    );

  return (
    <section className="vw-search-panel" aria-label={t('chat2.search.title')}>
      <div className="vw-search-panel__head">
        <h2 className="vw-chat-sidebar__title">{t('chat2.search.title')}</h2>
        {onClose && <Button type="button" size="sm" variant="ghost" onClick={onClose}>{t('chat2.close')}</Button>}
      </div>
      <form role="search" onSubmit={(e) => e.preventDefault()} className="vw-search-panel__form">
        <label htmlFor={`${id}-q`} className="vz-sr-only">{t('chat2.search.label')}</label>
        <input
          id={`${id}-q`}
          type="search"
          className="vz-input"
          value={text}
          maxLength={200}
          placeholder={t('chat2.search.placeholder')}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && onClose) onClose();
            if (e.key === 'ArrowDown') listRef.current?.querySelector<HTMLAnchorElement>('a.vw-search-result')?.focus();
          }}
          autoFocus
        />
        <div className="vw-chips" role="group" aria-label={t('chat2.search.filters')}>
          <label className="vw-chip">
            <span>{t('chat2.search.from')}</span>
            <input className="vw-chip__input" value={from} onChange={(e) => setFrom(e.target.value)} placeholder={t('chat2.search.fromPlaceholder')} size={10} />
          </label>
          {room && (
            <button type="button" className="vw-chip" aria-pressed={inRoom} onClick={() => setInRoom((v) => !v)}>
              {t('chat2.search.inRoom', { room: room.name ?? t('chat2.search.thisConversation') })}
            </button>
          )}
          <button type="button" className="vw-chip" aria-pressed={hasAttachment} onClick={() => setHasAttachment((v) => !v)}>
            {t('chat2.search.hasAttachment')}
          </button>
          <label className="vw-chip">
            <span>{t('chat2.search.after')}</span>
            <input type="date" className="vw-chip__input" value={after} onChange={(e) => setAfter(e.target.value)} />
          </label>
          <label className="vw-chip">
            <span>{t('chat2.search.before')}</span>
            <input type="date" className="vw-chip__input" value={before} onChange={(e) => setBefore(e.target.value)} />
          </label>
        </div>
      </form>
      <div className="vw-search-panel__results" aria-live="polite" aria-busy={search.isFetching}>
        {results}
      </div>
    </section>
  );
}
