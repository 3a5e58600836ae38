import { SettingsIcon } from '@veza/ui';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_CROSSFADE_S, usePlayerSettings } from '../../stores/player-settings.ts';
import { usePlayerUi } from './player-ui.ts';
import { AutoplaySwitch } from './up-next.tsx';
import { ListenDockLink } from '../listen/listen-together.tsx';

/** A small popover in the bar: loudness normalisation, crossfade, autoplay and the shortcuts help. */
export function PlayerSettingsMenu() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const normalize = usePlayerSettings((s) => s.normalize);
  const crossfade = usePlayerSettings((s) => s.crossfade);
  const setNormalize = usePlayerSettings((s) => s.setNormalize);
  const setCrossfade = usePlayerSettings((s) => s.setCrossfade);
  const setHelpOpen = usePlayerUi((s) => s.setHelpOpen);
  const crossfadeText = crossfade === 0 ? t('player.crossfadeOff') : t('player.crossfadeValue', { count: crossfade });

  useEffect(() => {
    if (!open) return;
    const onDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className="vw-popover-anchor" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="vz-icon-button"
        aria-label={t('player.settings')}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        <SettingsIcon />
      </button>
      <div id={panelId} className="vw-popover" role="group" aria-label={t('player.settings')} hidden={!open}>
        <label className="vw-switch">
          <input type="checkbox" role="switch" checked={normalize} onChange={(e) => setNormalize(e.currentTarget.checked)} />
          <span>{t('player.normalize')}</span>
        </label>
        <AutoplaySwitch />
        <label className="vw-popover__field">
          <span aria-hidden="true">{t('player.crossfade')}: {crossfadeText}</span>
          <input
            aria-label={t('player.crossfade')}
            type="range"
            className="vz-range"
            style={{ ['--vz-range-progress' as string]: `${(crossfade / MAX_CROSSFADE_S) * 100}%` }}
            min={0}
            max={MAX_CROSSFADE_S}
            step={1}
            value={crossfade}
            aria-valuetext={crossfadeText}
            onChange={(e) => setCrossfade(Number(e.currentTarget.value))}
          />
        </label>
        <button
          type="button"
          className="vw-popover__link"
          onClick={() => {
            setOpen(false);
            setHelpOpen(true);
          }}
        >
          {t('player.shortcuts')} <kbd>?</kbd>
        </button>
        <ListenDockLink onDone={() => setOpen(false)} />
      </div>
    </div>
  );
}
