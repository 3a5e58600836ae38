import './presence.css';
import type { PresenceStatus } from '@veza/validators';
import { lazy, Suspense, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { onceModule, useDisclosure } from '../../lib/disclosure.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useSession } from '../../stores/session.ts';
import { trpc } from '../../trpc.ts';
import { PresenceDot } from './presence-dot.tsx';
import type { StatusPickerPanelProps } from './status-picker-panel.tsx';

/** The panel's code, fetched once (on hover, focus or open). */
const loadPanel = onceModule(() => import('./status-picker-panel.tsx'));

/** The panel's content is not in the first load (see status-picker-panel.tsx); it is usually there before the click. */
const LazyPanel = lazy(() =>
  loadPanel().then(
    (module) => ({ default: module.StatusPickerPanel }),
    // Offline or a deploy removed the chunk: say so in the panel rather than breaking the page's header.
    () => ({ default: ({ id }: StatusPickerPanelProps) => <div id={`${id}-panel`} className="vw-status-picker__panel"><p role="alert" className="vw-inline-error">{errorMessage(null)}</p></div> }),
  ),
);

/**
 * The header's status picker: online, away, do not disturb or invisible, and "Share what I'm listening to". A
 * disclosure button opening a small panel (radio group + switch); Escape or a click outside closes it.
 */
export function StatusPicker() {
  const { t } = useTranslation();
  const id = useId();
  const me = useSession((s) => s.user);
  const utils = trpc.useUtils();
  const [open, setOpen] = useState(false);
  const [chosenShare, setChosenShare] = useState<boolean | null>(null);
  const { rootRef, buttonRef, onKeyDown } = useDisclosure(open, () => setOpen(false));
  const mine = trpc.presence.get.useQuery({ userIds: me ? [me.id] : [] }, { enabled: !!me, staleTime: 30_000 });
  const [chosen, setChosen] = useState<PresenceStatus | null>(null);
  const set = trpc.presence.set.useMutation({
    onSuccess: (presence) => {
      if (me) utils.presence.get.setData({ userIds: [me.id] }, { items: [presence] });
    },
  });
  const shown = mine.data?.items[0]?.status;
  // The server keeps the choice (presence settings); until it answers, sharing reads as on (the default).
  const share = chosenShare ?? mine.data?.items[0]?.shareListening ?? true;
  const current: PresenceStatus = chosen ?? (shown && shown !== 'offline' ? shown : 'online');

  if (!me) return null;
  const choose = (status: PresenceStatus) => {
    setChosen(status);
    set.mutate({ status });
  };
  const toggleShare = (value: boolean) => {
    setChosenShare(value);
    set.mutate({ shareListening: value });
  };
  return (
    <div
      className="vw-status-picker"
      ref={rootRef}
      onKeyDown={onKeyDown}
    >
      <button
        ref={buttonRef}
        type="button"
        className="vz-button vz-button--ghost vz-button--sm"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onPointerEnter={() => void loadPanel().catch(() => undefined)}
        onFocus={() => void loadPanel().catch(() => undefined)}
        onClick={() => setOpen((o) => !o)}
      >
        <PresenceDot status={current} /> <span className="vw-status-picker__label">{t('presence.picker.button', { status: t(`presence.choice.${current}`) })}</span>
      </button>
      {open && (
        <Suspense fallback={<div id={`${id}-panel`} className="vw-status-picker__panel" aria-busy="true" />}>
          <LazyPanel id={id} current={current} share={share} error={set.error} onChoose={choose} onShare={toggleShare} />
        </Suspense>
      )}
    </div>
  );
}
