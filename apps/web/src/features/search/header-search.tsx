import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { useSession } from '../../stores/session.ts';
import { SearchBox } from './search-box.tsx';
import { SearchIcon } from './search-icon.tsx';

/**
 * The header's search (issue 12), fetched after the first paint (header-actions.tsx): a magnifier button that opens the
 * search box under the header (one button's width in a full header). Escape with nothing left to close (the box's
 * `onEscape`), or the focus leaving it, puts it away, the focus back on the button after Escape. A disclosure (the
 * button says expanded) rather than a dialog: it holds the combobox alone, whose list is React Aria's (search-box.tsx). On phones the bar keeps the button for a signed-in person;
 * everyone finds Search in the menu sheet too. Not on the results page, which has its own field.
 */
export function HeaderSearch() {
  const { t } = useTranslation();
  const signedIn = useSession((s) => s.status === 'signed-in');
  const { pathname } = useLocation();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const panelId = useId();
  if (pathname === '/search') return null;

  return (
    <div
      className={signedIn ? 'vw-header-search' : 'vw-header-search vz-shell__wide'}
      onBlur={(event) => {
        // The list is in a popover elsewhere in the page (a portal): the focus going there keeps the box.
        const to = event.relatedTarget as Element | null;
        if (!event.currentTarget.contains(to) && !to?.closest('.vw-searchbox__popup')) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="vw-header-search__toggle"
        aria-label={t('nav.search')}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        <SearchIcon />
      </button>
      {open && (
        <div id={panelId} ref={panelRef} className="vw-header-search__panel">
          <SearchBox
            variant="header"
            autoFocus
            anchorRef={panelRef}
            onLeave={() => setOpen(false)}
            onEscape={() => {
              setOpen(false);
              buttonRef.current?.focus();
            }}
          />
        </div>
      )}
    </div>
  );
}
