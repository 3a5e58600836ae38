import { Button, useModalDialog } from '@veza/ui';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlayerUi } from './player-ui.ts';

const rows: [keys: string[], label: string][] = [
  [['Space', 'K'], 'player.shortcutPlayPause'],
  [['J', 'L', '←', '→'], 'player.shortcutSeek'],
  [['Shift+N', 'Shift+P'], 'player.shortcutTrack'],
  [['M'], 'player.shortcutMute'],
  [['↑', '↓'], 'player.shortcutVolume'],
  [['?'], 'player.shortcutHelp'],
];

/** The keyboard shortcuts help, on the native <dialog> (focus trapped, Escape closes). */
export function ShortcutsDialog() {
  const { t } = useTranslation();
  const open = usePlayerUi((s) => s.helpOpen);
  const setOpen = usePlayerUi((s) => s.setHelpOpen);
  const ref = useModalDialog(open);
  const titleId = useId();

  return (
    <dialog ref={ref} className="vw-dialog" aria-labelledby={titleId} onClose={() => setOpen(false)}>
      <h2 id={titleId}>{t('player.shortcuts')}</h2>
      <dl className="vw-shortcuts">
        {rows.map(([keys, label]) => (
          <div key={label}>
            <dt>{keys.map((k, i) => <span key={k}>{i > 0 && ' / '}<kbd>{k}</kbd></span>)}</dt>
            <dd>{t(label)}</dd>
          </div>
        ))}
      </dl>
      <Button variant="secondary" onClick={() => setOpen(false)}>{t('player.close')}</Button>
    </dialog>
  );
}
