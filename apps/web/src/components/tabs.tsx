import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import type { KeepFocusState } from './page-heading.tsx';

export interface TabItem<K extends string> {
  key: K;
  label: ReactNode;
  /** A tab that is a place (its own URL): a link, and the arrow keys navigate to it. */
  to?: string;
}

interface TabsProps<K extends string> {
  /** The tab list's accessible name. */
  label: string;
  tabs: TabItem<K>[];
  selected: K;
  /** Tabs without `to` (state only). */
  onSelect?: (key: K) => void;
  /** The panel: the selected tab's content. */
  children: ReactNode;
  className?: string;
}

const keepFocus: KeepFocusState = { keepFocus: true };

/**
 * WAI-ARIA tabs: a `tablist` of `tab`s (`aria-selected`, one of them in the Tab order) over one `tabpanel` labelled by
 * the selected tab. The arrow keys, Home and End move between tabs and select them (automatic activation). Tabs with
 * `to` are links, for tabs that are places (`/u/ana/likes`); their navigation keeps the focus on the tab.
 */
export function Tabs<K extends string>({ label, tabs, selected, onSelect, children, className }: TabsProps<K>) {
  const id = useId();
  const navigate = useNavigate();
  const refs = useRef(new Map<K, HTMLElement>());
  const tabId = (key: K) => `${id}-tab-${key}`;
  const panelId = `${id}-panel`;

  const choose = (tab: TabItem<K>) => {
    if (tab.to) void navigate(tab.to, { state: keepFocus });
    else onSelect?.(tab.key);
  };
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const last = tabs.length - 1;
    const to = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last }[event.key];
    const tab = to === undefined ? undefined : tabs[to];
    if (!tab) return;
    event.preventDefault();
    refs.current.get(tab.key)?.focus();
    if (tab.key !== selected) choose(tab);
  };

  return (
    <div className={className ? `vw-tabset ${className}` : 'vw-tabset'}>
      <div role="tablist" aria-label={label} className="vw-tablist">
        {tabs.map((tab, index) => {
          const isSelected = tab.key === selected;
          const common = {
            ref: (el: HTMLElement | null) => {
              if (el) refs.current.set(tab.key, el);
              else refs.current.delete(tab.key);
            },
            role: 'tab',
            id: tabId(tab.key),
            'aria-selected': isSelected,
            'aria-controls': isSelected ? panelId : undefined,
            tabIndex: isSelected ? 0 : -1,
            className: 'vw-tablist__tab',
            onKeyDown: (event: KeyboardEvent) => onKeyDown(event, index),
          } as const;
          return tab.to ? (
            <Link key={tab.key} to={tab.to} state={keepFocus} {...common}>{tab.label}</Link>
          ) : (
            <button key={tab.key} type="button" onClick={() => onSelect?.(tab.key)} {...common}>{tab.label}</button>
          );
        })}
      </div>
      <div role="tabpanel" id={panelId} aria-labelledby={tabId(selected)} className="vw-tabpanel">
        {children}
      </div>
    </div>
  );
}
