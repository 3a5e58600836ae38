import { keepPreviousData } from '@tanstack/react-query';
import type { RecentSearchDto } from '@veza/api';
import { Avatar, CloseIcon } from '@veza/ui';
import { useContext, useEffect, useId, type ContextType, useRef, useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import {
  Collection,
  ComboBox,
  ComboBoxStateContext,
  Header,
  I18nProvider,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  ListBoxSection,
  Popover,
  type Key,
} from 'react-aria-components';
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
  /** Escape with nothing left to close or clear (the list closed, the text empty): the header puts the box away. */
  onEscape?: () => void;
  /** What the list lines up under (the header's panel); the field itself by default. */
  anchorRef?: RefObject<HTMLElement | null>;
}

/** A titled group of the list (recent searches, or one kind of suggestion). */
interface Section {
  type: 'section';
  key: string;
  title: string;
  options: BoxOption[];
}

/** The list's top level: the titled groups, then "Search for …" on its own. */
type Entry = Section | BoxOption;

/** The list's state from React Aria (open, the highlighted row), for the key handling it leaves to us. */
type ListState = NonNullable<ContextType<typeof ComboBoxStateContext>>;

/**
 * The search box, on React Aria's ComboBox (a WAI-ARIA combobox with a list popup): suggestions as you type (tracks,
 * artists, playlists, groups, each a section of the list), the signed-in person's recent searches when it is empty
 * (each removable, or all at once). ↓/↑ move through the list (wrapping), Enter opens the highlighted row or the
 * results page, Escape closes the list (then clears the text), Delete removes the highlighted recent search. The focus
 * stays in the text field throughout (React Aria's virtual focus: aria-activedescendant).
 *
 * The text is free (`allowsCustomValue`), nothing is ever "selected": each row is an action (`onAction`), and the list
 * opens on focus, a click, typing or ↓/↑ (`menuTrigger="manual"`, opened here) so that clearing the text with Escape
 * leaves it closed.
 */
