import './presence.css';
import type { PresenceStatus } from '@veza/validators';
import { lazy, Suspense, useId, useRef, useState } from 'react';
import { Button, Dialog, DialogTrigger, I18nProvider, Popover } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.ts';
import { onceModule } from '../../lib/once-module.ts';
import { useSession } from '../../stores/session.ts';
import { trpc } from '../../trpc.ts';
import { PresenceDot } from './presence-dot.tsx';

/** The panel's code, fetched once (on hover, focus or open). */
const loadPanel = onceModule(() => import('./status-picker-panel.tsx'));

/** The panel's content is not in the first load (see status-picker-panel.tsx); it is usually there before the click. */
const LazyPanel = lazy(() =>
  loadPanel().then(
    (module) => ({ default: module.StatusPickerPanel }),
    // Offline or a deploy removed the chunk: say so in the panel rather than breaking the page's header.
    () => ({ default: () => <p role="alert" className="vw-inline-error">{errorMessage(null)}</p> }),
  ),
);

/**
 * The header's status picker: online, away, do not disturb or invisible, and "Share what I'm listening to". A button
 * opening a small dialog in a popover (React Aria's DialogTrigger): React Aria moves the focus in, and Escape or a
 * press outside closes it, the focus back on the button. Its content is a native radio group and switch (a form, not
 * a menu: the switch does not close it, the hints under the choices are read with them), see status-picker-panel.tsx.
 * In the phone's menu sheet (a modal <dialog>, on the top layer), the popover is put inside the sheet to show above it.
 */
export function StatusPicker() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const me = useSession((s) => s.user);
  const utils = trpc.useUtils();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  // Where the popover goes: the page, or the sheet it is in (see above); found as it opens.
  const [container, setContainer] = useState<Element | undefined>(undefined);
  const [chosenShare, setChosenShare] = useState<boolean | null>(null);
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
  const preload = () => void loadPanel().catch(() => undefined);
  return (
    // React Aria's own words (its popover's hidden Dismiss buttons) in the app's language rather than the browser's.
    <I18nProvider locale={i18n.resolvedLanguage ?? 'en'}>
      <div className="vw-status-picker" ref={rootRef}>
        <DialogTrigger
          isOpen={open}
          onOpenChange={(value) => {
            if (value) setContainer(rootRef.current?.closest('dialog') ?? undefined);
            setOpen(value);
          }}
        >
          <Button className="vz-button vz-button--ghost vz-button--sm" onHoverStart={preload} onFocus={preload}>
            <PresenceDot status={current} /> <span className="vw-status-picker__label">{t('presence.picker.button', { status: t(`presence.choice.${current}`) })}</span>
          </Button>
          <Popover className="vw-status-picker__popover" placement="bottom end" offset={4} UNSTABLE_portalContainer={container}>
            <Dialog id={`${id}-panel`} className="vw-status-picker__panel" aria-label={t('presence.picker.legend')}>
              <Suspense fallback={<div aria-busy="true" />}>
                <LazyPanel id={id} current={current} share={share} error={set.error} onChoose={choose} onShare={toggleShare} />
              </Suspense>
            </Dialog>
          </Popover>
        </DialogTrigger>
      </div>
    </I18nProvider>
  );
}
