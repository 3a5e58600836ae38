import { keepPreviousData } from '@tanstack/react-query';
import type { RecentSearchDto } from '@veza/api';
import { Avatar, CloseIcon } from '@veza/ui';
import { useEffect, useId, useRef, useState, type FocusEvent, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDebounced } from '../../pages/settings/use-debounced.ts';
import { useSession } from '../../stores/session.ts';
import { trpc } from '../../trpc.ts';
import { SearchIcon } from './search-icon.tsx';
import { groupSuggestions, queryProblem, resultsHref, type BoxOption } from './search-query.ts';
import './search.css';

/** How long typing must pause before the suggestions are asked for (with the last ones kept meanwhile). */
export const SUGGEST_DEBOUNCE_MS = 100;

export interface SearchBoxProps {
  /** `header`: the app header's compact box; `page`: the results page's field (a visible label). */
  variant: 'header' | 'page';
  /** The text it starts with (the results page's query); a new value replaces what is typed. */
  defaultValue?: string;
  /** Enter without a chosen suggestion, or "Search for …": the results page of the query unless given. */
  onSearch?: (q: string) => void;
  autoFocus?: boolean;
  /** Called as it leads elsewhere (a suggestion, the results page): the header puts the box away. */
  onLeave?: () => void;
}

interface Section {
  key: string;
  title: string | null;
  options: BoxOption[];
}

/**
 * The search box (WAI-ARIA combobox with a list popup): suggestions as you type (tracks, artists, playlists, groups,
 * each a group of the list), the signed-in person's recent searches when it is empty (each removable, or all at once).
 * ↓/↑ move through the list (wrapping), Enter opens the highlighted row or the results page, Escape closes the list
 * (then clears the text), Delete removes the highlighted recent search. The focus stays in the text field throughout.
 */
