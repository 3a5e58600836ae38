import { lazy, Suspense, useState } from 'react';
import { useStepUpStore } from './use-step-up.ts';

/** The dialog (forms, code fields, WebAuthn) is fetched the first time a step-up is asked for. */
const StepUpDialog = lazy(() => import('./step-up-dialog.tsx').then((m) => ({ default: m.StepUpDialog })));

/**
 * The global "confirm it's you" dialog, rendered once in the app layout and opened by `withStepUp` / `useStepUp`
 * (see use-step-up.ts). Renders nothing until the first request; the dialog then stays mounted.
 */
export function StepUpHost() {
  const open = useStepUpStore((s) => s.open);
  const settle = useStepUpStore((s) => s.settle);
  const [needed, setNeeded] = useState(open);
  if (open && !needed) setNeeded(true);
  if (!needed) return null;
  return (
    <Suspense fallback={null}>
      <StepUpDialog open={open} onConfirmed={() => settle(true)} onCancel={() => settle(false)} />
    </Suspense>
  );
}
