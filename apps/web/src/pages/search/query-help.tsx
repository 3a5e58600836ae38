import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HelpIcon } from '../../features/search/search-icon.tsx';

/**
 * "How to search": a button opening a small panel (disclosure) with the query language of @veza/validators' search.ts:
 * all words required, "exact phrase", OR, NOT / -word. Escape or a click elsewhere closes it, the focus back on the button.
 */
export function QueryHelp() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const id = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return undefined;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const rules = [
    { example: 'deep house', key: 'and' },
    { example: '"night drive"', key: 'phrase' },
    { example: 'ambient OR drone', key: 'or' },
    { example: 'lofi -rain', key: 'not' },
    { example: 'dee', key: 'prefix' },
  ] as const;

  return (
    <div
      ref={rootRef}
      className="vw-query-help"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
    >
      <button ref={buttonRef} type="button" className="vw-query-help__button" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)}>
        <HelpIcon /> {t('searchPage.help.button')}
      </button>
      <div id={id} className="vw-query-help__panel" hidden={!open} role="region" aria-label={t('searchPage.help.title')}>
        <p className="vw-query-help__title">{t('searchPage.help.title')}</p>
        <dl className="vw-query-help__rules">
          {rules.map((rule) => (
            <div key={rule.key}>
              <dt>
                <code>{rule.example}</code>
              </dt>
              <dd>{t(`searchPage.help.${rule.key}`)}</dd>
            </div>
          ))}
        </dl>
        <p className="vw-query-help__note">{t('searchPage.help.note')}</p>
      </div>
    </div>
  );
}