export function SearchBox({ variant, defaultValue = '', onSearch, autoFocus = false, onLeave }: SearchBoxProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const signedIn = useSession((s) => s.status === 'signed-in');
  const [value, setValue] = useState(defaultValue);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const rootRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const listId = `${id}-list`;
  const optionId = (index: number) => `${id}-option-${index}`;

  // A new starting text (the results page's query changed): it replaces what is typed.
  const [startedWith, setStartedWith] = useState(defaultValue);
  if (startedWith !== defaultValue) {
    setStartedWith(defaultValue);
    setValue(defaultValue);
  }

  const typed = value.trim();
  const debounced = useDebounced(typed, SUGGEST_DEBOUNCE_MS);
  const problem = typed ? queryProblem(typed) : null;
  const suggest = trpc.search.suggest.useQuery(
    { q: debounced },
    { enabled: open && debounced !== '' && queryProblem(debounced) === null, placeholderData: keepPreviousData, staleTime: 30_000, retry: false },
  );
  const history = trpc.search.history.list.useQuery(undefined, { enabled: open && signedIn && typed === '', staleTime: 10_000 });
  const utils = trpc.useUtils();
  const dropRecent = (ids: string[] | 'all') =>
    utils.search.history.list.setData(undefined, (old) => (ids === 'all' ? [] : old?.filter((r) => !ids.includes(r.id))));
  const remove = trpc.search.history.remove.useMutation({ onSuccess: (done) => dropRecent([done.id]), onError: () => void utils.search.history.list.invalidate() });
  const clear = trpc.search.history.clear.useMutation({ onSuccess: () => dropRecent('all') });

  const recent = typed === '' && signedIn ? (history.data ?? []) : [];
  const showSuggestions = typed !== '' && problem === null;
  const sections: Section[] =
    typed === ''
      ? recent.length > 0
        ? [{ key: 'recent', title: t('searchBox.recent'), options: recent.map((r) => ({ type: 'recent', key: `recent:${r.id}`, label: r.query, href: resultsHref(r.query), recent: r })) }]
        : []
      : problem === 'tooLong' || problem === 'tooManyClauses'
        ? []
        : [
            ...(showSuggestions ? groupSuggestions(suggest.data?.items ?? []).map((g) => ({ key: g.kind, title: t(`searchBox.kinds.${g.kind}`), options: g.options })) : []),
            { key: 'all', title: null, options: [{ type: 'all', key: 'all', label: t('searchBox.searchFor', { q: typed }), href: resultsHref(typed) }] },
          ];
  const options = sections.flatMap((s) => s.options);
  const suggestionCount = options.filter((o) => o.type === 'suggestion').length;

  // The list got shorter under the highlight: nothing highlighted rather than a stale row.
  const current = active < options.length ? active : -1;
  useEffect(() => {
    if (current >= 0) document.getElementById(`${id}-option-${current}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [current, id]);

  const message =
    problem === 'tooLong'
      ? t('searchBox.tooLong')
      : problem === 'tooManyClauses'
        ? t('searchBox.tooManyClauses')
        : !showSuggestions
          ? null
          : suggest.isError
            ? t('searchBox.error')
            : suggest.isPending || (suggest.isPlaceholderData && suggest.isFetching && suggestionCount === 0)
              ? t('searchBox.loading')
              : suggestionCount === 0
                ? t('searchBox.noMatches', { q: typed })
                : null;
  const popupOpen = open && (options.length > 0 || message !== null);

  const close = () => {
    setOpen(false);
    setActive(-1);
  };

  const search = (q: string) => {
    close();
    onLeave?.();
    if (onSearch) onSearch(q);
    else void navigate(resultsHref(q));
  };

  const choose = (option: BoxOption) => {
    if (option.type === 'suggestion') {
      close();
      if (variant === 'header') setValue('');
      onLeave?.();
      void navigate(option.href);
      return;
    }
    if (option.type === 'recent') setValue(option.label);
    search(option.type === 'recent' ? option.label : typed);
  };

  const removeRecent = (r: RecentSearchDto) => {
    remove.mutate({ id: r.id });
    inputRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = options.length;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setOpen(true);
        if (count > 0) setActive(!popupOpen ? 0 : (current + 1) % count);
        break;
      case 'ArrowUp':
        event.preventDefault();
        setOpen(true);
        if (count > 0) setActive(!popupOpen || current <= 0 ? count - 1 : current - 1);
        break;
      case 'Enter': {
        const option = popupOpen && current >= 0 ? options[current] : undefined;
        if (option) {
          event.preventDefault();
          choose(option);
        }
        // Otherwise the form submits: the results page.
        break;
      }
      case 'Escape':
        if (popupOpen) {
          event.preventDefault();
          close();
        } else if (value) {
          event.preventDefault();
          setValue('');
        }
        break;
      case 'Delete': {
        const option = popupOpen && current >= 0 ? options[current] : undefined;
        if (option?.type === 'recent') {
          event.preventDefault();
          removeRecent(option.recent);
        }
        break;
      }
      default:
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (typed === '' || problem === 'tooLong' || problem === 'tooManyClauses') {
      setOpen(true);
      return;
    }
    search(typed);
  };

  const onBlur = (event: FocusEvent) => {
    if (!rootRef.current?.contains(event.relatedTarget as Node | null)) close();
  };

  let index = -1;
  const renderOption = (option: BoxOption) => {
    index += 1;
    const i = index;
    return (
      <li
        key={option.key}
        id={optionId(i)}
        role="option"
        aria-selected={i === current}
        className={`vw-searchbox__option vw-searchbox__option--${option.type}`}
        // Keep the focus in the field: the click chooses.
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => choose(option)}
        onMouseMove={() => i !== current && setActive(i)}
      >
        {option.type === 'suggestion' ? (
          <>
            <Avatar name={option.label} src={option.image} size="sm" decorative className={`vw-searchbox__thumb vw-searchbox__thumb--${option.kind}`} />
            <span className="vw-searchbox__text">
              <span className="vw-searchbox__label">{option.label}</span>
              {option.detail && <span className="vw-searchbox__detail">{option.detail}</span>}
            </span>
          </>
        ) : (
          <>
            <SearchIcon className="vw-searchbox__icon" />
            <span className="vw-searchbox__label">{option.label}</span>
          </>
        )}
        {option.type === 'recent' && (
          // For the pointer; the keyboard removes the highlighted search with Delete (said in the list's description).
          <button
            type="button"
            tabIndex={-1}
            aria-hidden="true"
            className="vw-searchbox__remove"
            title={t('searchBox.remove', { query: option.label })}
            onClick={(event) => {
              event.stopPropagation();
              removeRecent(option.recent);
            }}
          >
            <CloseIcon />
          </button>
        )}
      </li>
    );
  };

  const inputId = `${id}-input`;
  return (
    <div ref={rootRef} className={`vw-searchbox vw-searchbox--${variant}`} onBlur={onBlur}>
      <form role="search" className="vw-searchbox__form" onSubmit={onSubmit} aria-label={variant === 'header' ? t('searchBox.label') : undefined}>
        <label htmlFor={inputId} className={variant === 'header' ? 'vz-sr-only' : 'vz-field__label vw-searchbox__page-label'}>
          {t('searchBox.label')}
        </label>
        <span className="vw-searchbox__field">
          <SearchIcon className="vw-searchbox__field-icon" />
          <input
            ref={inputRef}
            id={inputId}
            className="vz-input vw-searchbox__input"
            type="search"
            role="combobox"
            autoComplete="off"
            spellCheck={false}
            enterKeyHint="search"
            // Opened to type a search: the header's magnifier, the results page opened empty.
            autoFocus={autoFocus}
            placeholder={t('searchBox.placeholder')}
            aria-expanded={popupOpen}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={popupOpen && current >= 0 ? optionId(current) : undefined}
            aria-describedby={`${id}-hint`}
            value={value}
            onChange={(event) => {
              setValue(event.target.value);
              setOpen(true);
              setActive(-1);
            }}
            onFocus={() => setOpen(true)}
            onClick={() => setOpen(true)}
            onKeyDown={onKeyDown}
          />
        </span>
        <span id={`${id}-hint`} className="vz-sr-only">
          {recent.length > 0 ? t('searchBox.hintRecent') : t('searchBox.hint')}
        </span>
      </form>
      <div className="vw-searchbox__popup" hidden={!popupOpen}>
        {popupOpen && message && <p className="vw-searchbox__message">{message}</p>}
        <ul id={listId} role="listbox" aria-label={typed === '' ? t('searchBox.recent') : t('searchBox.suggestions')} className="vw-searchbox__list">
          {popupOpen &&
            sections.map((section) =>
              section.title ? (
                <li key={section.key} role="presentation">
                  <ul role="group" aria-labelledby={`${id}-${section.key}`} className="vw-searchbox__group">
                    <li role="presentation" id={`${id}-${section.key}`} className="vw-searchbox__heading">
                      {section.title}
                    </li>
                    {section.options.map(renderOption)}
                  </ul>
                </li>
              ) : (
                section.options.map(renderOption)
              ),
            )}
        </ul>
        {popupOpen && recent.length > 0 && (
          <div className="vw-searchbox__footer">
            {/* Never disabled while it runs (a focused button turning disabled drops the focus); the focus ends in the field. */}
            <button
              type="button"
              className="vw-searchbox__clear"
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => {
                if (!clear.isPending) clear.mutate(undefined, { onSettled: () => inputRef.current?.focus() });
              }}
            >
              {t('searchBox.clearAll')}
            </button>
          </div>
        )}
      </div>
      <p role="status" className="vz-sr-only">
        {popupOpen && showSuggestions && !suggest.isFetching && suggest.isSuccess ? t('searchBox.count', { count: suggestionCount }) : ''}
      </p>
    </div>
  );
}
