import { lazy, Suspense, type ComponentType } from 'react';

/**
 * A part of the app frame only signed-in people need, kept out of the first load: visitors never fetch it, members get
 * it right after the first paint (render it only while signed in). If its code cannot be fetched (offline, a deploy in
 * between) the frame goes without it rather than failing the page.
 */
export function signedInPart<M>(load: () => Promise<M>, pick: (module: M) => ComponentType): ComponentType {
  const Nothing: ComponentType = () => null;
  const Part = lazy(() => load().then((module) => ({ default: pick(module) }), () => ({ default: Nothing })));
  return function SignedInPart() {
    return (
      <Suspense fallback={null}>
        <Part />
      </Suspense>
    );
  };
}
