import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router';

interface PageHeadingProps {
  /** Plain text, also used for the document title. */
  title: string;
  children?: ReactNode;
  className?: string;
}

/** Router state of a navigation that keeps the focus where it is (a tab of the page changing the URL). */
export interface KeepFocusState {
  keepFocus: true;
}

const keepsFocus = (state: unknown) => typeof state === 'object' && state !== null && (state as Partial<KeepFocusState>).keepFocus === true;

/**
 * The page's h1. After a client-side navigation it takes focus, so screen readers announce the new
 * page and keyboard users continue from the top of it (the first page load keeps the browser's focus), unless the
 * navigation says to keep the focus where it is (`KeepFocusState`: a tab that changes the URL).
 */
export function PageHeading({ title, children, className }: PageHeadingProps) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { key, state } = useLocation();
  const stay = keepsFocus(state);

  useEffect(() => {
    document.title = `${title} · Veza`;
  }, [title]);

  useEffect(() => {
    if (key !== 'default' && !stay) ref.current?.focus();
  }, [key, stay]);

  return (
    <h1 ref={ref} tabIndex={-1} className={className ?? 'vw-page-title'}>
      {children ?? title}
    </h1>
  );
}
