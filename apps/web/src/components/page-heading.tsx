import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router';

interface PageHeadingProps {
  /** Plain text, also used for the document title. */
  title: string;
  children?: ReactNode;
  className?: string;
}

/**
 * The page's h1. After a client-side navigation it takes focus, so screen readers announce the new
 * page and keyboard users continue from the top of it (the first page load keeps the browser's focus).
 */
export function PageHeading({ title, children, className }: PageHeadingProps) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { key } = useLocation();

  useEffect(() => {
    document.title = `${title} · Veza`;
  }, [title]);

  useEffect(() => {
    if (key !== 'default') ref.current?.focus();
  }, [key]);

  return (
    <h1 ref={ref} tabIndex={-1} className={className ?? 'vw-page-title'}>
      {children ?? title}
    </h1>
  );
}
