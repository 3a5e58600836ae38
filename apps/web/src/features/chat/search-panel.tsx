import type { RouterOutputs } from '@veza/api';
import { Button, TextField } from '@veza/ui';
import { Fragment, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage, serverFieldErrors } from '../../lib/errors.ts';
import { trpc } from '../../trpc.ts';
import { nameOf } from './chat-store.ts';

type SearchResult = RouterOutputs['chat']['messages']['search']['items'][number];

/** A body with its matched parts in <mark> (ranges in string indices, in order, not overlapping). */
export function highlighted(body: string, ranges: readonly (readonly [number, number])[]): ReactNode {
  const out: ReactNode[] = [];
  let at = 0;
  ranges.forEach(([start, end], i) => {
    if (start < at || end <= start || end > body.length) return;
    if (start > at) out.push(<Fragment key={`t${i}`}>{body.slice(at, start)}</Fragment>);
    out.push(<mark key={`m${i}`}>{body.slice(start, end)}</mark>);
    at = end;
  });
  if (at < body.length) out.push(<Fragment key="rest">{body.slice(at)}</Fragment>);
  return out;
}

/**
 * Searching messages: in the open conversation or in all of mine (inline filters such as `from:ana` work, see the
 * API's chat-search syntax). Results link to their conversation.
 */
export function SearchPanel({ roomId, onClose }: { roomId: string | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [scope, setScope] = useState<'room' | 'all'>(roomId ? 'room' : 'all');
  const [asked, setAsked] = useState<{ query: string; roomId?: string } | null>(null);
  const search = trpc.chat.messages.search.useInfiniteQuery(asked ?? { query: '' }, {
    enabled: asked !== null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    staleTime: 30_000,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const query = text.trim();
    if (!query) return;
    setAsked({ query, ...(scope === 'room' && roomId ? { roomId } : {}) });
  };
  const results: SearchResult[] = search.data?.pages.flatMap((p) => p.items) ?? [];
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const fieldError = search.error ? (serverFieldErrors(search.error).query ?? errorMessage(search.error)) : undefined;

  return (
    <section className="vw-chat-search" aria-label={t('chat.search.label')}>
      <form onSubmit={submit} className="vw-chat-search__form" role="search">
        <TextField type="search" label={t('chat.search.field')} value={text} onChange={(e) => setText(e.target.value)} maxLength={200} error={fieldError} hint={t('chat.search.hint')} autoFocus />
        {roomId && (
          <fieldset className="vw-chat-search__scope">
            <legend className="vz-sr-only">{t('chat.search.scope')}</legend>
            <label>
              <input type="radio" name="scope" checked={scope === 'room'} onChange={() => setScope('room')} /> {t('chat.search.thisConversation')}
            </label>
            <label>
              <input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} /> {t('chat.search.everywhere')}
            </label>
          </fieldset>
        )}
        <div className="vw-form-actions">
          <Button type="submit" size="sm" loading={search.isFetching && !search.isFetchingNextPage}>{t('chat.search.submit')}</Button>
          <Button type="button" size="sm" variant="ghost" onClick={onClose}>{t('chat.search.close')}</Button>
        </div>
      </form>
      {asked && search.isSuccess && (
        <>
          <p className="vw-muted" role="status">{t('chat.search.count', { count: results.length })}</p>
          <ol className="vw-chat-search__results">
            {results.map((r) => (
              <li key={r.message.id}>
                <Link to={`/chat/${r.room.id}`} className="vw-chat-search__result">
                  <span className="vw-chat-search__meta">
                    <strong>{nameOf(r.message.author, t('chat.message.deletedAccount'))}</strong> · {r.room.name ?? t('chat.sidebar.dms')} · {when.format(new Date(r.message.createdAt))}
                  </span>
                  <span className="vw-chat-search__body">{highlighted(r.message.body, r.highlights)}</span>
                </Link>
              </li>
            ))}
          </ol>
          {search.hasNextPage && (
            <Button type="button" size="sm" variant="secondary" onClick={() => void search.fetchNextPage()} loading={search.isFetchingNextPage}>
              {t('chat.search.more')}
            </Button>
          )}
        </>
      )}
    </section>
  );
}