export function SearchBox({ variant, defaultValue = '', onSearch, autoFocus = false, onLeave, onEscape, anchorRef }: SearchBoxProps) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const signedIn = useSession((s) => s.status === 'signed-in');
  const hintId = `${useId()}-hint`;
  const [value, setValue] = useState(defaultValue);
  // The list is wanted (focus, click, typing, ↓/↑) until closed (Escape, a choice, the focus leaving): the queries run
  // meanwhile, and React Aria's list opens whenever there is something to show (see SearchInput).
  const [open, setOpen] = useState(false);
  const fieldRef = useRef<HTMLSpanElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

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
  const entries: Entry[] =
    typed === ''
      ? recent.length > 0
        ? [
            {
              type: 'section',
              key: 'recent',
              title: t('searchBox.recent'),
              options: recent.map((r) => ({ type: 'recent', key: `recent:${r.id}`, label: r.query, href: resultsHref(r.query), recent: r })),
            },
          ]
        : []
      : problem === 'tooLong' || problem === 'tooManyClauses'
        ? []
        : [
            ...(showSuggestions
              ? groupSuggestions(suggest.data?.items ?? []).map((g): Section => ({ type: 'section', key: g.kind, title: t(`searchBox.kinds.${g.kind}`), options: g.options }))
              : []),
            { type: 'all', key: 'all', label: t('searchBox.searchFor', { q: typed }), href: resultsHref(typed) },
          ];
  const options = entries.flatMap((e) => (e.type === 'section' ? e.options : [e]));
  const suggestionCount = options.filter((o) => o.type === 'suggestion').length;

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
  // Nothing to show (empty, no recent searches yet or at all): React Aria's list stays closed. (Open, it hides the rest
  // of the page from screen readers, as a combobox's list is for the moment the whole page.)
  const hasContent = options.length > 0 || message !== null;
  const popupOpen = open && hasContent;

  const search = (q: string) => {
    onLeave?.();
    if (onSearch) onSearch(q);
    else void navigate(resultsHref(q));
  };

  const choose = (option: BoxOption) => {
    if (option.type === 'suggestion') {
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

  /** Enter without a highlighted row (or the form submitted another way): the results page, or the reason it can't. */
  const submit = (state: ListState | null) => {
    if (typed === '' || problem === 'tooLong' || problem === 'tooManyClauses') {
      state?.open(null, 'manual');
      return;
    }
    state?.close();
    search(typed);
  };

  const renderOption = (option: BoxOption) => (
    <ListBoxItem
      key={option.key}
      id={option.key}
      textValue={option.label}
      className={`vw-searchbox__option vw-searchbox__option--${option.type}`}
      onAction={() => choose(option)}
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
        // For the pointer only. An option of a listbox may hold no control of its own (ARIA allows none, and React
        // Aria keeps the focus in the field, so Tab could never reach it): the keyboard's way to remove a recent search
        // is the Delete key on the highlighted row, said in the field's description (searchBox.hintRecent). The press
        // stops here so that the row's own action (searching again) does not run.
        <button
          type="button"
          tabIndex={-1}
          aria-hidden="true"
          className="vw-searchbox__remove"
          title={t('searchBox.remove', { query: option.label })}
          onPointerDown={(event) => event.stopPropagation()}
          onPointerUp={(event) => event.stopPropagation()}
          onMouseDown={(event) => event.preventDefault()}
          onClick={(event) => {
            event.stopPropagation();
            removeRecent(option.recent);
          }}
        >
          <CloseIcon />
        </button>
      )}
    </ListBoxItem>
  );

  return (
    // React Aria's own words (what it announces) in the app's language rather than the browser's.
    <I18nProvider locale={i18n.resolvedLanguage ?? 'en'}>
      <div className={`vw-searchbox vw-searchbox--${variant}`}>
        <form
          role="search"
          className="vw-searchbox__form"
          aria-label={variant === 'header' ? t('searchBox.label') : undefined}
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            submit(null);
          }}
        >
          <ComboBox<Entry>
            className="vw-searchbox__combobox"
            items={entries}
            inputValue={value}
            onInputChange={setValue}
            allowsCustomValue
            allowsEmptyCollection
            menuTrigger="manual"
            shouldFocusWrap
            onOpenChange={setOpen}
            aria-describedby={hintId}
          >
            <Label className={variant === 'header' ? 'vz-sr-only' : 'vz-field__label vw-searchbox__page-label'}>{t('searchBox.label')}</Label>
            <span ref={fieldRef} className="vw-searchbox__field">
              <SearchIcon className="vw-searchbox__field-icon" />
              <SearchInput
                inputRef={inputRef}
                autoFocus={autoFocus}
                placeholder={t('searchBox.placeholder')}
                popupOpen={popupOpen}
                wanted={open}
                hasContent={hasContent}
                onWant={() => setOpen(true)}
                onEnter={submit}
                onClear={() => setValue('')}
                onEscape={onEscape}
                onDelete={(key) => {
                  const option = options.find((o) => o.key === key);
                  if (option?.type !== 'recent') return false;
                  removeRecent(option.recent);
                  return true;
                }}
                hasValue={value !== ''}
              />
            </span>
            <Popover
              className={`vw-searchbox__popup vw-searchbox__popup--${variant}`}
              triggerRef={anchorRef ?? fieldRef}
              placement="bottom start"
              offset={variant === 'header' ? 0 : 6}
              isOpen={popupOpen}
            >
              {message && <p className="vw-searchbox__message">{message}</p>}
              <ListBox<Entry> className="vw-searchbox__list">
                {(entry) =>
                  entry.type === 'section' ? (
                    <ListBoxSection id={entry.key} className="vw-searchbox__group">
                      <Header className="vw-searchbox__heading">{entry.title}</Header>
                      <Collection items={entry.options}>{renderOption}</Collection>
                    </ListBoxSection>
                  ) : (
                    renderOption(entry)
                  )
                }
              </ListBox>
              {recent.length > 0 && (
                <div className="vw-searchbox__footer">
                  {/* Never disabled while it runs (a focused button turning disabled drops the focus); the focus stays in the field. */}
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
            </Popover>
          </ComboBox>
          <span id={hintId} className="vz-sr-only">
            {recent.length > 0 ? t('searchBox.hintRecent') : t('searchBox.hint')}
          </span>
        </form>
        <p role="status" className="vz-sr-only">
          {popupOpen && showSuggestions && !suggest.isFetching && suggest.isSuccess ? t('searchBox.count', { count: suggestionCount }) : ''}
        </p>
      </div>
    </I18nProvider>
  );
}

