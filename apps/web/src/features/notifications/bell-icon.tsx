/**
 * The bell (the header's button, the notifications page's empty state): a module of its own, so that the page does
 * not load the header's bell (and React Aria) with it.
 */
export function BellIcon() {
  return (
    <svg className="vw-bell__icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}
