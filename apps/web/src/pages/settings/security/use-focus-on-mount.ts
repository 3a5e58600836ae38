import { useEffect, useRef } from 'react';

/** A ref whose element takes focus once, when it appears: a new step's heading, so screen readers announce it. */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