interface SearchInputProps {
  inputRef: RefObject<HTMLInputElement | null>;
  autoFocus: boolean;
  placeholder: string;
  popupOpen: boolean;
  /** The list is wanted (see SearchBox), and has something to show. */
  wanted: boolean;
  hasContent: boolean;
  onWant: () => void;
  hasValue: boolean;
  onEnter: (state: ListState | null) => void;
  onClear: () => void;
  onEscape?: (() => void) | undefined;
  /** Delete on a highlighted row: true when it was a recent search (removed). */
  onDelete: (key: Key) => boolean;
}

/**
 * The text field, inside the ComboBox to reach its state: opens the list on focus, click and typing, and adds what
 * React Aria leaves to the page: Enter without a highlighted row searches, Escape with the list closed clears the text
 * (then lets the header put the box away), Delete removes the highlighted recent search.
 */
function SearchInput(props: SearchInputProps) {
  const { inputRef, autoFocus, placeholder, popupOpen, wanted, hasContent, onWant, hasValue, onEnter, onClear, onEscape, onDelete } = props;
  const state = useContext(ComboBoxStateContext);
  // The highlighted row as this render saw it: React Aria has already acted on Enter/Escape when this handler runs.
  const focusedKey = popupOpen ? (state?.selectionManager.focusedKey ?? null) : null;
  const openList = () => {
    onWant();
    if (state && !state.isOpen && hasContent) state.open(null, 'manual');
  };
  // React Aria's list follows what there is to show: opened as it comes (the recent searches loaded), closed when
  // nothing is left (the last recent search removed, ↓ in an empty field).
  const isOpen = state?.isOpen ?? false;
  const isFocused = state?.isFocused ?? false;
  useEffect(() => {
    if (!state) return;
    if (!isOpen && wanted && hasContent && isFocused) state.open(null, 'manual');
    else if (isOpen && !hasContent) state.close();
  }, [state, isOpen, isFocused, wanted, hasContent]);
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'Enter':
        // A highlighted row ran its action (React Aria); otherwise the results page (never the form's native submit).
        if (focusedKey === null) {
          event.preventDefault();
          onEnter(state);
        }
        break;
      case 'Escape':
        // The browser would clear a search field on its own: the steps are ours (close, then clear, then put away).
        event.preventDefault();
        if (!popupOpen) {
          if (hasValue) onClear();
          else onEscape?.();
        }
        break;
      case 'Delete':
        if (focusedKey !== null && onDelete(focusedKey)) event.preventDefault();
        break;
      default:
    }
  };
  return (
    <Input
      ref={inputRef}
      className="vz-input vw-searchbox__input"
      type="search"
      spellCheck={false}
      enterKeyHint="search"
      // Opened to type a search: the header's magnifier, the results page opened empty.
      autoFocus={autoFocus}
      placeholder={placeholder}
      // Open with nothing to show: collapsed, as the popup is hidden.
      aria-expanded={popupOpen}
      // Only as the focus arrives: React Aria also sends the field a focus event when its highlight leaves the list.
      onFocus={() => {
        if (!isFocused) openList();
      }}
      onClick={openList}
      onChange={openList}
      onKeyDown={onKeyDown}
    />
  );
}
